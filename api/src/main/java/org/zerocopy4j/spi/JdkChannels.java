package org.zerocopy4j.spi;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

/**
 * The JDK channel classes whose descriptors a provider reads (by class identity, so subclasses and wrappers are
 * declined), and the descriptors held for one call through the JDK's own protocol for I/O in progress
 * ({@link JdkChannelIo}): close() from another thread signals the call and frees no number until it has left; a
 * virtual thread's blocking call is signalled by the {@link Watchdog}.
 * Shared by the providers whose native code is built on native-common.
 */
public final class JdkChannels {
    private final Class<?> fileClass;
    private final Class<?> socketClass;

    /**
     * Installs the JDK's channel protocol with the library's lookup; call only once the library is loaded.
     *
     * @throws IllegalStateException when this JDK's channel classes lack a member the protocol needs
     */
    public JdkChannels(ChannelDescriptors descriptors) {
        Throwable protocol = JdkChannelIo.install(descriptors::jvmLookup);
        if (protocol != null) {
            throw new IllegalStateException("this JDK's channel classes lack the protocol for I/O in progress that "
                    + "keeps a descriptor from being closed mid-call: " + protocol, protocol);
        }
        fileClass = JdkChannelIo.channelClass(JdkChannelIo.FILE);
        socketClass = JdkChannelIo.channelClass(JdkChannelIo.SOCKET);
    }

    public boolean isFile(Channel c) {
        return c.getClass() == fileClass;
    }

    public boolean isSocket(Channel c) {
        return c.getClass() == socketClass;
    }

    public static void ensureReadable(FileChannel file) {
        if (!JdkChannelIo.isReadable(file)) {
            throw new NonReadableChannelException();
        }
    }

    public static void ensureWritable(FileChannel file) {
        if (!JdkChannelIo.isWritable(file)) {
            throw new NonWritableChannelException();
        }
    }

    public static void ensureConnected(SocketChannel socket) {
        if (!socket.isConnected()) {
            throw new NotYetConnectedException();
        }
    }

    /**
     * What a call whose channel was closed under it throws: ClosedByInterruptException when the thread was
     * interrupted (the interrupt is what closed it), else AsynchronousCloseException.
     */
    public static AsynchronousCloseException closedMidCall() {
        return Thread.currentThread().isInterrupted() ? new ClosedByInterruptException()
                : new AsynchronousCloseException();
    }

    /**
     * Throws {@link #closedMidCall()} when either channel was closed: called after a wakeup (EINTR, a poll slice),
     * because a close of either end (the file too) is what signals a blocked call.
     */
    public static void ensureOpen(Channel a, Channel b) throws AsynchronousCloseException {
        if (!a.isOpen() || (b != null && !b.isOpen())) {
            throw closedMidCall();
        }
    }

    /** Descriptors for one call; closing releases them. */
    public static final class Lease implements AutoCloseable {
        private final JdkChannelIo.Entry file;
        private final JdkChannelIo.Entry socket;
        /** The file channel's descriptor, valid until close. */
        public final int fileFd;
        /** The socket channel's descriptor, valid until close, or -1 for a file-only lease. */
        public final int socketFd;
        /** A virtual thread's call on a blocking socket, which the JDK's close() does not signal. */
        private final Watchdog.Registration registration;

        private Lease(JdkChannelIo.Entry file, JdkChannelIo.Entry socket) {
            this.file = file;
            this.socket = socket;
            this.fileFd = file.fd;
            this.socketFd = socket == null ? -1 : socket.fd;
            this.registration = socket != null && socket.blocking
                    ? Watchdog.registerIfVirtual(file.channel, socket.channel) : null;
        }

        /** The file's descriptor only: for calls between two files, each held by its own lease. */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file) throws IOException {
            return new Lease(JdkChannelIo.begin(file, JdkChannelIo.FILE, false), null);
        }

        /** The file to read and the socket to write. */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file, SocketChannel socket)
                throws IOException {
            JdkChannelIo.Entry f = JdkChannelIo.begin(file, JdkChannelIo.FILE, false);
            try {
                return new Lease(f, JdkChannelIo.begin(socket, JdkChannelIo.SOCKET, true));
            } catch (IOException | RuntimeException e) {
                JdkChannelIo.end(f, false);
                throw e;
            }
        }

        /** Throws {@link #closedMidCall()} when the file or the socket was closed: call it after every wakeup. */
        public void ensureOpen() throws AsynchronousCloseException {
            JdkChannels.ensureOpen(file.channel, socket == null ? null : socket.channel);
        }

        /**
         * Leaves the JDK's protocol. A blocking socket closed by another thread during the call ends it with
         * AsynchronousCloseException, or ClosedByInterruptException when an interrupt closed it, as the JDK's own
         * write does; the caller learns the transfer was cut off rather than taking a short count for progress.
         */
        @Override
        public void close() throws AsynchronousCloseException {
            Watchdog.unregister(registration);
            try {
                if (socket != null) {
                    JdkChannelIo.end(socket, false);
                }
            } finally {
                JdkChannelIo.end(file, false);
            }
        }
    }
}

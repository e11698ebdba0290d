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

import org.zerocopy4j.ZeroCopy;

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

    /**
     * Descriptors for one call; closing releases them. While a lease is held, the file channel's own methods that
     * take part in the JDK's protocol (position(), size()) must not be called: an interrupt makes them close the
     * channel on this very thread, and close() waits for the slot this thread holds, forever. The file's starting
     * position is therefore read before the lease is taken ({@link #fileStart}), and a new one is set after it is
     * released ({@link #setPositionOnRelease}).
     */
    public static final class Lease implements AutoCloseable {
        private final JdkChannelIo.Entry file;
        private final JdkChannelIo.Entry socket;
        /** The file channel's descriptor, valid until close. */
        public final int fileFd;
        /** The socket channel's descriptor, valid until close, or -1 for a file-only lease. */
        public final int socketFd;
        /** The offset the call was given, or the file's position read before the lease for ZeroCopy.POSITION. */
        public final long fileStart;
        private Watchdog.Registration registration;
        private long positionOnRelease = -1;

        private Lease(JdkChannelIo.Entry file, JdkChannelIo.Entry socket, long fileStart) {
            this.file = file;
            this.socket = socket;
            this.fileFd = file.fd;
            this.socketFd = socket == null ? -1 : socket.fd;
            this.fileStart = fileStart;
        }

        /** The file's descriptor only: for calls between two files, each held by its own lease. */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file) throws IOException {
            return new Lease(JdkChannelIo.begin(file, JdkChannelIo.FILE, false), null, -1);
        }

        /** The file's descriptor, for a call at {@code offset} (or at the position, read first). */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file, long offset) throws IOException {
            long start = offset == ZeroCopy.POSITION ? file.position() : offset;
            return new Lease(JdkChannelIo.begin(file, JdkChannelIo.FILE, false), null, start);
        }

        /** The file to read from {@code offset} (or from its position, read first) and the socket to write. */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file, long offset, SocketChannel socket)
                throws IOException {
            long start = offset == ZeroCopy.POSITION ? file.position() : offset;
            JdkChannelIo.Entry f = JdkChannelIo.begin(file, JdkChannelIo.FILE, false);
            JdkChannelIo.Entry s = null;
            try {
                s = JdkChannelIo.begin(socket, JdkChannelIo.SOCKET, true);
                Lease lease = new Lease(f, s, start);
                if (s.blocking) {
                    // The JDK's close() does not signal a virtual thread's blocking call.
                    lease.registration = Watchdog.registerIfVirtual(file, socket);
                }
                return lease;
            } catch (Throwable t) {
                if (s != null) {
                    JdkChannelIo.end(s, false);
                }
                JdkChannelIo.end(f, false);
                throw t;
            }
        }

        /** The file's position to set once the lease is released (the last call wins). */
        public void setPositionOnRelease(long position) {
            positionOnRelease = position;
        }

        /** Throws {@link #closedMidCall()} when the file or the socket was closed: call it after every wakeup. */
        public void ensureOpen() throws AsynchronousCloseException {
            JdkChannels.ensureOpen(file.channel, socket == null ? null : socket.channel);
            if (registration != null) {
                registration.refresh();
            }
        }

        /**
         * Leaves the JDK's protocol. A blocking socket closed by another thread during the call ends it with
         * AsynchronousCloseException, or ClosedByInterruptException when an interrupt closed it, as the JDK's own
         * write does; the caller learns the transfer was cut off rather than taking a short count for progress.
         */
        @Override
        public void close() throws IOException {
            Watchdog.unregister(registration);
            try {
                if (socket != null) {
                    JdkChannelIo.end(socket, false);
                }
            } finally {
                JdkChannelIo.end(file, false);
            }
            if (positionOnRelease >= 0 && file.channel.isOpen()) {
                ((FileChannel) file.channel).position(positionOnRelease);
            }
        }
    }
}

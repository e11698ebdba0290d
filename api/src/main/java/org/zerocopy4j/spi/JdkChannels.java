package org.zerocopy4j.spi;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

/**
 * The JDK channel classes whose descriptors a provider reads (by class identity, so subclasses and wrappers are
 * declined), and the descriptors held for one call: the file's own, with close() made to wait, and a private
 * duplicate of the socket's. Shared by the providers whose native code is built on native-common.
 */
public final class JdkChannels {
    private final Class<?> fileClass;
    private final Class<?> socketClass;

    /** Asks the library for the channel classes of the two kinds; call only once the library is loaded. */
    public JdkChannels(ChannelDescriptors descriptors, int fileKind, int socketKind) {
        fileClass = descriptors.channelClass(fileKind);
        socketClass = descriptors.channelClass(socketKind);
    }

    public boolean isFile(Channel c) {
        return c.getClass() == fileClass;
    }

    public boolean isSocket(Channel c) {
        return c.getClass() == socketClass;
    }

    public static void ensureReadable(ChannelDescriptors descriptors, FileChannel file) {
        if ((descriptors.fileAccess(file) & 1) == 0) {
            throw new NonReadableChannelException();
        }
    }

    public static void ensureWritable(ChannelDescriptors descriptors, FileChannel file) {
        if ((descriptors.fileAccess(file) & 2) == 0) {
            throw new NonWritableChannelException();
        }
    }

    public static void ensureConnected(SocketChannel socket) {
        if (!socket.isConnected()) {
            throw new NotYetConnectedException();
        }
    }

    /** Descriptors for one call; closing releases them. */
    public static final class Lease implements AutoCloseable {
        private final ChannelDescriptors descriptors;
        private final FileChannel file;
        private final int slot;
        /** The file channel's descriptor, valid until close. */
        public final int fileFd;
        /** A private duplicate of the socket's descriptor, or -1 for a file-only lease. */
        public final int socketFd;

        private Lease(ChannelDescriptors descriptors, FileChannel file, int slot, int fileFd, int socketFd) {
            this.descriptors = descriptors;
            this.file = file;
            this.slot = slot;
            this.fileFd = fileFd;
            this.socketFd = socketFd;
        }

        /** The file's descriptor only: for calls between two files, each held by its own lease. */
        public static Lease of(ChannelDescriptors descriptors, FileChannel file) throws IOException {
            long entered = descriptors.enterFile(file);
            int slot = (int) (entered >>> 32);
            int fd = (int) entered;
            if (fd < 0) {
                descriptors.exitFile(file, slot);
                throw new ClosedChannelException();
            }
            return new Lease(descriptors, file, slot, fd, -1);
        }

        public static Lease of(ChannelDescriptors descriptors, FileChannel file, SocketChannel socket)
                throws IOException {
            long entered = descriptors.enterFile(file);
            int slot = (int) (entered >>> 32);
            int fd = (int) entered;
            if (fd < 0) {
                descriptors.exitFile(file, slot);
                throw new ClosedChannelException();
            }
            int s = descriptors.leaseSocket(socket);
            if (s < 0) {
                descriptors.exitFile(file, slot);
                if (!socket.isOpen()) {
                    throw new ClosedChannelException();
                }
                throw descriptors.exception("fcntl(F_DUPFD_CLOEXEC)", -s);
            }
            return new Lease(descriptors, file, slot, fd, s);
        }

        @Override
        public void close() {
            if (socketFd >= 0) {
                descriptors.close(socketFd);
            }
            descriptors.exitFile(file, slot);
        }
    }
}

package org.zerocopy4j.aix;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

/**
 * The JDK channel classes whose descriptors the library reads (by class identity, so subclasses and wrappers are
 * declined), and the descriptors held for one call: the file's own, with close() made to wait, and a private
 * duplicate of the socket's.
 */
final class AixChannels {
    private final Class<?> fileClass;
    private final Class<?> socketClass;

    AixChannels() {
        fileClass = AixNative.channelClass(AixNative.KIND_FILE);
        socketClass = AixNative.channelClass(AixNative.KIND_SOCKET);
    }

    boolean isFile(Channel c) {
        return c.getClass() == fileClass;
    }

    boolean isSocket(Channel c) {
        return c.getClass() == socketClass;
    }

    static void ensureReadable(FileChannel file) {
        if ((AixNative.fileAccess(file) & 1) == 0) {
            throw new NonReadableChannelException();
        }
    }

    static void ensureConnected(SocketChannel socket) {
        if (!socket.isConnected()) {
            throw new NotYetConnectedException();
        }
    }

    /** Descriptors for one call; closing releases them. */
    static final class Lease implements AutoCloseable {
        private final FileChannel file;
        private final int slot;
        final int fileFd;
        final int socketFd;

        private Lease(FileChannel file, int slot, int fileFd, int socketFd) {
            this.file = file;
            this.slot = slot;
            this.fileFd = fileFd;
            this.socketFd = socketFd;
        }

        static Lease of(FileChannel file, SocketChannel socket) throws IOException {
            long entered = AixNative.enterFile(file);
            int slot = (int) (entered >>> 32);
            int fd = (int) entered;
            if (fd < 0) {
                AixNative.exitFile(file, slot);
                throw new ClosedChannelException();
            }
            int s = AixNative.leaseSocket(socket);
            if (s < 0) {
                AixNative.exitFile(file, slot);
                if (!socket.isOpen()) {
                    throw new ClosedChannelException();
                }
                throw AixErrors.exception("fcntl(F_DUPFD_CLOEXEC)", -s);
            }
            return new Lease(file, slot, fd, s);
        }

        @Override
        public void close() {
            AixNative.close(socketFd);
            AixNative.exitFile(file, slot);
        }
    }
}

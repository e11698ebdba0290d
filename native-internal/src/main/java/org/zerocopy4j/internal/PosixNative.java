package org.zerocopy4j.internal;

import java.nio.ByteBuffer;

/**
 * The POSIX calls every non-Linux core shares (native-common/c), registered here by whichever provider's library
 * loads, so each provider's own native class holds only its OS's transfer call. Each makes one call and returns its
 * result or {@code -errno} in the numbering of the OS the core was built for ({@link Errno}). Use only once a
 * provider is available. Linux's library registers the calls {@link ChannelCall} makes (lseek, the one-byte pread, poll, writev) from its raw
 * system calls. The calls on a descriptor are package-private: {@link ChannelCall} makes them on the descriptors it
 * holds through the JDK's protocol, and no caller can hand them a number of its own.
 */
public final class PosixNative {
    private PosixNative() {
    }

    static native long writev(int fd, ByteBuffer[] buffers, int[] positions, int[] lengths, int count);

    /** The socket's pending error (SO_ERROR, cleared by reading it): errno, 0 for none, or -errno. */
    static native int socketError(int fd);

    /** fstat's st_size, or -errno: FileChannel.size() must not be called while a lease holds the channel. */
    static native long fileSize(int fd);

    /** lseek(2): the new offset, or -errno ({@code whence} 0 SEEK_SET, 1 SEEK_CUR). */
    static native long seek(int fd, long offset, int whence);

    /** pread of one byte at {@code offset}, dropped: 1, 0 at or past the end of the file, or -errno. */
    static native long preadByte(int fd, long offset);

    /**
     * poll on up to two descriptors (a negative fd is ignored; events as {@link ChannelCall#POLLIN} and
     * {@link ChannelCall#POLLOUT}): -errno, 0 on timeout, else {@code revents1 | revents2 << 16}.
     */
    static native int poll(int fd1, int events1, int fd2, int events2, int timeoutMillis);
}

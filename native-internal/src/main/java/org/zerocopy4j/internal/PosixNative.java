package org.zerocopy4j.internal;

import java.nio.ByteBuffer;

/**
 * The POSIX calls every non-Linux core shares (native-common/c), registered here by whichever provider's library
 * loads, so each provider's own native class holds only its OS's transfer call. Each makes one call and returns its
 * result or {@code -errno} in the numbering of the OS the core was built for ({@link Errno}). Use only once a provider is available.
 * The calls on a descriptor are package-private: {@link JdkChannels.Lease} makes them on the descriptors it holds
 * through the JDK's protocol, and no caller can hand them a number of its own.
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
}

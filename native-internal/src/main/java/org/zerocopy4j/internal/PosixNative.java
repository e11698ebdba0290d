package org.zerocopy4j.internal;

import java.nio.ByteBuffer;

import org.zerocopy4j.NativeIOException;

/**
 * The POSIX calls every non-Linux core shares (native-common/c), registered here by whichever provider's library
 * loads, so each provider's own native class holds only its OS's transfer call. Each makes one call and returns its
 * result or {@code -errno} in the numbering of the OS the core was built for. Use only once a provider is available.
 * Linux's library registers the calls {@link ChannelCall} makes (lseek, the one-byte pread, poll, writev) from its raw
 * system calls. The calls on a descriptor are package-private: {@link ChannelCall} makes them on the descriptors it
 * holds through the JDK's protocol, and no caller can hand them a number of its own.
 */
public final class PosixNative {
    private PosixNative() {
    }

    /**
     * This OS's numbers, read from its own headers through the core (they differ between the BSDs, AIX, illumos). A
     * class of their own: the library's JNI_OnLoad initializes PosixNative when it registers the natives these need.
     */
    public static final class Errno {
        public static final int EAGAIN = errnoNumber("EAGAIN");
        public static final int EINTR = errnoNumber("EINTR");
        public static final int ESPIPE = errnoNumber("ESPIPE");

        private Errno() {
        }
    }

    /** The exception for a failed call: the OS's errno name and strerror text, as the C library gives them. */
    public static NativeIOException exception(String call, int errno) {
        String name = errnoName(errno);
        String message = errnoMessage(errno);
        return new NativeIOException(call, errno, name == null ? "errno " + errno : name,
                message == null ? "unknown error" : message);
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

    /** The symbolic name of an errno ("EPIPE"), or null for a number the core's table lacks. */
    public static native String errnoName(int errno);

    /** strerror's text for an errno, or null for a number the core's table lacks. */
    public static native String errnoMessage(int errno);

    /** The OS's number for a symbolic errno name, or 0 where it has none. */
    public static native int errnoNumber(String name);
}

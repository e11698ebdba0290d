package org.zerocopy4j.linux;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.zerocopy4j.internal.DirectBufferPool;
import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.ProviderLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-linux and declares its functions. Each function
 * makes at most one system call and returns the kernel's result, which is {@code -errno} on failure; every loop, retry
 * and error decision is made by the Java callers. Loading never throws: {@link #failure()} tells why it did not work.
 */
final class LinuxNative {
    /** This provider's own scratch buffers (header copies): no class outside its package gives one back. */
    static final DirectBufferPool BUFFERS = new DirectBufferPool();

    static final String LIBRARY_FILE = "libzerocopy4j-linux.so";

    /** The JDK channel classes the provider serves, as {@link org.zerocopy4j.internal.JdkChannelIo} numbers them. */
    static final int KIND_FILE = JdkChannelIo.FILE;
    static final int KIND_SOCKET = JdkChannelIo.SOCKET;
    static final int KIND_PIPE_SOURCE = JdkChannelIo.PIPE_SOURCE;
    static final int KIND_PIPE_SINK = JdkChannelIo.PIPE_SINK;

    /** {@link #fstat}'s {@code STAT_MODE}: its type bits and the types the provider tells apart (checked in C). */
    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFDIR = 0040000;

    /** {@link #signalDisposition(int)}: the handler is a function, the default action, or ignored. */
    static final long HANDLER_FUNCTION = 0;
    static final long HANDLER_DEFAULT = 1;
    static final long HANDLER_IGNORE = 2;

    /** {@link #fstat(int, long[])}: where each field goes in the array. */
    static final int STAT_DEV = 0;
    static final int STAT_INO = 1;
    static final int STAT_MODE = 2;
    static final int STAT_SIZE = 3;
    static final int STAT_FIELDS = 4;

    private LinuxNative() {
    }

    private static final class Loaded {
        static final Throwable FAILURE = load();
    }

    /** Null when the library is loaded and registered, else why not. */
    static Optional<Throwable> failure() {
        return Optional.ofNullable(Loaded.FAILURE);
    }

    private static Throwable load() {
        return ProviderLibrary.load(LinuxNative.class, "linux", LIBRARY_FILE, null, path -> System.load(path));
    }

    /**
     * The JDK's protocol steps (a capability: {@link JdkChannelIo}), made by this library's native code for this
     * class only; null when the library did not load, and then no call is served. Package-private: only this
     * provider's classes take part in the protocol.
     */
    static final JdkChannelIo IO = failure().isEmpty() ? channelIo() : null;

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability. */
    private static native JdkChannelIo channelIo();

    // ---- one system call each ----

    static native int close(int fd);

    static native int fcntl(int fd, int command, int argument);

    /** lseek(2): the new offset, or -errno. */
    static native long lseek(int fd, long offset, int whence);

    /** pread of one byte at {@code offset}, dropped: 1, 0 at or past the end of the file, or -errno. */
    static native long preadByte(int fd, long offset);

    /** fstat(2): the device, inode, mode and size into {@code fields} (at {@code STAT_*}); 0, or -errno. */
    static native int fstat(int fd, long[] fields);

    /** pread(2) of {@code length} bytes into a direct buffer at {@code position}: the bytes read, 0 at end, or -errno. */
    static native long pread(int fd, ByteBuffer buffer, int position, int length, long offset);

    /**
     * pwrite(2) of {@code length} bytes of a direct buffer from {@code position}; {@code offset} -1 is write(2) at the
     * file's position (its end under O_APPEND). The bytes written, or -errno.
     */
    static native long pwrite(int fd, ByteBuffer buffer, int position, int length, long offset);


    /** pipe2(O_CLOEXEC): {@code readFd << 32 | writeFd}, or -errno. */
    static native long pipe();

    /** ioctl with an int out-argument (FIONREAD): the value, or -errno. */
    static native int ioctlInt(int fd, int request);

    static native int setsockoptInt(int fd, int level, int option, int value);

    /** {@code offset} -1 uses and advances the file position. */
    static native long sendfile(int outFd, int inFd, long offset, long count);

    /** An offset of -1 means none (a pipe, a socket, or the file position). */
    static native long splice(int inFd, long inOffset, int outFd, long outOffset, long count, int flags);

    static native long tee(int inFd, int outFd, long count, int flags);

    static native long copyFileRange(int inFd, long inOffset, int outFd, long outOffset, long count);

    /** writev of {@code lengths[i]} bytes at {@code positions[i]} of each direct buffer. */
    static native long writev(int fd, ByteBuffer[] buffers, int[] positions, int[] lengths, int count);

    /** sendmsg of the same vector with MSG_NOSIGNAL and {@code flags}. */
    static native long sendmsg(int fd, ByteBuffer[] buffers, int[] positions, int[] lengths, int count, int flags);

    /**
     * ppoll on up to two descriptors (a negative fd is ignored): -errno, 0 on timeout, else
     * {@code revents1 | revents2 << 16}.
     */
    static native int poll(int fd1, int events1, int fd2, int events2, int timeoutMillis);

    /** rt_sigaction query: -errno, else {@code HANDLER_* << 40 | sa_flags}. */
    static native long signalDisposition(int signal);

    // Kernel TLS (c/tls.c, c/tls_jdk.c; include/uapi/linux/tls.h values, checked there with _Static_assert).
    static final int TLS_1_2 = 0x0303;
    static final int TLS_1_3 = 0x0304;
    static final int TLS_AES_GCM_128 = 51;
    static final int TLS_AES_GCM_256 = 52;
    static final int TLS_CHACHA20_POLY1305 = 54;
    static final int TLS_TX = 1;
    static final int TLS_RX = 2;

    /** setsockopt(TCP_ULP, "tls"): 0, or -errno (-ENOENT: no tls ULP in this kernel). */
    static native int tlsUlp(int fd);

    /**
     * setsockopt(SOL_TLS, TLS_TX or TLS_RX) with the crypto_info of {@code cipher} (TLS_AES_GCM_*, TLS_CHACHA20_*),
     * each array exactly the kernel's field length ({@code salt} null for ChaCha20-Poly1305): 0, or -errno.
     */
    static native int tlsCrypto(int fd, int direction, int version, int cipher, byte[] key, byte[] iv, byte[] salt,
            byte[] sequence);

    /** sendmsg of one record of {@code recordType} (TLS_SET_RECORD_TYPE), MSG_NOSIGNAL | flags: bytes, or -errno. */
    static native long tlsSend(int fd, int recordType, ByteBuffer buffer, int position, int length, int flags);

    /** recvmsg of decrypted bytes; {@code type[0]} gets their record type (-1: none given): bytes, or -errno. */
    static native long tlsReceive(int fd, ByteBuffer buffer, int position, int length, int flags, int[] type);

    /**
     * The SunJSSE engine's write or read cipher: { class name, key, the IV field {@code ivField} (iv or fixedIv),
     * the 8-byte sequence number, the TLS 1.3 base secret or null }, all copies.
     */
    static native Object[] tlsCipherState(javax.net.ssl.SSLEngine engine, boolean write, String ivField);
}

package org.zerocopy4j.bsd;

import java.nio.ByteBuffer;

import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.PosixLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-bsd and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in the system's numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link PosixLibrary#failure()} tells why it did not work.
 */
final class BsdNative {
    static final String LIBRARY_FILE = "libzerocopy4j-bsd.so";
    /**
     * The library, loaded on first use. Test switch -Dzerocopy4j.bsd.testLibrary: a library built from this core
     * and the FreeBSD shim (src/test/c); the provider then acts as on its OS whatever the OS.
     */
    static final PosixLibrary LIBRARY = new PosixLibrary(BsdNative.class,
            resourceOs(System.getProperty("os.name", "")), LIBRARY_FILE, "zerocopy4j.bsd.testLibrary", path -> System.load(path), BsdNative::channelIo);

    /** Arguments of {@link #sendfileFlag(int)}. */
    static final int FLAG_NODISKIO = 0;
    static final int FLAG_MNOWAIT = 1;
    static final int FLAG_SYNC = 2;
    static final int FLAG_NOCACHE = 3;

    private BsdNative() {
    }

    /**
     * The resource directory's OS part for an os.name: dragonfly for DragonFly, freebsd otherwise. FreeBSD and
     * DragonFly need different libraries (libc.so.7 or libc.so.8, their own struct stat): the jar holds
     * META-INF/native/freebsd-&lt;arch&gt;/ and dragonfly-&lt;arch&gt;/, named after os.name.
     */
    static String resourceOs(String osName) {
        return osName.equalsIgnoreCase("dragonfly") ? "dragonfly" : "freebsd";
    }

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability ({@link PosixLibrary#io()}). */
    private static native JdkChannelIo channelIo();

    /** The system's SF_* value for a {@code FLAG_*}, 0 where this system has no such flag. */
    static native int sendfileFlag(int which);

    /**
     * sendfile(fd, s, offset, nbytes, &hdtr, &sbytes, flags): 0 or -errno, with {@code sent[0]} = sbytes (headers,
     * file and trailer bytes), valid even when the call failed.
     */
    static native int sendfile(int fd, int s, long offset, long nbytes, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, int flags, long[] sent);

    /** copy_file_range with explicit offsets: bytes copied, 0 at end of input, or -errno (-ENOSYS before 13). */
    static native long copyFileRange(int inFd, long inOffset, int outFd, long outOffset, long count);
}

package org.zerocopy4j.bsd;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.zerocopy4j.internal.DirectBufferPool;
import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.ProviderLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-bsd and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in the system's numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link #failure()} tells why it did not work.
 */
final class BsdNative {
    /** This provider's own scratch buffers (header copies): no class outside its package gives one back. */
    static final DirectBufferPool BUFFERS = new DirectBufferPool();

    static final String LIBRARY_FILE = "libzerocopy4j-bsd.so";
    /**
     * Test switch: a library built from this core and the FreeBSD shim (src/test/c). When set, the provider acts as
     * on FreeBSD whatever the OS, and loads that file instead of the packaged library.
     */
    static final String TEST_LIBRARY_PROPERTY = "zerocopy4j.bsd.testLibrary";

    /** Arguments of {@link #sendfileFlag(int)}. */
    static final int FLAG_NODISKIO = 0;
    static final int FLAG_MNOWAIT = 1;
    static final int FLAG_SYNC = 2;
    static final int FLAG_NOCACHE = 3;

    private BsdNative() {
    }

    private static final class Loaded {
        static final Throwable FAILURE = load();
        static final JdkChannelIo IO = FAILURE == null ? channelIo() : null;
    }

    static Optional<Throwable> failure() {
        return Optional.ofNullable(Loaded.FAILURE);
    }

    static String testLibrary() {
        return ProviderLibrary.testLibrary(TEST_LIBRARY_PROPERTY);
    }

    /**
     * FreeBSD and DragonFly need different libraries (libc.so.7 or libc.so.8, their own struct stat): the jar holds
     * META-INF/native/freebsd-&lt;arch&gt;/ and dragonfly-&lt;arch&gt;/, named after os.name.
     */
    private static Throwable load() {
        return ProviderLibrary.load(BsdNative.class, resourceOs(System.getProperty("os.name", "")), LIBRARY_FILE,
                TEST_LIBRARY_PROPERTY, path -> System.load(path));
    }

    /** The resource directory's OS part for an os.name: dragonfly for DragonFly, freebsd otherwise. */
    static String resourceOs(String osName) {
        return osName.equalsIgnoreCase("dragonfly") ? "dragonfly" : "freebsd";
    }

    /**
     * The JDK's protocol steps (a capability: {@link JdkChannelIo}), made by this library's native code for this
     * class only; null when the library did not load, and then no call is served. Package-private: only this
     * provider's classes take part in the protocol. Held with the load, so asking for {@link #testLibrary()} on
     * another OS loads nothing.
     */
    static JdkChannelIo io() {
        return Loaded.IO;
    }

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability. */
    private static native JdkChannelIo channelIo();

    // ---- FreeBSD / DragonFly ----

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

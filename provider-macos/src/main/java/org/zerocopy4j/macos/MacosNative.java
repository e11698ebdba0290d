package org.zerocopy4j.macos;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.zerocopy4j.internal.DirectBufferPool;
import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.ProviderLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-macos and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in Darwin's numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link #failure()} tells why it did not work.
 */
final class MacosNative {
    /** This provider's own scratch buffers (header copies): no class outside its package gives one back. */
    static final DirectBufferPool BUFFERS = new DirectBufferPool();

    static final String LIBRARY_FILE = "libzerocopy4j-macos.dylib";
    /**
     * Test switch: a library built from this core and the Darwin shim (src/test/c). When set, the provider acts as
     * on macOS whatever the OS, and loads that file instead of the packaged library.
     */
    static final String TEST_LIBRARY_PROPERTY = "zerocopy4j.macos.testLibrary";

    private MacosNative() {
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

    private static Throwable load() {
        return ProviderLibrary.load(MacosNative.class, "macos", LIBRARY_FILE, TEST_LIBRARY_PROPERTY,
                path -> System.load(path));
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

    // ---- Darwin ----

    /**
     * sendfile(fd, s, offset, &len, &hdtr, 0) with {@code len} in and {@code sent[0]} out (valid even on failure):
     * 0 or -errno.
     */
    static native int sendfile(int fd, int s, long offset, long len, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, long[] sent);
}

package org.zerocopy4j.aix;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.zerocopy4j.internal.DirectBufferPool;
import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.ProviderLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-aix and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in AIX numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link #failure()} tells why it did not work.
 */
final class AixNative {
    /** This provider's own scratch buffers (header copies): no class outside its package gives one back. */
    static final DirectBufferPool BUFFERS = new DirectBufferPool();

    static final String LIBRARY_FILE = "libzerocopy4j-aix.so";
    /**
     * Test switch: a library built from this core and the AIX shim (src/test/c). When set, the provider acts as
     * on AIX whatever the OS, and loads that file instead of the packaged library.
     */
    static final String TEST_LIBRARY_PROPERTY = "zerocopy4j.aix.testLibrary";

    /** send_file flags (sys/socket.h), asserted by the C build too. */
    static final int SF_DONT_CACHE = 0x4;
    static final int SF_SYNC_CACHE = 0x8;

    private AixNative() {
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
        return ProviderLibrary.load(AixNative.class, "aix", LIBRARY_FILE, TEST_LIBRARY_PROPERTY,
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

    // ---- AIX ----

    /**
     * send_file(&s, &sf_parms, flags) with one header block (the headers, coalesced), {fd, offset, count} and one
     * trailer block: the call's 1 (more to send) or 0, or -errno; {@code parts} = header, file and trailer bytes this
     * call sent, valid on -1 too.
     */
    static native int sendFile(int s, int fd, long offset, long count, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, int flags, long[] parts);
}

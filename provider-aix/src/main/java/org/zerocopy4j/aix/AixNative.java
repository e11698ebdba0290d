package org.zerocopy4j.aix;

import java.nio.ByteBuffer;

import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.PosixLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-aix and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in AIX numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link PosixLibrary#failure()} tells why it did not work.
 */
final class AixNative {
    static final String LIBRARY_FILE = "libzerocopy4j-aix.so";
    /**
     * The library, loaded on first use. Test switch -Dzerocopy4j.aix.testLibrary: a library built from this core
     * and the AIX shim (src/test/c); the provider then acts as on its OS whatever the OS.
     */
    static final PosixLibrary LIBRARY = new PosixLibrary(AixNative.class, "aix", LIBRARY_FILE,
            "zerocopy4j.aix.testLibrary", path -> System.load(path), AixNative::channelIo);

    /** send_file flags (sys/socket.h), asserted by the C build too. */
    static final int SF_DONT_CACHE = 0x4;
    static final int SF_SYNC_CACHE = 0x8;

    private AixNative() {
    }

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability ({@link PosixLibrary#io()}). */
    private static native JdkChannelIo channelIo();

    /**
     * send_file(&s, &sf_parms, flags) with one header block (the headers, coalesced), {fd, offset, count} and one
     * trailer block: the call's 1 (more to send) or 0, or -errno; {@code parts} = header, file and trailer bytes this
     * call sent, valid on -1 too.
     */
    static native int sendFile(int s, int fd, long offset, long count, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, int flags, long[] parts);
}

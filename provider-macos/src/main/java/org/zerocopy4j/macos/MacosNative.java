package org.zerocopy4j.macos;

import java.nio.ByteBuffer;

import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.PosixLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-macos and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in Darwin's numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link PosixLibrary#failure()} tells why it did not work.
 */
final class MacosNative {
    static final String LIBRARY_FILE = "libzerocopy4j-macos.dylib";
    /**
     * The library, loaded on first use. Test switch -Dzerocopy4j.macos.testLibrary: a library built from this core
     * and the Darwin shim (src/test/c); the provider then acts as on its OS whatever the OS.
     */
    static final PosixLibrary LIBRARY = new PosixLibrary(MacosNative.class, "macos", LIBRARY_FILE,
            "zerocopy4j.macos.testLibrary", path -> System.load(path), MacosNative::channelIo);

    private MacosNative() {
    }

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability ({@link PosixLibrary#io()}). */
    private static native JdkChannelIo channelIo();

    /**
     * sendfile(fd, s, offset, &len, &hdtr, 0) with {@code len} in and {@code sent[0]} out (valid even on failure):
     * 0 or -errno.
     */
    static native int sendfile(int fd, int s, long offset, long len, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, long[] sent);
}

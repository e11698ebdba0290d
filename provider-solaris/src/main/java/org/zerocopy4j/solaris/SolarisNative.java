package org.zerocopy4j.solaris;

import java.nio.ByteBuffer;

import org.zerocopy4j.internal.JdkChannelIo;
import org.zerocopy4j.internal.PosixLibrary;

/**
 * The provider's only door to native code: it loads libzerocopy4j-solaris and declares its functions. Each function
 * makes at most one call and returns its result or {@code -errno} in the system's numbering; every loop, retry and error
 * decision is made in Java. Loading never throws: {@link PosixLibrary#failure()} tells why it did not work.
 */
final class SolarisNative {
    static final String LIBRARY_FILE = "libzerocopy4j-solaris.so";
    /**
     * The library, loaded on first use. Test switch -Dzerocopy4j.solaris.testLibrary: a library built from this core
     * and the illumos shim (src/test/c); the provider then acts as on its OS whatever the OS.
     */
    static final PosixLibrary LIBRARY = new PosixLibrary(SolarisNative.class, "illumos", LIBRARY_FILE,
            "zerocopy4j.solaris.testLibrary", path -> System.load(path), SolarisNative::channelIo);

    private SolarisNative() {
    }

    /** The jar holds META-INF/native/illumos-x86_64/ (built for illumos; Solaris 11 gets the same file, unverified). */
    static final String RESOURCE_OS = "illumos";

    /** Registered by JNI_OnLoad on this class alone: a new instance of the capability ({@link PosixLibrary#io()}). */
    private static native JdkChannelIo channelIo();

    /**
     * sendfilev(out, [headers, {fd, offset, count}, trailers], n, &xferred): 0 or -errno, with {@code sent[0]} =
     * xferred, valid even when the call failed. fd -1 leaves the file entry out.
     */
    static native int sendfilev(int out, int fd, long offset, long count, ByteBuffer[] headers, int[] headerPositions,
            int[] headerLengths, int headerCount, ByteBuffer[] trailers, int[] trailerPositions, int[] trailerLengths,
            int trailerCount, long[] sent);
}

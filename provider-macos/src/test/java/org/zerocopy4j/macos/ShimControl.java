package org.zerocopy4j.macos;

/**
 * Switches in the Darwin shim library (src/test/c/shim_macos.c), for quirks no Linux call can be made to show on
 * demand. Linked by JNI's name lookup in the shim library, which the provider has loaded: only through the shim.
 */
final class ShimControl {
    private ShimControl() {
    }

    /** The next sendfile sends this many file bytes and then fails with EINTR, as a signal would make it. */
    static native void interruptNextSendfileAfter(long fileBytes);
}

package org.zerocopy4j.bsd;

/**
 * Switches in the FreeBSD shim library (src/test/c/shim_bsd.c), for quirks no Linux call can be made to show on
 * demand. Linked by JNI's name lookup in the shim library, which the provider has loaded: only through the shim.
 */
final class ShimControl {
    private ShimControl() {
    }

    /** The next sendfile sends this many file bytes and then fails with EINTR, as a signal would make it. */
    static native void interruptNextSendfileAfter(long fileBytes);

    /**
     * The next sendfile waits, before its system call, until its socket's descriptor names another file: the JDK's
     * close of the socket by another thread swaps it for its pre-close marker (about 10 s at most).
     */
    static native void holdNextSendfileUntilClosed();

    /** Whether a sendfile is waiting as {@link #holdNextSendfileUntilClosed} asked. */
    static native boolean holding();
}

package org.zerocopy4j.aix;

/**
 * Switches in the AIX shim library (src/test/c/shim_aix.c), for what no Linux call can be made to show on demand.
 * Linked by JNI's name lookup in the shim library, which the provider has loaded: only through the shim.
 */
final class ShimControl {
    private ShimControl() {
    }

    /**
     * The next send_file waits, before its system call, until its socket's descriptor names another file: the JDK's
     * close of the socket by another thread swaps it for its pre-close marker (about 10 s at most).
     */
    static native void holdNextSendFileUntilClosed();

    /** Whether a send_file is waiting as {@link #holdNextSendFileUntilClosed} asked. */
    static native boolean holding();
}

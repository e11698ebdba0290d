package org.zerocopy4j.linux;

/** Kernel ABI values that x86_64 and aarch64 share (asm-generic), used by the Java side of each call. */
final class LinuxConstants {
    /**
     * The most one call asks the kernel for: its own per-call maximum (MAX_RW_COUNT, INT_MAX rounded down to a
     * 4 KiB page). A larger count moves no more, and an offset plus a count past Long.MAX_VALUE makes the kernel's
     * range check fail with EINVAL, so a "to the end" count of Long.MAX_VALUE is never passed as it is.
     */
    static final long MAX_CALL_BYTES = 0x7ffff000L;
    static final int POLLIN = 0x1;
    static final int POLLOUT = 0x4;

    static final int SPLICE_F_MOVE = 0x1;
    static final int SPLICE_F_NONBLOCK = 0x2;
    static final int SPLICE_F_MORE = 0x4;
    static final int SPLICE_F_GIFT = 0x8;

    static final int MSG_MORE = 0x8000;
    static final int SOL_TCP = 6;
    static final int TCP_CORK = 3;

    static final int F_GETFL = 3;
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_GETPIPE_SZ = 1032;
    static final int O_APPEND = 02000;

    static final int SA_RESTART = 0x10000000;

    private LinuxConstants() {
    }
}

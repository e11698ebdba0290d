package org.zerocopy4j;

/**
 * Flags for {@link ZeroCopy#splice} and {@link ZeroCopy#tee}, after Linux's {@code SPLICE_F_*}. All are hints:
 * a provider without them ignores them.
 */
public enum SpliceFlag {
    /** Move pages instead of copying where the kernel can. */
    MOVE,
    /** Do not block on the pipe ends (the other end follows its own blocking mode). */
    NONBLOCK,
    /** More data follows: let the kernel coalesce socket output. */
    MORE,
    /** Pages are a gift to the kernel (only meaningful for vmsplice). */
    GIFT
}

package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.List;

/** Accounting for header and trailer buffers, so every provider advances them the same way. */
public final class ByteBuffers {
    private ByteBuffers() {
    }

    /** Sum of the buffers' remaining bytes. */
    public static long remaining(List<ByteBuffer> buffers) {
        long sum = 0;
        for (int i = 0, n = buffers.size(); i < n; i++) {
            sum += buffers.get(i).remaining();
        }
        return sum;
    }

    /**
     * Advances the buffers' positions by {@code sent} bytes in order, as a gathering write that sent that many would.
     *
     * @throws IllegalArgumentException if {@code sent} is more than they hold: a kernel that reports more than was
     *                                  offered is a bug we must not hide
     */
    public static void consume(List<ByteBuffer> buffers, long sent) {
        long left = sent;
        for (int i = 0, n = buffers.size(); i < n && left > 0; i++) {
            ByteBuffer b = buffers.get(i);
            int step = (int) Math.min(left, b.remaining());
            b.position(b.position() + step);
            left -= step;
        }
        if (left > 0) {
            throw new IllegalArgumentException("consumed " + sent + " bytes but the buffers held only " + (sent - left));
        }
    }
}

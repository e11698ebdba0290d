package org.zerocopy4j.linux;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Empty pipes for splices where neither end is a pipe. A bounded pool rather than one pipe per thread: virtual threads
 * are many and short-lived, and a per-thread pipe would pin two descriptors and 1 MiB of pipe quota per thread.
 * Only empty pipes come back; a pipe left with bytes in it after an error is closed instead.
 */
final class PipePool {
    private static final int SLOTS = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
    private static final AtomicReferenceArray<KernelPipe> FREE = new AtomicReferenceArray<>(SLOTS);

    private PipePool() {
    }

    static KernelPipe acquire() throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            KernelPipe p = FREE.get(i);
            if (p != null && FREE.compareAndSet(i, p, null)) {
                return p;
            }
        }
        return KernelPipe.open(KernelPipe.PREFERRED_SIZE);
    }

    /** Returns an empty pipe to the pool, or closes it when the pool is full. */
    static void release(KernelPipe pipe) {
        for (int i = 0; i < SLOTS; i++) {
            if (FREE.get(i) == null && FREE.compareAndSet(i, null, pipe)) {
                return;
            }
        }
        pipe.close();
    }

    /** Pipes waiting in the pool (for tests counting descriptors). */
    static int pooled() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            n += FREE.get(i) != null ? 1 : 0;
        }
        return n;
    }
}

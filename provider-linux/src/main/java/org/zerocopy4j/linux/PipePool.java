package org.zerocopy4j.linux;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Empty pipes for splices where neither end is a pipe. A bounded pool rather than one pipe per thread: virtual threads
 * are many and short-lived, and a per-thread pipe would pin two descriptors and 1 MiB of pipe quota per thread.
 * Only empty pipes of full size come back; a pipe left with bytes in it after an error is closed instead, and so is
 * one smaller than the system grants (see {@link #FULL_CAPACITY}).
 */
final class PipePool {
    private static final int SLOTS = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
    private static final AtomicReferenceArray<KernelPipe> FREE = new AtomicReferenceArray<>(SLOTS);
    /**
     * The largest capacity a new pipe has had: what the system grants while the user's pipe quota is not pressed
     * ({@link KernelPipe#PREFERRED_SIZE}, or less where pipe-max-size is lower and the process may not exceed it).
     * Past the quota's soft limit the kernel refuses F_SETPIPE_SZ and makes new pipes 2 pages (8 KiB); such a pipe,
     * pooled, would serve later transfers 8 KiB per call long after the pressure ended. Pipes below this size are
     * closed instead of pooled; a system that never grants more keeps pooling the size it does grant.
     */
    private static final AtomicInteger FULL_CAPACITY = new AtomicInteger();

    /** Pipes this pool opened, ever. */
    private static final AtomicLong CREATED = new AtomicLong();
    /** Pipes handed out, ever (pooled or new): a busy relay takes one for a run of transfers, not one per call. */
    private static final AtomicLong TAKEN = new AtomicLong();
    /** Pipes opened smaller than asked: the user's pipe quota (or pipe-max-size) refused the size. */
    private static final AtomicLong UNDERSIZED = new AtomicLong();

    static {
        PipePoolEvent.register(PipePool::emit);
    }

    private PipePool() {
    }

    /** Writes the pool's state as one periodic {@link PipePoolEvent}; called by JFR, only during a recording. */
    private static void emit() {
        PipePoolEvent event = new PipePoolEvent();
        event.slots = SLOTS;
        event.pooled = pooled();
        event.open = KernelPipe.OPEN.get();
        event.inUse = Math.max(0, event.open - event.pooled);
        event.created = CREATED.get();
        event.taken = TAKEN.get();
        event.undersized = UNDERSIZED.get();
        event.fullCapacity = FULL_CAPACITY.get();
        event.commit();
    }

    static KernelPipe acquire() throws IOException {
        TAKEN.incrementAndGet();
        for (int i = 0; i < SLOTS; i++) {
            KernelPipe p = FREE.get(i);
            if (p != null && FREE.compareAndSet(i, p, null)) {
                if (p.capacity >= FULL_CAPACITY.get()) {
                    return p;
                }
                p.close(); // pooled before a larger pipe showed what the system grants
            }
        }
        KernelPipe p = KernelPipe.open(KernelPipe.PREFERRED_SIZE);
        CREATED.incrementAndGet();
        if (p.capacity < KernelPipe.PREFERRED_SIZE) {
            UNDERSIZED.incrementAndGet();
        }
        FULL_CAPACITY.accumulateAndGet(p.capacity, Math::max);
        return p;
    }

    /** Returns an empty pipe to the pool, or closes it when it is undersized or the pool is full. */
    static void release(KernelPipe pipe) {
        if (pipe.capacity >= FULL_CAPACITY.get()) {
            for (int i = 0; i < SLOTS; i++) {
                if (FREE.get(i) == null && FREE.compareAndSet(i, null, pipe)) {
                    return;
                }
            }
        }
        pipe.close();
    }

    /** Pipes handed out by {@link #acquire} since the provider started. */
    static long taken() {
        return TAKEN.get();
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

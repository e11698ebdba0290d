package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of direct buffers (the fallback's copy loops and relays, the scratch space for heap headers
 * in {@link IoVectors}): allocating a direct buffer costs far more than the call it serves. A thread takes one for the
 * length of a call and gives it back, so steady-state calls allocate nothing, and virtual threads (each a new thread,
 * which would defeat a ThreadLocal) share the same few buffers.
 *
 * <p>Each provider keeps a pool of its own where only its own classes reach it, never one shared through a public
 * static: code that gave a buffer back to a shared pool and kept a reference to it could read or change the bytes of
 * whichever call borrowed it next (another connection's headers, a relay's data). Anyone may make a pool; a pool made
 * elsewhere holds only its maker's buffers.
 */
public final class DirectBufferPool {
    public static final int BUFFER_SIZE = 64 * 1024;
    private static final int SLOTS = 16;

    private final AtomicReferenceArray<ByteBuffer> free = new AtomicReferenceArray<>(SLOTS);
    private final int size;
    /** How many buffers this pool may make; made counts them. Unbounded for the default pool. */
    private final int most;
    private final AtomicInteger made = new AtomicInteger();

    /** An empty pool of {@link #BUFFER_SIZE}-byte buffers, for one provider's own calls. */
    public DirectBufferPool() {
        this.size = BUFFER_SIZE;
        this.most = Integer.MAX_VALUE;
    }

    /**
     * An empty pool of {@code size}-byte buffers that makes at most {@code most} of them, all of which it keeps: for
     * large buffers, whose memory must stay bounded however many calls run at once ({@link #tryAcquire}).
     */
    public DirectBufferPool(int size, int most) {
        if (size <= 0 || most <= 0 || most > SLOTS) {
            throw new IllegalArgumentException("size must be positive and most within 1.." + SLOTS + ": size "
                    + size + ", most " + most);
        }
        this.size = size;
        this.most = most;
    }

    /** A cleared direct buffer of this pool's size; give it back with {@link #release}. */
    public ByteBuffer acquire() {
        ByteBuffer b = tryAcquire();
        if (b == null) {
            throw new IllegalStateException("all " + most + " buffers of this pool are in use");
        }
        return b;
    }

    /**
     * A cleared direct buffer of this pool's size, or null when a bounded pool has made its most and all are in use,
     * or the JVM's direct-memory limit refuses a new one.
     */
    public ByteBuffer tryAcquire() {
        for (int i = 0; i < SLOTS; i++) {
            ByteBuffer b = free.get(i);
            if (b != null && free.compareAndSet(i, b, null)) {
                b.clear();
                return b;
            }
        }
        // More concurrent calls than pooled buffers: this one allocates, and its buffer may fill a slot on release.
        if (most == Integer.MAX_VALUE) {
            return ByteBuffer.allocateDirect(size);
        }
        if (made.getAndUpdate(m -> m < most ? m + 1 : m) >= most) {
            return null;
        }
        try {
            return ByteBuffer.allocateDirect(size);
        } catch (OutOfMemoryError e) {
            // The direct-memory limit refused a large buffer: the caller goes on with a smaller one, and the slot
            // stays free for a later call when memory is back.
            made.decrementAndGet();
            return null;
        }
    }

    /** Gives back a buffer {@link #acquire} handed out, once, after its last use. */
    public void release(ByteBuffer buffer) {
        for (int i = 0; i < SLOTS; i++) {
            if (free.get(i) == null && free.compareAndSet(i, null, buffer)) {
                return;
            }
        }
    }
}

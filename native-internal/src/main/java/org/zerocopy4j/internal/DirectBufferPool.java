package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
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

    /** An empty pool, for one provider's own calls. */
    public DirectBufferPool() {
    }

    /** A cleared direct buffer of {@link #BUFFER_SIZE} bytes; give it back with {@link #release}. */
    public ByteBuffer acquire() {
        for (int i = 0; i < SLOTS; i++) {
            ByteBuffer b = free.get(i);
            if (b != null && free.compareAndSet(i, b, null)) {
                b.clear();
                return b;
            }
        }
        // More concurrent calls than slots: this one allocates, and its buffer may fill a slot on release.
        return ByteBuffer.allocateDirect(BUFFER_SIZE);
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

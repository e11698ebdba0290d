package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of direct buffers, shared by the providers (the fallback's copy loops and relays, the
 * scratch space for heap headers in {@link IoVectors}): allocating a direct buffer costs far more than the call it
 * serves. A thread takes one for the length of a call and gives it back, so a thread
 * never holds more than one, steady-state calls allocate nothing, and virtual threads (each a new thread, which would
 * defeat a ThreadLocal) share the same few buffers.
 */
public final class DirectBufferPool {
    public static final int BUFFER_SIZE = 64 * 1024;
    private static final int SLOTS = 16;

    private static final AtomicReferenceArray<ByteBuffer> FREE = new AtomicReferenceArray<>(SLOTS);

    private DirectBufferPool() {
    }

    /** A cleared direct buffer of {@link #BUFFER_SIZE} bytes; give it back with {@link #release}. */
    public static ByteBuffer acquire() {
        for (int i = 0; i < SLOTS; i++) {
            ByteBuffer b = FREE.get(i);
            if (b != null && FREE.compareAndSet(i, b, null)) {
                b.clear();
                return b;
            }
        }
        // More concurrent calls than slots: this one allocates, and its buffer may fill a slot on release.
        return ByteBuffer.allocateDirect(BUFFER_SIZE);
    }

    public static void release(ByteBuffer buffer) {
        for (int i = 0; i < SLOTS; i++) {
            if (FREE.get(i) == null && FREE.compareAndSet(i, null, buffer)) {
                return;
            }
        }
    }
}

package org.zerocopy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A bounded pool is what keeps large buffers' memory fixed however many calls run at once. */
class DirectBufferPoolTest {
    @Test
    void aBoundedPoolMakesAtMostItsNumberAndReusesThem() {
        DirectBufferPool pool = new DirectBufferPool(256 * 1024, 3);
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = pool.tryAcquire();
            assertNotNull(b, "buffer " + i);
            assertTrue(b.isDirect());
            assertEquals(256 * 1024, b.capacity());
            out.add(b);
        }
        assertNull(pool.tryAcquire(), "a fourth buffer while three are out");
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::acquire);
        assertEquals("all 3 buffers of this pool are in use", e.getMessage());
        ByteBuffer back = out.remove(1);
        back.position(10);
        pool.release(back);
        ByteBuffer again = pool.tryAcquire();
        assertSame(back, again, "the buffer given back");
        assertEquals(0, again.position(), "cleared");
        assertNull(pool.tryAcquire());
    }

    @Test
    void theDefaultPoolAllocatesPastItsSlots() {
        DirectBufferPool pool = new DirectBufferPool();
        for (int i = 0; i < 40; i++) {
            assertEquals(DirectBufferPool.BUFFER_SIZE, pool.acquire().capacity());
        }
    }

    @Test
    void aBoundMustFitThePoolsSlots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DirectBufferPool(1 << 20, 17));
        assertEquals("size must be positive and most within 1..16: size 1048576, most 17", e.getMessage());
    }
}

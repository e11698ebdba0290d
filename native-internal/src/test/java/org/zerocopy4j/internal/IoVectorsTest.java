package org.zerocopy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IoVectorsTest {
    @Test
    void headersAreCopiedInOrderWithoutTouchingTheCallersPositions() {
        ByteBuffer heap = ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put("ab\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
        try (IoVectors v = IoVectors.of(new DirectBufferPool(), List.of(heap, direct))) {
            assertEquals(2, v.count());
            assertEquals(heap.remaining() + 4, v.bytes());
            byte[] first = new byte[v.lengths[0]];
            v.buffers[0].duplicate().position(v.positions[0]).get(first);
            assertEquals("HTTP/1.1 200 OK\r\n", new String(first, StandardCharsets.US_ASCII));
            byte[] second = new byte[v.lengths[1]];
            v.buffers[1].duplicate().position(v.positions[1]).get(second);
            assertEquals("ab\r\n", new String(second, StandardCharsets.US_ASCII));
            assertNotSame(direct, v.buffers[1], "the kernel must read memory the vector owns, not the caller's");
        }
        assertEquals(0, heap.position());
        assertEquals(0, direct.position());
    }

    /** A server sends a heap header with every response: that must not cost a direct allocation per response. */
    @Test
    void steadyHeapHeadersReuseAFewScratchBuffers() {
        List<ByteBuffer> header = List.of(ByteBuffer.wrap(new byte[200]));
        Set<ByteBuffer> scratch = Collections.newSetFromMap(new IdentityHashMap<>());
        DirectBufferPool pool = new DirectBufferPool();
        for (int i = 0; i < 1000; i++) {
            try (IoVectors v = IoVectors.of(pool, header)) {
                assertEquals(200, v.bytes());
                assertFalse(v.buffers[0].isReadOnly());
                scratch.add(v.buffers[0]);
            }
        }
        assertTrue(scratch.size() <= 2, "1000 vectors used " + scratch.size() + " distinct direct buffers");
    }

    /**
     * A buffer given back to one pool (by code that kept a reference to it) is never lent by another: a provider's
     * calls borrow only from the pool its own classes hold, so no other code can read or change their bytes.
     */
    @Test
    void aPoolLendsOnlyBuffersGivenBackToIt() {
        ByteBuffer spy = ByteBuffer.allocateDirect(DirectBufferPool.BUFFER_SIZE);
        new DirectBufferPool().release(spy);
        DirectBufferPool providers = new DirectBufferPool();
        try (IoVectors v = IoVectors.of(providers, List.of(ByteBuffer.wrap(new byte[] {42})))) {
            assertNotSame(spy, v.buffers[0]);
        }
    }

    /** A buffer over an FFM arena closed by then (JDK 22+, reached by reflection: this module compiles for 17). */
    @Test
    void aBufferWhoseArenaIsClosedFailsAndGivesItsScratchBack() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "FFM arenas are final from JDK 22");
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
        AutoCloseable arena = (AutoCloseable) arenaType.getMethod("ofShared").invoke(null);
        Object segment = arenaType.getMethod("allocate", long.class).invoke(arena, 51L);
        ByteBuffer freed = (ByteBuffer) Class.forName("java.lang.foreign.MemorySegment").getMethod("asByteBuffer")
                .invoke(segment);
        arena.close();
        DirectBufferPool pool = new DirectBufferPool();
        assertThrows(IllegalStateException.class, () -> IoVectors.of(pool, List.of(ByteBuffer.wrap(new byte[3]), freed)));
        assertNotSame(freed, pool.acquire());
    }
}

package org.zerocopy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IoVectorsTest {
    @Test
    void heapHeadersAreCopiedInOrderWithoutTouchingTheCallersPositions() {
        ByteBuffer heap = ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer direct = ByteBuffer.allocateDirect(4).put("ab\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
        try (IoVectors v = IoVectors.of(List.of(heap, direct))) {
            assertEquals(2, v.count());
            assertEquals(heap.remaining() + 4, v.bytes());
            byte[] first = new byte[v.lengths[0]];
            v.buffers[0].duplicate().position(v.positions[0]).get(first);
            assertEquals("HTTP/1.1 200 OK\r\n", new String(first, StandardCharsets.US_ASCII));
            assertSame(direct, v.buffers[1], "a direct buffer is passed as it is");
        }
        assertEquals(0, heap.position());
    }

    /** A server sends a heap header with every response: that must not cost a direct allocation per response. */
    @Test
    void steadyHeapHeadersReuseAFewScratchBuffers() {
        List<ByteBuffer> header = List.of(ByteBuffer.wrap(new byte[200]));
        Set<ByteBuffer> scratch = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 1000; i++) {
            try (IoVectors v = IoVectors.of(header)) {
                assertEquals(200, v.bytes());
                assertFalse(v.buffers[0].isReadOnly());
                scratch.add(v.buffers[0]);
            }
        }
        assertTrue(scratch.size() <= 2, "1000 vectors used " + scratch.size() + " distinct direct buffers");
    }
}

package org.zerocopy4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class ByteBuffersTest {

    @Test
    void consumeAdvancesBuffersInOrderAndRefusesImpossibleCounts() {
        ByteBuffer a = ByteBuffer.allocate(5);
        ByteBuffer b = ByteBuffer.allocate(7);
        List<ByteBuffer> list = List.of(a, b);
        ByteBuffers.consume(list, 8);
        assertEquals(5, a.position());
        assertEquals(3, b.position());
        assertEquals(4, ByteBuffers.remaining(list));
        assertThrows(IllegalArgumentException.class, () -> ByteBuffers.consume(list, 5));
    }
}

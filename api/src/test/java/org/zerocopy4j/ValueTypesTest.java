package org.zerocopy4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void optionsCopyTheArrayAndCannotBeChangedAfterBuild() {
        ByteBuffer a = ByteBuffer.wrap(new byte[3]);
        ByteBuffer[] headers = {a};
        SendfileOptions o = SendfileOptions.builder().headers(headers).flags(SendfileFlag.MORE).build();
        headers[0] = ByteBuffer.allocate(100);
        assertEquals(3, o.headerBytesRemaining());
        assertThrows(UnsupportedOperationException.class, () -> o.headers().add(a));
        assertThrows(UnsupportedOperationException.class, () -> o.flags().add(SendfileFlag.SYNC));
        assertEquals(Set.of(SendfileFlag.MORE), o.flags());
        assertEquals(0, SendfileOptions.NONE.headerBytesRemaining());
    }

    @Test
    void sendfileHeadersAndFlagsAreCapabilitiesNotOperations() {
        // accepts(Feature, ...) and features() speak of operations only: a capability is no Feature value.
        for (String capability : new String[] {"SENDFILE_HEADERS", "SENDFILE_FLAGS"}) {
            assertThrows(IllegalArgumentException.class, () -> Feature.valueOf(capability), capability);
        }
        assertEquals(Set.of("SENDFILE_HEADERS", "SENDFILE_FLAGS"),
                Set.of(Capability.values()).stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void nativeExceptionMessageNamesCallErrnoAndDescription() {
        NativeIOException e = new NativeIOException("sendfile", 32, "EPIPE", "Broken pipe");
        assertEquals("sendfile: EPIPE (Broken pipe)", e.getMessage());
        assertEquals(32, e.errno());
        assertEquals("EPIPE", e.errnoName());
        assertEquals("sendfile", e.call());
        assertEquals(0, e.bytesTransferred());
    }

    @Test
    void nativeExceptionSaysHowManyBytesReachedTheOutput() {
        NativeIOException e = new NativeIOException("write", 27, "EFBIG", "File too large", 25_536);
        assertEquals("write: EFBIG (File too large) after 25536 bytes reached the output", e.getMessage());
        assertEquals(25_536, e.bytesTransferred());
        assertEquals("write: EFBIG (File too large)",
                new NativeIOException("write", 27, "EFBIG", "File too large", 0).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NativeIOException("write", 27, "EFBIG", "File too large", -1));
    }
}

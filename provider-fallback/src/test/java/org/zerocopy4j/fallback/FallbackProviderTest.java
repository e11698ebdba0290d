package org.zerocopy4j.fallback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;

/**
 * What users of the fallback alone rely on; the behaviour suite in integration-tests runs every operation against it.
 * It serves any channel pair, promises nothing in the kernel, refuses flags that would change what sendfile returns,
 * and declines tee, which has no pure-Java equivalent.
 */
class FallbackProviderTest {
    @TempDir
    Path dir;

    private final FallbackProvider fallback = new FallbackProvider();

    @Test
    void availableEverywhereWithNoKernelFeaturesAndNoTee() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel in = pipe.source(); Pipe.SinkChannel out = pipe.sink()) {
            assertTrue(fallback.isAvailable());
            assertTrue(fallback.features().isEmpty());
            assertTrue(fallback.accepts(Feature.SPLICE, in, out));
            assertFalse(fallback.accepts(Feature.TEE, in, out));
        }
    }

    @Test
    void sendfileWithHeadersToAnyChannelAndNoDiskIoRefused() throws Exception {
        Path file = Files.write(dir.resolve("f"), "0123456789".getBytes());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            SendfileOptions head = SendfileOptions.builder().headers(ByteBuffer.wrap("H:".getBytes())).build();
            assertEquals(2 + 4, fallback.sendfile(Channels.newChannel(sink), in, 3, 4, head));
            assertArrayEquals("H:3456".getBytes(), sink.toByteArray());
            assertEquals(0, in.position(), "an explicit offset leaves the position alone");
            SendfileOptions noDiskIo = SendfileOptions.builder().flags(SendfileFlag.NODISKIO).build();
            assertThrows(UnsupportedOperationException.class,
                    () -> fallback.sendfile(Channels.newChannel(sink), in, 0, 4, noDiskIo));
        }
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/**
 * What an operator sees in a JFR recording: every call through the façade is an {@code org.zerocopy4j.Transfer}
 * event naming the operation, the provider that served it, the channel kinds, the offsets and the bytes it returned,
 * against every provider. A provider that declined first shows up as {@code org.zerocopy4j.Declined}.
 */
@VirtualThreadsWhenAsked
class TransferEventsBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void eachCallIsATransferEventWithTheBytesItReturned(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 10_000;
        Path source = TestFiles.withPattern(dir, size);
        long sent;
        long spliced;
        long copied;
        long atEnd;
        long relayed;
        byte[] header = "HEADER\n".getBytes();
        byte[] trailer = "TRAIL".getBytes();
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("org.zerocopy4j.Transfer").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.enable("org.zerocopy4j.Declined");
            recording.start();
            try (FileChannel in = TestFiles.read(source); FileChannel out = TestFiles.write(dir.resolve("copy"));
                    LoopbackPeer peer = LoopbackPeer.open()) {
                SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap(header))
                        .trailers(ByteBuffer.wrap(trailer)).build();
                sent = zc.sendfile(peer.sender(), in, 100, 1000, options);
                copied = zc.copyRange(in, 0, out, ZeroCopy.POSITION, size);
                Pipe pipe = Pipe.open();
                try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel src = pipe.source()) {
                    spliced = zc.splice(in, size - 500, sink, ZeroCopy.POSITION, 500);
                    atEnd = zc.splice(in, size, sink, ZeroCopy.POSITION, 10);
                    try (SocketPair pair = new SocketPair(); Relay relay = zc.relay(src, pair.client)) {
                        relayed = relay.transfer(10_000);
                        ByteBuffer got = ByteBuffer.allocate((int) relayed);
                        while (got.hasRemaining()) {
                            pair.server.read(got);
                        }
                        assertArrayEquals(Arrays.copyOfRange(TestFiles.pattern(size, 0), size - 500,
                                size - 500 + (int) relayed), got.array());
                    }
                }
            }
            recording.stop();
            Path file = dir.resolve("recording.jfr");
            recording.dump(file);
            long me = Thread.currentThread().getId();
            events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == me)
                    // A virtual thread's events reach the file through its carriers' buffers, not in call order.
                    .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                    .collect(Collectors.toList());
        }
        List<String> order = zc.dispatchOrder().stream().map(p -> p.name()).collect(Collectors.toList());
        List<RecordedEvent> transfers = named(events, "org.zerocopy4j.Transfer");
        assertEquals(5, transfers.size(), "one event per call: " + transfers);

        RecordedEvent s = transfers.get(0);
        assertCall(s, "sendfile", "file", "socket", 100, -1, 1000, sent, order, provider);
        assertEquals(header.length, s.getLong("headerBytes"));
        assertEquals(trailer.length, s.getLong("trailerBytes"));
        assertCall(transfers.get(1), "copyRange", "file", "file", 0, -1, size, copied, order, provider);
        assertCall(transfers.get(2), "splice", "file", "pipe-sink", size - 500, -1, 500, spliced, order, provider);
        assertEquals(-1, atEnd);
        assertCall(transfers.get(3), "splice", "file", "pipe-sink", size, -1, 10, -1, order, provider);
        assertEquals("end", transfers.get(3).getString("outcome"));
        assertEquals(500, relayed, "the relay moves what the pipe held");
        assertCall(transfers.get(4), "relay", "pipe-source", "socket", -1, -1, 10_000, relayed, order, provider);
        assertEquals(copied, Files.size(dir.resolve("copy")));
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    /** The event is for this call, with the bytes it returned, served by a provider of the dispatch order. */
    private static void assertCall(RecordedEvent e, String operation, String in, String out, long inOffset,
            long outOffset, long requested, long returned, List<String> order, String provider) {
        String where = e.toString();
        assertEquals(operation, e.getString("operation"), where);
        assertEquals(in, e.getString("inKind"), where);
        assertEquals(out, e.getString("outKind"), where);
        assertEquals(inOffset, e.getLong("inOffset"), where);
        assertEquals(outOffset, e.getLong("outOffset"), where);
        assertEquals(requested, e.getLong("requested"), where);
        assertEquals(Math.max(returned, 0), e.getLong("bytes"), where);
        assertEquals(returned > 0 ? "moved" : returned == 0 ? "none" : "end", e.getString("outcome"), where);
        String served = e.getString("provider");
        assertTrue(e.getString("path").startsWith(served + "/" + operation + " "), where);
        // The named provider, or one after it that took a call the named one did not accept or declined.
        assertTrue(order.indexOf(served) >= 0, served + " is not in the dispatch order " + order + ": " + where);
        assertTrue(served.equals(provider) || order.indexOf(served) > order.indexOf(provider), where);
    }
}

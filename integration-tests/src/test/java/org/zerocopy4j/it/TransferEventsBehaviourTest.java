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

    /**
     * The route each provider takes for the calls above: the provider names it from inside the call ({@code
     * CallTrace.path}); a call that ended before any route (the splice at end of file, in the fallback) shows the
     * operation.
     */
    private static String expectedPath(String served, String operation, long returned) {
        switch (served + "/" + operation) {
            case "linux/sendfile":
            case "macos/sendfile":
            case "bsd/sendfile":
                return "sendfile";
            case "solaris/sendfile":
                return "sendfilev";
            case "aix/sendfile":
                return "send_file";
            case "linux/copyRange":
            case "bsd/copyRange":
                return "copy_file_range";
            case "linux/splice":
                return "splice";
            case "linux/relay":
                return "relay-pipe";
            case "fallback/relay":
                return "relay-buffer";
            case "fallback/sendfile":
            case "fallback/copyRange":
                return "buffer";
            case "fallback/splice":
                return returned < 0 ? "splice" : "buffer";
            default:
                return "(no expectation for " + served + "/" + operation + ")";
        }
    }

    /**
     * A call to a peer that starts reading late waits for the socket: the event's duration covers the delay, and
     * its {@code waited} field the time the provider waited for readiness outside the system call (parked, on a
     * virtual thread, whose descriptor the JDK made non-blocking). A platform thread's blocking socket waits inside
     * the kernel's call, which no provider can tell apart from the copy: there {@code waited} stays within the
     * duration. The fallback's waits are the JDK's own (inside its channel's write), not counted either.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aCallToASlowReaderRecordsItsWait(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 1 << 20;
        long delayMillis = 150;
        Path source = TestFiles.withPattern(dir, size);
        List<RecordedEvent> events;
        long sent;
        try (Recording recording = new Recording()) {
            recording.enable("org.zerocopy4j.Transfer").withThreshold(Duration.ZERO).withoutStackTrace();
            try (FileChannel in = TestFiles.read(source); LoopbackPeer peer = LoopbackPeer.holdReading()) {
                // The socket's buffers full first, so that the call finds it unable to take a byte.
                long filled = fill(peer.sender());
                recording.start();
                Thread late = new Thread(() -> {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    peer.resumeReading();
                });
                late.start();
                sent = zc.transferFully(in, peer.sender(), size);
                late.join();
                assertEquals(filled + sent, peer.finish().length);
            }
            recording.stop();
            Path file = dir.resolve("wait.jfr");
            recording.dump(file);
            long me = Thread.currentThread().getId();
            events = named(RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == me)
                    .collect(Collectors.toList()), "org.zerocopy4j.Transfer");
        }
        // transferFully: one event per sendfile it made; the calls together waited for the reader.
        assertTrue(!events.isEmpty(), "events: " + events);
        long waited = 0;
        long duration = 0;
        for (RecordedEvent e : events) {
            assertEquals("sendfile", e.getString("operation"), e.toString());
            assertTrue(e.getLong("waited") >= 0 && e.getLong("waited") <= e.getDuration().toNanos(),
                    "waited within the call: " + e);
            waited += e.getLong("waited");
            duration += e.getDuration().toNanos();
        }
        String where = events.size() + " calls, waited " + waited + " ns in " + duration + " ns, on "
                + Thread.currentThread() + ": " + events;
        assertEquals(size, sent, where);
        assertTrue(duration >= Duration.ofMillis(delayMillis / 2).toNanos(), "the calls lasted the delay: " + where);
        if (isVirtual(Thread.currentThread()) && !provider(events).equals("fallback")) {
            assertTrue(waited >= Duration.ofMillis(delayMillis / 2).toNanos(), "waited for the late reader: " + where);
        }
    }

    private static String provider(List<RecordedEvent> events) {
        return events.get(0).getString("provider");
    }

    /** Writes to the socket until it takes no more now: the bytes written. */
    private static long fill(java.nio.channels.SocketChannel socket) throws Exception {
        // A fixed send buffer: the kernel's autotuning would otherwise grow it while the call runs.
        socket.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 32 * 1024);
        socket.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        for (int idle = 0; idle < 3; ) {
            chunk.clear();
            int n = socket.write(chunk);
            total += n;
            if (n == 0) {
                idle++;
                Thread.sleep(20); // loopback may move more into the receiver's buffer just after
            }
        }
        socket.configureBlocking(true);
        return total;
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        }
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
        assertEquals(expectedPath(served, operation, returned), e.getString("path"), where);
        // The named provider, or one after it that took a call the named one did not accept or declined.
        assertTrue(order.indexOf(served) >= 0, served + " is not in the dispatch order " + order + ": " + where);
        assertTrue(served.equals(provider) || order.indexOf(served) > order.indexOf(provider), where);
    }
}

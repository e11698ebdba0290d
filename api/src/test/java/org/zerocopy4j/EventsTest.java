package org.zerocopy4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.FakeProviders.Fake;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The façade's JFR events with scripted providers: declines, thrown outcomes, and events that fail. */
class EventsTest {
    @TempDir
    Path dir;

    private FileChannel file() throws Exception {
        Path p = Files.createTempFile(dir, "d", ".bin");
        return FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Runs {@code body} under a recording of every zerocopy4j event and returns this thread's events. */
    private List<RecordedEvent> recorded(Body body) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("org.zerocopy4j.Transfer").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.enable("org.zerocopy4j.Declined");
            recording.start();
            body.run();
            recording.stop();
            Path file = Files.createTempFile(dir, "rec", ".jfr");
            recording.dump(file);
            long me = Thread.currentThread().getId();
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("org.zerocopy4j."))
                    .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == me)
                    .collect(Collectors.toList());
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    @Test
    void aDeclineIsAnEventAndACountDiagnosticsReports() throws Exception {
        String reason = "sendfile(2) will not write to this socket (EventsTest)";
        Fake bsd = new Fake("bsd", 100, null, (a, b) -> true) {
            @Override
            public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count,
                    SendfileOptions options) {
                throw new DeclinedException(reason);
            }
        };
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(bsd, Fake.available("general", 0)));
        long before = Events.declineCounts().getOrDefault("bsd", java.util.Map.of()).getOrDefault(reason, 0L);
        List<RecordedEvent> events = recorded(() -> {
            try (FileChannel in = file(); FileChannel out = file()) {
                assertEquals(10, zc.sendfile(out, in, 0, 10));
            }
        });
        assertEquals(List.of("org.zerocopy4j.Declined", "org.zerocopy4j.Transfer"),
                events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList()));
        RecordedEvent declined = events.get(0);
        assertEquals("bsd", declined.getString("provider"));
        assertEquals("sendfile", declined.getString("operation"));
        assertEquals(reason, declined.getString("reason"));
        assertEquals("general", events.get(1).getString("provider"));
        assertEquals(10, events.get(1).getLong("bytes"));
        assertEquals(before + 1, (long) Events.declineCounts().get("bsd").get(reason));

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        Diagnostics.report(new PrintStream(report, true));
        assertTrue(report.toString().contains(reason), report.toString());
    }

    @Test
    void anExceptionIsTheOutcomeAndStillReachesTheCaller() throws Exception {
        java.io.UncheckedIOException failure = new java.io.UncheckedIOException(new IOException("EIO on purpose"));
        Fake broken = new Fake("broken", 1, null, (a, b) -> true) {
            @Override
            public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) {
                throw failure;
            }
        };
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(broken));
        List<RecordedEvent> events = recorded(() -> {
            try (FileChannel in = file(); FileChannel out = file()) {
                assertSame(failure, assertThrows(java.io.UncheckedIOException.class, () -> zc.copyRange(in, 3, out, 4, 5)));
            }
        });
        assertEquals(1, events.size(), events.toString());
        RecordedEvent e = events.get(0);
        assertEquals("java.io.UncheckedIOException", e.getString("outcome"));
        assertEquals("broken", e.getString("provider"));
        assertEquals(3, e.getLong("inOffset"));
        assertEquals(4, e.getLong("outOffset"));
        assertEquals(5, e.getLong("requested"));
        assertEquals(0, e.getLong("bytes"));
    }

    @Test
    void anEventThatCannotBeWrittenNeverAffectsTheTransfer() throws Exception {
        // The provider's name is only asked for the event; when that fails the event is dropped, the call is not.
        Fake nameless = new Fake("nameless", 1, null, (a, b) -> true) {
            @Override
            public String name() {
                throw new IllegalStateException("no name on purpose");
            }
        };
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(nameless));
        List<RecordedEvent> events = recorded(() -> {
            try (FileChannel in = file(); FileChannel out = file()) {
                assertEquals(7, zc.splice(in, 0, out, 0, 7));
                assertEquals(10, zc.sendfile(out, in, 0, 10));
            }
        });
        assertEquals(List.of(), events, "both events dropped, both calls done");
        assertEquals(List.of("splice 0 0 7 []", "sendfile 0 10"), nameless.calls);
    }

    @Test
    void aRecordingSeesTheOpenRelaysPeriodically() throws Exception {
        Fake p = new Fake("p", 1, null, (a, b) -> true) {
            @Override
            public Relay relay(ReadableByteChannel in, WritableByteChannel out) {
                return new Relay() {
                    @Override
                    public long transfer(long max) {
                        return max;
                    }

                    @Override
                    public long pending() {
                        return 0;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(p));
        List<RecordedEvent> events;
        try (FileChannel in = file(); FileChannel out = file(); Recording recording = new Recording()) {
            // The first relay registers the periodic event (when JFR runs): before the recording starts, so that the
            // JFR periodic thread knows its 50 ms period from the start.
            Relay kept = zc.relay(in, out);
            recording.enable("org.zerocopy4j.Relays").withPeriod(Duration.ofMillis(50));
            recording.enable("org.zerocopy4j.Transfer").withThreshold(Duration.ZERO).withoutStackTrace();
            recording.start();
            Relay closed = zc.relay(in, out);
            assertEquals(5, closed.transfer(5));
            closed.close();
            closed.close();
            Thread.sleep(1200);
            recording.stop();
            Path file = Files.createTempFile(dir, "rec", ".jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
            kept.close();
        }
        List<RecordedEvent> relays = events.stream()
                .filter(e -> e.getEventType().getName().equals("org.zerocopy4j.Relays")).collect(Collectors.toList());
        assertTrue(!relays.isEmpty(), "no Relays event");
        RecordedEvent last = relays.get(relays.size() - 1);
        assertTrue(last.getLong("open") >= 1, last.toString());
        assertTrue(last.getLong("opened") >= 2, last.toString());
        assertTrue(last.getLong("closed") >= 1, last.toString());
        assertEquals(last.getLong("opened") - last.getLong("closed"), last.getLong("open"), "a second close counts once");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("org.zerocopy4j.Transfer")
                && e.getString("operation").equals("relay") && e.getString("provider").equals("p")
                && e.getLong("bytes") == 5), events.toString());
    }

    @Test
    void withoutARecordingNothingIsWrittenAndCallsAreUnchanged() throws Exception {
        Fake p = Fake.available("p", 1);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(p));
        try (FileChannel in = file(); FileChannel out = file()) {
            assertEquals(10, zc.sendfile(out, in, 0, 10));
        }
        assertEquals(List.of("sendfile 0 10"), p.calls);
    }
}

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** During a recording the pool reports itself periodically: the pipes in use, pooled and created. */
class PipePoolEventTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingSeesThePipesHeldAndPooled() throws Exception {
        assertTrue(new LinuxProvider().isAvailable());
        // Initializes the pool, which registers its periodic event, before the recording starts.
        PipePool.pooled();
        List<KernelPipe> held = new ArrayList<>();
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("org.zerocopy4j.PipePool").withPeriod(Duration.ofMillis(50));
            recording.start();
            for (int i = 0; i < 3; i++) {
                held.add(PipePool.acquire());
            }
            Thread.sleep(300);
            int created = held.size();
            for (KernelPipe p : held) {
                PipePool.release(p);
            }
            Thread.sleep(300);
            recording.stop();
            Path file = dir.resolve("pool.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("org.zerocopy4j.PipePool"))
                    .collect(Collectors.toList());
            assertFalse(events.isEmpty(), "no PipePool event in the recording");
            assertTrue(events.stream().anyMatch(e -> e.getInt("inUse") >= created), events.toString());
            RecordedEvent last = events.get(events.size() - 1);
            assertTrue(last.getInt("pooled") >= Math.min(created, last.getInt("slots")), last.toString());
            assertTrue(last.getLong("created") >= 1, last.toString());
            assertEquals(last.getInt("open"), last.getInt("pooled") + last.getInt("inUse"), last.toString());
            assertTrue(Files.size(file) > 0);
        }
    }
}

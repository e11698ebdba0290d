package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 24: rows run interleaved, and a round that ends with the load above the limit is left out. */
class InterleaverLoadTest {

    private static Scenario twoRows(List<String> order) {
        List<Variant> v = new ArrayList<>();
        for (String id : List.of("A", "B")) {
            v.add(new Variant(id, id, Variant.Kind.JDK, () -> {
                order.add(id);
                return new Measured(1, 1, 1_000_000, 1_000, -1);
            }));
        }
        return new Scenario(7, "s", "s", true, null, null, v, List.of());
    }

    @Test
    void aRoundEndingAboveTheLoadLimitIsLeftOut() {
        List<String> order = new ArrayList<>();
        // warm-up, round 1, round 2 (loaded), round 3
        Iterator<Double> loads = List.of(0.2, 0.3, 2.0, 0.4).iterator();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ScenarioResult r = new Interleaver(1, 3, new PrintStream(log, true, StandardCharsets.UTF_8), 1.5, false,
                loads::next).run(twoRows(order));
        assertEquals(List.of("A", "B", "A", "B", "A", "B", "A", "B"), order);
        assertEquals(2, r.samples("A").size());
        assertEquals(2, r.samples("B").size());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("round 2") && n.contains("left out")), r.notes()
                .toString());
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("round 2: 1-minute load average 2.00 > 1.5: left out"), printed);
    }

    @Test
    void ignoreLoadMarksTheRoundButKeepsIt() {
        Iterator<Double> loads = List.of(2.0, 2.0).iterator();
        ScenarioResult r = new Interleaver(0, 2, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), 1.5, true, loads::next).run(twoRows(new ArrayList<>()));
        assertEquals(2, r.samples("A").size());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("kept, because --ignore-load")), r.notes().toString());
    }

    /**
     * A saturation row keeps the load average at 2 by itself: judged by another check (the other processes' CPU), its
     * rounds are kept whatever the load average says, and with both checks a round either finds loaded is left out.
     */
    @Test
    void aRoundIsJudgedByTheCheckItsScenarioRunsWith() {
        Interleaver.RoundCheck quietOthers = () -> () -> new Interleaver.Load("other processes 0.01 cores", false);
        Interleaver.RoundCheck busyOthers = () -> () -> new Interleaver.Load("other processes 0.90 cores > 0.5",
                true);
        Iterator<Double> loads = List.of(2.4, 0.3).iterator();
        Interleaver.RoundCheck loadAverage = Interleaver.RoundCheck.loadAverage(1.5, loads::next);
        Interleaver i = new Interleaver(0, 2, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), loadAverage, false);
        ScenarioResult saturation = i.run(twoRows(new ArrayList<>()), quietOthers);
        assertEquals(2, saturation.samples("A").size(), saturation.notes().toString());
        ScenarioResult both = i.run(twoRows(new ArrayList<>()), loadAverage.and(busyOthers));
        assertEquals(0, both.samples("A").size(), both.notes().toString());
        assertTrue(both.notes().contains("round 1: 1-minute load average 2.40 > 1.5, other processes 0.90 cores > 0.5:"
                + " left out"), both.notes().toString());
        assertTrue(both.notes().contains("round 2: 1-minute load average 0.30, other processes 0.90 cores > 0.5:"
                + " left out"), both.notes().toString());
    }
}

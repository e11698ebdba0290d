package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatsAndCountsTest {

    private static Measured cpu(long cpuNs) {
        return new Measured(1_000_000_000L, 1, 1_000_000_000L, cpuNs, -1);
    }

    @Test
    void medianAndRangeOfSamples() {
        Stats odd = Stats.of(List.of(cpu(300_000_000), cpu(100_000_000), cpu(200_000_000)),
                Measured::cpuSecondsPerGb);
        Stats even = Stats.of(List.of(cpu(100_000_000), cpu(400_000_000)), Measured::cpuSecondsPerGb);

        assertEquals(0.2, odd.median(), 1e-9);
        assertEquals(0.1, odd.min(), 1e-9);
        assertEquals(0.3, odd.max(), 1e-9);
        assertEquals(0.25, even.median(), 1e-9);
        assertTrue(Double.isNaN(Stats.of(List.of(), Measured::cpuSecondsPerGb).median()));
    }

    @Test
    void unreadSegmentCountsAreLeftOut() {
        Measured none = new Measured(10, 5, 1, 1, -1);
        Measured some = new Measured(10, 5, 1, 1, 10);

        assertEquals(-1, none.segmentsPerCall());
        assertEquals(2.0, some.segmentsPerCall());
        assertEquals(2.0, Stats.of(List.of(none, some), Measured::segmentsPerCall).median());
    }

    @Test
    void parsesStraceSummary() {
        List<String> summary = List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 70.00    0.007000           3      2000           sendfile",
                " 20.00    0.002000           1      2000           write",
                " 10.00    0.001000           0      2020        12 newfstatat",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.010000                  6020        12 total");

        Map<String, Long> calls = SyscallCounting.parse(summary);

        assertEquals(Map.of("sendfile", 2000L, "write", 2000L, "newfstatat", 2020L), calls);
        assertEquals(3.01, new Variant.SyscallCount(2000, calls).perResponse(), 1e-9);
    }
}

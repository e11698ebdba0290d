package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine's CPU is at least what this thread burned meanwhile. */
class MachineCpuTest {

    @Test
    void seesThisThreadsWork() {
        long before = MachineCpu.nowNs();
        long end = System.nanoTime() + 400_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += end ^ x;
        }
        long spent = MachineCpu.between(before, MachineCpu.nowNs());
        // 400 ms of spinning, less two 10 ms ticks of rounding.
        assertTrue(spent >= 380_000_000L, "machine CPU " + spent + " ns for 400 ms of spinning (" + x + ")");
    }
}

package org.zerocopy4j.bench.real;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.bench.Interleaver.Load;

/**
 * A round is left out for what other processes did, not for what the run's own servers and clients did: a saturation
 * row keeps the load average at 2 on a quiet machine.
 */
class OtherCpuTest {

    /** Work outside this JVM's process tree (a process its parent left behind, as any other user's) is other work. */
    @Test
    void aProcessOutsideTheRunIsOtherWork() throws Exception {
        // The shell starts a 2-second busy loop in the background and exits at once: the loop is reparented, no
        // longer a descendant of this JVM.
        new ProcessBuilder(List.of("sh", "-c", "timeout 2 sh -c 'while :; do :; done' >/dev/null 2>&1 &"))
                .start().waitFor();
        Supplier<Load> judge = OtherCpu.check().start();
        Thread.sleep(1000);
        Load seen = judge.get();
        assertTrue(seen.loaded(), seen.said());
    }

    /** This JVM's own work (the run's servers and clients are its descendants) is not other work. */
    @Test
    void theRunsOwnWorkIsNot() {
        Supplier<Load> judge = OtherCpu.check().start();
        long end = System.nanoTime() + 1_000_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += end ^ x;
        }
        Load seen = judge.get();
        if (seen.loaded()) {
            // Only another process busy meanwhile excuses it: a second without the spin must then show it too.
            assertTrue(otherWorkWithoutUs(), "this JVM's own spin counted as other work: " + seen.said() + " (" + x
                    + ")");
        }
    }

    /** Whether something else kept a core busy for a second meanwhile (the assertion above then proves nothing). */
    private static boolean otherWorkWithoutUs() {
        Supplier<Load> judge = OtherCpu.check().start();
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return judge.get().loaded();
    }
}

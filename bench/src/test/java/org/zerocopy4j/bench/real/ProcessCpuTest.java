package org.zerocopy4j.bench.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A server's CPU is its whole process tree: nginx's worker and socat's children are where the work happens. */
class ProcessCpuTest {

    @Test
    void countsTheWorkOfChildrenAndOfChildrenAlreadyReaped() throws Exception {
        // The parent shell only waits; a child spins about half a second, then exits and is reaped.
        Process p = new ProcessBuilder(List.of("sh", "-c",
                "sh -c 'end=$(($(date +%s%N) + 600000000)); while [ $(date +%s%N) -lt $end ]; do :; done'; sleep 1"))
                .start();
        long before = ProcessCpu.treeNs(p.pid());
        Thread.sleep(300);
        long during = ProcessCpu.treeNs(p.pid());
        p.waitFor();
        assertTrue(during - before >= 100_000_000L, "a spinning child's CPU was not counted: " + (during - before));
        assertEquals(-1, ProcessCpu.treeNs(p.pid()), "a process that is gone has no figure");
    }
}

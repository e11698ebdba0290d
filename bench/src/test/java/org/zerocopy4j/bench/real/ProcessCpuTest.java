package org.zerocopy4j.bench.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A server's CPU is its whole process tree: nginx's worker and socat's children are where the work happens. */
class ProcessCpuTest {

    @Test
    void countsTheWorkOfChildrenAndOfChildrenAlreadyReaped() throws Exception {
        // The parent shell only waits; a child does a fixed amount of work (about half a CPU second), then exits and
        // is reaped. Fixed work, not a fixed time: on a loaded machine a child spinning for a wall-clock time may get
        // little CPU in it.
        Process p = new ProcessBuilder(List.of("sh", "-c",
                "sh -c 'i=0; while [ $i -lt 500000 ]; do i=$((i+1)); done'; sleep 1")).start();
        long before = ProcessCpu.treeNs(p.pid());
        long during = before;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (during - before < 100_000_000L && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = ProcessCpu.treeNs(p.pid());
            during = now < 0 ? during : now;
        }
        p.waitFor();
        assertTrue(during - before >= 100_000_000L, "a working child's CPU was not counted: " + (during - before));
        assertEquals(-1, ProcessCpu.treeNs(p.pid()), "a process that is gone has no figure");
    }
}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time the whole machine spent not idle, from {@code /proc/stat}: every core, every process, the kernel's softirq
 * work for loopback TCP included. The sending thread's own CPU misses the receiver, the kernel threads and other
 * processes a design may push work to; this figure does not. Resolution is one clock tick (10 ms at USER_HZ 100) per
 * core, so short runs are coarse.
 */
public final class MachineCpu {
    /** USER_HZ: fixed at 100 by the kernel's ABI on every Linux architecture the bench runs on. */
    private static final long NS_PER_TICK = 10_000_000L;
    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {
    }

    /** Non-idle CPU nanoseconds summed over all cores since boot, or -1 where /proc/stat cannot be read. */
    public static long nowNs() {
        try {
            List<String> lines = Files.readAllLines(STAT);
            String[] f = lines.get(0).trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 8) {
                return -1;
            }
            // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * NS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU time between two readings, or -1 when either is missing. */
    public static long between(long startNs, long endNs) {
        return startNs < 0 || endNs < 0 ? -1 : endNs - startNs;
    }
}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time the whole machine spent not idle: every core, every process, the kernel's softirq work for loopback TCP
 * included. The sending thread's own CPU misses the receiver, the kernel threads and other processes a design may push
 * work to; this figure does not.
 *
 * <p>Read from the root cgroup's {@code cpuacct.usage} where the machine has one (cgroup v1): the scheduler's own
 * nanoseconds of every task (on a kernel built with IRQ time accounting, less the interrupt and softirq time it
 * accounts apart). {@code /proc/stat} is the fallback, and it is sampled: each 10 ms tick is charged to
 * whatever runs at that instant, and a tickless kernel charges a core's ticks to idle when it woke and slept again
 * between two of them. Work paced in short bursts (iperf3 -b, a server at a fixed request rate) mostly falls between
 * ticks: an iperf3 run paced at 2 Gbit/s for 3 s read 20 ms in /proc/stat against 560 ms in cpuacct.usage here.
 */
public final class MachineCpu {
    /** USER_HZ: fixed at 100 by the kernel's ABI on every Linux architecture the bench runs on. */
    private static final long NS_PER_TICK = 10_000_000L;
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path USAGE = List.of(Path.of("/sys/fs/cgroup/cpuacct/cpuacct.usage"),
            Path.of("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage")).stream().filter(MachineCpu::wholeMachine)
            .findFirst().orElse(null);

    private MachineCpu() {
    }

    /** Non-idle CPU nanoseconds summed over all cores since boot (or the cgroup's start), or -1 if unreadable. */
    public static long nowNs() {
        if (USAGE != null) {
            try {
                return Long.parseLong(Files.readString(USAGE).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return sampledNs();
    }

    /** Where {@link #nowNs} reads, for the report. */
    public static String source() {
        return USAGE != null ? USAGE + " (the scheduler's nanoseconds)" : STAT + " (10 ms ticks, sampled: work in"
                + " short bursts between ticks is missed)";
    }

    /** /proc/stat's non-idle ticks, as nanoseconds, or -1. */
    static long sampledNs() {
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

    /**
     * A cpuacct.usage that counts the whole machine: since boot it agrees with /proc/stat's busy time (sampled, but
     * over hours the samples average out). A container's own cgroup, which holds only its tasks, does not; the
     * machine's root does, wherever in the hierarchy this process itself sits.
     */
    private static boolean wholeMachine(Path usage) {
        try {
            double ratio = Long.parseLong(Files.readString(usage).trim()) / (double) sampledNs();
            return ratio > 0.8 && ratio < 1.25;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

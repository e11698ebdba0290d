package org.zerocopy4j.bench.real;

import java.util.Locale;

import org.zerocopy4j.bench.Interleaver.Load;
import org.zerocopy4j.bench.Interleaver.RoundCheck;

/**
 * The CPU the machine spent on work that is not the run's own: every process's but this JVM's process tree (the
 * servers, proxies and clients it started, reaped clients included) and the kernel's threads, read per process, so it
 * is exact whatever the machine-wide figure's source. The load average cannot tell: a row at saturation keeps both
 * cores busy itself, so every such round ends with a load of 2 or more however quiet the machine is, while this
 * figure stays near 0 unless something else runs.
 */
public final class OtherCpu {
    /** A round during which other work took more than this many cores on average is left out. */
    public static final double LIMIT_CORES = 0.5;

    private OtherCpu() {
    }

    /** CPU nanoseconds spent outside this run, as far as /proc shows it. */
    static long nowNs() {
        return ProcessCpu.outsideTreeNs(ProcessHandle.current().pid());
    }

    /** Judges a round by the other work's average number of cores over it. */
    public static RoundCheck check() {
        return () -> {
            long wall0 = System.nanoTime();
            long other0 = nowNs();
            return () -> {
                long other1 = nowNs();
                double cores = Math.max(0, other1 - other0) / (double) (System.nanoTime() - wall0);
                boolean over = cores > LIMIT_CORES;
                return new Load(String.format(Locale.ROOT, "other processes %.2f cores%s", cores,
                        over ? String.format(Locale.ROOT, " > %.1f", LIMIT_CORES) : ""), over);
            };
        };
    }
}

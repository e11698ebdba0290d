package org.zerocopy4j.bench.real;

import java.util.Locale;

import org.zerocopy4j.bench.Interleaver.Load;
import org.zerocopy4j.bench.Interleaver.RoundCheck;
import org.zerocopy4j.bench.MachineCpu;

/**
 * The CPU the machine spent on work that is not the run's own: the machine's CPU less this JVM's process tree (the
 * servers, proxies and clients it started, reaped clients included) and less the kernel's threads. The load average
 * cannot tell: a row at saturation keeps both cores busy itself, so every such round ends with a load of 2 or more
 * however quiet the machine is, while this figure stays near 0 unless something else runs.
 */
public final class OtherCpu {
    /** A round during which other work took more than this many cores on average is left out. */
    public static final double LIMIT_CORES = 0.5;

    private OtherCpu() {
    }

    /** CPU nanoseconds spent outside this run since boot, as far as it can be read; -1 where it cannot. */
    static long nowNs() {
        long machine = MachineCpu.nowNs();
        long ours = ProcessCpu.treeNs(ProcessHandle.current().pid());
        long kernel = ProcessCpu.kernelThreadsNs();
        return machine < 0 || ours < 0 ? -1 : machine - ours - kernel;
    }

    /** Judges a round by the other work's average number of cores over it. */
    public static RoundCheck check() {
        return () -> {
            long wall0 = System.nanoTime();
            long other0 = nowNs();
            return () -> {
                long other1 = nowNs();
                if (other0 < 0 || other1 < 0) {
                    return new Load("other processes' CPU unknown", false);
                }
                double cores = Math.max(0, other1 - other0) / (double) (System.nanoTime() - wall0);
                boolean over = cores > LIMIT_CORES;
                return new Load(String.format(Locale.ROOT, "other processes %.2f cores%s", cores,
                        over ? String.format(Locale.ROOT, " > %.1f", LIMIT_CORES) : ""), over);
            };
        };
    }
}

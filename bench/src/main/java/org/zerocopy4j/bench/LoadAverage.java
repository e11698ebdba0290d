package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kernel's load averages from {@code /proc/loadavg}. Machine CPU counts every process, so a real-client figure
 * means something only on a machine nothing else is loading: the gate waits for that, and a round during which the
 * load rose is marked and left out.
 */
public final class LoadAverage {
    /** Below this 1-minute load average the machine counts as quiet enough to start. */
    public static final double QUIET = 0.5;
    /** A round that ends with the 1-minute load average above this is left out. */
    public static final double ROUND_LIMIT = 1.5;
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** The 1-minute load average, or NaN where /proc/loadavg cannot be read. */
    public static double oneMinute() {
        String[] f = fields();
        return f == null ? Double.NaN : Double.parseDouble(f[0]);
    }

    /** "1 5 15" minute load averages, for the report. */
    public static String all() {
        String[] f = fields();
        return f == null ? "unknown" : f[0] + " " + f[1] + " " + f[2];
    }

    private static String[] fields() {
        try {
            String[] f = Files.readAllLines(LOADAVG).get(0).trim().split(" ");
            Double.parseDouble(f[0]);
            return f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Waits up to {@code maxWaitMs} for the 1-minute load average to fall below {@link #QUIET}, polling every
     * {@code pollMs}; returns null once it has, else the refusal, naming the figure.
     */
    public static String awaitQuiet(long maxWaitMs, long pollMs, PrintStream log) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitMs * 1_000_000L;
        boolean told = false;
        while (true) {
            double l = oneMinute();
            if (Double.isNaN(l)) {
                return "the load average cannot be read from " + LOADAVG + ", so the machine's quiet is unknown";
            }
            if (l < QUIET) {
                return null;
            }
            if (System.nanoTime() >= deadline) {
                return String.format(Locale.ROOT, "the machine is loaded: 1-minute load average %.2f (1, 5, 15 min:"
                        + " %s) after waiting %d s for it to fall below %.1f. Machine CPU per request would charge"
                        + " that load to the rows; stop what else runs and try again (--ignore-load runs anyway,"
                        + " marked \"loaded machine, not a measurement\")", l, all(), maxWaitMs / 1000, QUIET);
            }
            if (!told) {
                log.printf(Locale.ROOT, "waiting up to %d s for the 1-minute load average (%.2f) to fall below %.1f%n",
                        maxWaitMs / 1000, l, QUIET);
                told = true;
            }
            Thread.sleep(pollMs);
        }
    }
}

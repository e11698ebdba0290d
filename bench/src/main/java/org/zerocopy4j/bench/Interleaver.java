package org.zerocopy4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a scenario's variants in turn, A B C A B C ..., so that whatever else the machine does at a moment hits every
 * variant alike; the first round warms the JIT and caches and is not recorded. A variant that fails is reported and
 * left out of later rounds rather than ending the run.
 */
public final class Interleaver {
    private final int warmupRounds;
    private final int rounds;
    private final PrintStream log;
    private final double roundLoadLimit;
    private final boolean keepLoadedRounds;
    private final java.util.function.DoubleSupplier load;

    public Interleaver(int warmupRounds, int rounds, PrintStream log) {
        this(warmupRounds, rounds, log, Double.NaN, false);
    }

    /**
     * @param roundLoadLimit   a measured round that ends with the 1-minute load average above this is marked and
     *                         left out (NaN: no check)
     * @param keepLoadedRounds mark such a round but keep it (a development run on a loaded machine)
     */
    public Interleaver(int warmupRounds, int rounds, PrintStream log, double roundLoadLimit,
            boolean keepLoadedRounds) {
        this(warmupRounds, rounds, log, roundLoadLimit, keepLoadedRounds, LoadAverage::oneMinute);
    }

    /** As above, reading the load from {@code load}: tests give it the loads a round should see. */
    Interleaver(int warmupRounds, int rounds, PrintStream log, double roundLoadLimit, boolean keepLoadedRounds,
            java.util.function.DoubleSupplier load) {
        this.load = load;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.log = log;
        this.roundLoadLimit = roundLoadLimit;
        this.keepLoadedRounds = keepLoadedRounds;
    }

    public ScenarioResult run(Scenario s) {
        ScenarioResult result = new ScenarioResult(s);
        log.println("== " + s.title());
        List<Variant> live = new ArrayList<>(s.variants());
        int leftOut = 0;
        for (int round = -warmupRounds; round < rounds; round++) {
            List<Map.Entry<String, Measured>> thisRound = new ArrayList<>();
            for (Variant v : List.copyOf(live)) {
                try {
                    Measured m = v.trial().run();
                    if (round >= 0) {
                        thisRound.add(Map.entry(v.id(), m));
                    }
                    log.printf(Locale.ROOT, "   %-8s %-28s %8.3f GB/s %8.3f CPU s/GB %8.3f machine CPU s/GB"
                            + " %10.2f us/call%n", round < 0 ? "warm-up" : "round " + (round + 1), v.id(),
                            m.gbPerSecond(), m.cpuSecondsPerGb(), m.machineCpuSecondsPerGb(), m.wallMicrosPerCall());
                } catch (Exception e) {
                    live.remove(v);
                    result.fail(v.id(), describe(e));
                    log.println("   " + v.id() + " FAILED: " + describe(e));
                }
            }
            double now = Double.isNaN(roundLoadLimit) ? Double.NaN : load.getAsDouble();
            boolean loaded = now > roundLoadLimit;
            if (loaded) {
                log.printf(Locale.ROOT, "   %s: 1-minute load average %.2f > %.1f: %s%n",
                        round < 0 ? "warm-up" : "round " + (round + 1), now, roundLoadLimit,
                        keepLoadedRounds ? "marked, kept (--ignore-load)" : "left out");
                if (round >= 0) {
                    leftOut += keepLoadedRounds ? 0 : 1;
                    result.notes().add(String.format(Locale.ROOT, "round %d ended at a 1-minute load average of"
                            + " %.2f (> %.1f): %s", round + 1, now, roundLoadLimit,
                            keepLoadedRounds ? "kept, because --ignore-load" : "left out"));
                }
            }
            if (!loaded || keepLoadedRounds) {
                for (Map.Entry<String, Measured> e : thisRound) {
                    result.add(e.getKey(), e.getValue());
                }
            }
        }
        if (leftOut > 0) {
            result.notes().add(leftOut + " of " + rounds + " measured round(s) left out for load; the medians are"
                    + " over the other " + (rounds - leftOut));
        }
        for (Variant v : live) {
            if (v.syscallProbe() == null) {
                continue;
            }
            try {
                result.syscalls().put(v.id(), v.syscallProbe().run());
            } catch (Exception e) {
                result.notes().add("syscalls of " + v.id() + " not counted: " + describe(e));
            }
        }
        if (s.perCall() && !SyscallCounting.available()) {
            result.notes().add("syscalls not counted: " + SyscallCounting.unavailableReason());
        }
        return result;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            sb.append(" <- ").append(c);
        }
        return sb.toString();
    }
}

package org.zerocopy4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs a scenario's variants in turn, A B C A B C ..., so that whatever else the machine does at a moment hits every
 * variant alike; the first round warms the JIT and caches and is not recorded. A variant that fails is reported and
 * left out of later rounds rather than ending the run.
 */
public final class Interleaver {
    private final int warmupRounds;
    private final int rounds;
    private final PrintStream log;
    private final RoundCheck check;
    private final boolean keepLoadedRounds;

    /** What a measured round is judged by: what else loaded the machine while it ran. */
    @FunctionalInterface
    public interface RoundCheck {
        /** No check: every round is kept. */
        RoundCheck NONE = () -> () -> null;

        /** Called as a round starts; the judge it returns, called as the round ends, says what loaded it, or null. */
        Supplier<Load> start();

        /** This check and then {@code other}: a round either finds loaded is loaded. */
        default RoundCheck and(RoundCheck other) {
            return () -> {
                Supplier<Load> a = start();
                Supplier<Load> b = other.start();
                return () -> {
                    Load x = a.get();
                    Load y = b.get();
                    if (x == null || y == null) {
                        return x == null ? y : x;
                    }
                    return new Load(x.said() + ", " + y.said(), x.loaded() || y.loaded());
                };
            };
        }

        /** A round that ends with the 1-minute load average from {@code load} above {@code limit} is loaded. */
        static RoundCheck loadAverage(double limit, DoubleSupplier load) {
            return () -> () -> {
                double now = load.getAsDouble();
                boolean over = now > limit;
                return new Load(String.format(Locale.ROOT, "1-minute load average %.2f%s", now,
                        over ? String.format(Locale.ROOT, " > %.1f", limit) : ""), over);
            };
        }
    }

    /** What a round's check saw, and whether that leaves the round out. */
    public record Load(String said, boolean loaded) {
    }

    public Interleaver(int warmupRounds, int rounds, PrintStream log) {
        this(warmupRounds, rounds, log, RoundCheck.NONE, false);
    }

    /**
     * @param check            judges each measured round; a loaded one is marked and left out
     * @param keepLoadedRounds mark such a round but keep it (a development run on a loaded machine)
     */
    public Interleaver(int warmupRounds, int rounds, PrintStream log, RoundCheck check, boolean keepLoadedRounds) {
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.log = log;
        this.check = check;
        this.keepLoadedRounds = keepLoadedRounds;
    }

    /** As above, a round being loaded when the 1-minute load average from {@code load} ends above the limit. */
    Interleaver(int warmupRounds, int rounds, PrintStream log, double roundLoadLimit, boolean keepLoadedRounds,
            DoubleSupplier load) {
        this(warmupRounds, rounds, log, RoundCheck.loadAverage(roundLoadLimit, load), keepLoadedRounds);
    }

    public ScenarioResult run(Scenario s) {
        return run(s, check);
    }

    /** Runs {@code s}, judging its rounds by {@code check} instead of this interleaver's own. */
    public ScenarioResult run(Scenario s, RoundCheck check) {
        ScenarioResult result = new ScenarioResult(s);
        log.println("== " + s.title());
        List<Variant> live = new ArrayList<>(s.variants());
        int leftOut = 0;
        for (int round = -warmupRounds; round < rounds; round++) {
            List<Map.Entry<String, Measured>> thisRound = new ArrayList<>();
            Supplier<Load> judge = check.start();
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
            Load seen = judge.get();
            boolean loaded = seen != null && seen.loaded();
            String name = round < 0 ? "warm-up" : "round " + (round + 1);
            if (seen != null) {
                String verdict = !loaded ? "" : keepLoadedRounds ? ": marked, kept (--ignore-load)" : ": left out";
                log.println("   " + name + ": " + seen.said() + verdict);
                if (round >= 0) {
                    result.notes().add(name + ": " + seen.said() + (!loaded ? "" : keepLoadedRounds
                            ? ": kept, because --ignore-load" : ": left out"));
                    leftOut += loaded && !keepLoadedRounds ? 1 : 0;
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

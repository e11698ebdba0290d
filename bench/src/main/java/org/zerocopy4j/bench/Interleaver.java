package org.zerocopy4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a scenario's variants in turn, A B C A B C ..., so that whatever else the machine does at a moment hits every
 * variant alike; the first round warms the JIT and caches and is not recorded. A variant that fails is reported and
 * left out of later rounds rather than ending the run.
 */
public final class Interleaver {
    private final int warmupRounds;
    private final int rounds;
    private final PrintStream log;

    public Interleaver(int warmupRounds, int rounds, PrintStream log) {
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.log = log;
    }

    public ScenarioResult run(Scenario s) {
        ScenarioResult result = new ScenarioResult(s);
        log.println("== " + s.title());
        List<Variant> live = new ArrayList<>(s.variants());
        for (int round = -warmupRounds; round < rounds; round++) {
            for (Variant v : List.copyOf(live)) {
                try {
                    Measured m = v.trial().run();
                    if (round >= 0) {
                        result.add(v.id(), m);
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

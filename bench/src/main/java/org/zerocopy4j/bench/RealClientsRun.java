package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;


import org.zerocopy4j.bench.Interleaver.RoundCheck;
import org.zerocopy4j.bench.real.OtherCpu;
import org.zerocopy4j.bench.real.RealClients;
import org.zerocopy4j.bench.report.Environment;
import org.zerocopy4j.bench.report.JsonReport;
import org.zerocopy4j.bench.report.RealClientsReport;
import org.zerocopy4j.bench.report.RealTargets;
import org.zerocopy4j.bench.report.SvgChart;
import org.zerocopy4j.bench.report.Target;

/** {@code --real-clients}: the example programs under wrk and iperf3, reported like the paths are. */
final class RealClientsRun {

    private RealClientsRun() {
    }

    static int run(Options options, PrintStream out, PrintStream err) throws IOException {
        long start = System.nanoTime();
        // Machine CPU counts every process: measure only on a quiet machine (issue 24).
        String refusal;
        try {
            refusal = LoadAverage.awaitQuiet(options.ignoreLoad() ? 0 : 120_000, 5_000, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (refusal != null && !options.ignoreLoad()) {
            err.println("--real-clients refused: " + refusal);
            return 3;
        }
        Environment env = Environment.capture(options);
        if (refusal != null) {
            env.facts().put("LOADED MACHINE, NOT A MEASUREMENT", "--ignore-load: " + refusal);
            out.println("--ignore-load: running anyway; the report is marked \"loaded machine, not a measurement\"");
        }
        env.facts().put("run", "real clients: wrk -t1 -c16 -d" + RealClients.WRK_SECONDS + "s, h2load at a constant"
                + " rate and iperf3 -t " + RealClients.IPERF_SECONDS + ", " + options.rounds()
                + " measured round(s) after " + options.warmupRounds() + " warm-up, rows interleaved, threads "
                + options.threads());
        String load0 = LoadAverage.all();
        List<ScenarioResult> results = new ArrayList<>();
        // A row at an equal offered load leaves the machine partly idle: the load average tells whether something
        // else ran. A row at saturation keeps both cores busy itself (a load of 2 or more on a quiet machine), so it
        // is judged by the CPU the machine spent outside the run, as every round also is.
        RoundCheck equalLoad = RoundCheck.loadAverage(LoadAverage.ROUND_LIMIT, LoadAverage::oneMinute)
                .and(OtherCpu.check());
        RoundCheck saturation = OtherCpu.check();
        env.facts().put("machine CPU read from", MachineCpu.source());
        Interleaver interleaver = new Interleaver(options.warmupRounds(), options.rounds(), out, equalLoad,
                options.ignoreLoad());
        Interleaver warm = new Interleaver(0, options.rounds(), out, equalLoad, options.ignoreLoad());
        if (!options.without().isEmpty()) {
            env.facts().put("rows left out (--without)", String.join(", ", options.without()));
        }
        try (RealClients real = new RealClients(options.work(), options.threads(), options.without())) {
            for (Callable<Scenario> next : real.plan()) {
                Scenario s;
                try {
                    s = next.call();
                } catch (Exception e) {
                    err.println("could not set up a scenario: " + e);
                    return 1;
                }
                if (!RealClients.atSaturation(s.id()) && !options.ignoreLoad()) {
                    // The saturation run before it leaves the load average near 2.5, and it falls by about 1/e a
                    // minute: without this wait its first rounds would be judged by the bench's own earlier load.
                    try {
                        String still = LoadAverage.awaitQuiet(120_000, 5_000, out);
                        if (still != null) {
                            out.println("load average still " + LoadAverage.all() + " after 120 s; starting anyway,"
                                    + " each round is judged as it ends");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 1;
                    }
                }
                // A scenario whose servers already ran the previous one starts warm: only fresh ones warm up.
                results.add((RealClients.startsServers(s.id()) ? interleaver : warm).run(s,
                        RealClients.atSaturation(s.id()) ? saturation : equalLoad));
            }
        }
        env.facts().put("load average (1, 5, 15 min) at start and end", load0 + " / " + LoadAverage.all());
        List<Target> targets = RealTargets.evaluate(results);
        String md = RealClientsReport.render(env, results, targets);
        Path dir = Files.createDirectories(options.out());
        Files.writeString(dir.resolve("results.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), JsonReport.render(env, results, targets),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.svg"), SvgChart.render("zerocopy4j examples under real clients, "
                + env.facts().get("jdk") + ", " + env.facts().get("kernel"), results, true), StandardCharsets.UTF_8);
        out.println();
        out.println(md);
        out.printf("wrote %s, results.json, results.svg in %.0f s%n", dir.resolve("results.md"),
                (System.nanoTime() - start) / 1e9);
        return results.stream().anyMatch(r -> !r.failures().isEmpty()) ? 1 : 0;
    }
}

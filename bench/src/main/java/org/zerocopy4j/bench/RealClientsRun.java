package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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

    private static String loadAverage() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static int run(Options options, PrintStream out, PrintStream err) throws IOException {
        long start = System.nanoTime();
        Environment env = Environment.capture(options);
        env.facts().put("run", "real clients: wrk -t1 -c16 -d5s and iperf3 -t 5, " + options.rounds()
                + " measured round(s) after " + options.warmupRounds() + " warm-up");
        // Machine CPU counts every process: the load average says how much of it was someone else's.
        String load0 = loadAverage();
        List<ScenarioResult> results = new ArrayList<>();
        Interleaver interleaver = new Interleaver(options.warmupRounds(), options.rounds(), out);
        try (RealClients real = new RealClients(options.work())) {
            for (Callable<Scenario> next : real.plan()) {
                Scenario s;
                try {
                    s = next.call();
                } catch (Exception e) {
                    err.println("could not set up a scenario: " + e);
                    return 1;
                }
                results.add(interleaver.run(s));
            }
        }
        env.facts().put("load average (1, 5, 15 min) at start and end", load0 + " / " + loadAverage());
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

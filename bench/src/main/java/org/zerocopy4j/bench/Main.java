package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.zerocopy4j.bench.paths.Suite;
import org.zerocopy4j.bench.report.Environment;
import org.zerocopy4j.bench.report.JsonReport;
import org.zerocopy4j.bench.report.MarkdownReport;
import org.zerocopy4j.bench.report.SvgChart;
import org.zerocopy4j.bench.report.Target;
import org.zerocopy4j.bench.report.Targets;

/** The bench's command line: see {@link Options#USAGE}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--relay-scale")) {
            System.exit(RelayScaleRun.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the bench and writes the reports.
     *
     * @return 0 when every variant ran, 1 when one failed (its error is in the reports), 2 for a bad command line;
     *         a missed target is a finding, not a failure
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return 0;
        }
        if (options.realClients()) {
            return RealClientsRun.run(options, out, err);
        }
        long start = System.nanoTime();
        Environment env = Environment.capture(options);
        List<ScenarioResult> results = new ArrayList<>();
        Interleaver interleaver = new Interleaver(options.warmupRounds(), options.rounds(), out);
        try (BenchContext ctx = new BenchContext(options); JfrRecording jfr = JfrRecording.start(options.jfr())) {
            for (Callable<Scenario> next : Suite.plan(ctx)) {
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
        List<Target> targets = Targets.evaluate(results);
        String md = MarkdownReport.render(env, results, targets);
        Path dir = Files.createDirectories(options.out());
        Files.writeString(dir.resolve("results.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), JsonReport.render(env, results, targets),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.svg"), SvgChart.render("zerocopy4j bench, " + env.facts().get("jdk")
                + ", " + env.facts().get("kernel"), results), StandardCharsets.UTF_8);
        out.println();
        out.println(md);
        out.printf("wrote %s, results.json, results.svg in %.0f s%n", dir.resolve("results.md"),
                (System.nanoTime() - start) / 1e9);
        boolean failed = results.stream().anyMatch(r -> !r.failures().isEmpty());
        return failed ? 1 : 0;
    }
}

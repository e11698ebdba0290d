package org.zerocopy4j.bench.report;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.zerocopy4j.bench.MachineCpu;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.Stats;
import org.zerocopy4j.bench.Variant;

/**
 * results.md: one table per scenario, medians with min-max, cost ratios to the C and JDK reference rows, then the
 * targets. Ratio columns divide this row's CPU cost by the reference's: below 1.00x is cheaper than the reference.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Environment env, List<ScenarioResult> results, List<Target> targets) {
        StringBuilder md = new StringBuilder("# zerocopy4j benchmark results\n\n");
        for (Map.Entry<String, String> e : env.facts().entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("\nMedian over the measured rounds, min-max in brackets. \"thread CPU\" is the sending or relaying"
                + " thread's own CPU time; \"machine CPU\" is every core's non-idle time over the same interval"
                + " (read from " + MachineCpu.source() + ": receiver, kernel and other processes included, so"
                + " other load on the machine adds to it). \"x C\" and \"x JDK\" divide a row's cost by the"
                + " reference row's (marked *), on thread CPU and, where marked machine, on machine CPU: below 1.00x"
                + " is cheaper.\n");
        for (ScenarioResult r : results) {
            md.append("\n## ").append(r.scenario().title()).append("\n\n");
            if (r.scenario().variants().isEmpty()) {
                md.append("Not run.\n");
            } else if (r.scenario().perCall()) {
                perCallTable(md, r);
            } else {
                bulkTable(md, r);
            }
            for (Map.Entry<String, String> f : r.failures().entrySet()) {
                md.append("\n- **").append(f.getKey()).append(" failed**: ").append(f.getValue());
            }
            for (String note : r.notes()) {
                md.append("\n- ").append(note);
            }
            md.append('\n');
        }
        md.append("\n## Targets (Linux provider, ratios inside this run)\n\n| target | goal | measured | status |\n"
                + "|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ")
                    .append(Fmt.ratio(t.measured())).append(" | ").append(t.status())
                    .append(t.detail().isEmpty() ? "" : ": " + t.detail()).append(" |\n");
        }
        return md.toString();
    }

    private static void bulkTable(StringBuilder md, ScenarioResult r) {
        md.append("| variant | GB/s | thread CPU s/GB | machine CPU s/GB | x C | x JDK | x C machine | x JDK machine |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Variant v : r.scenario().variants()) {
            if (!r.has(v.id())) {
                continue;
            }
            List<Measured> s = r.samples(v.id());
            md.append("| ").append(label(r, v)).append(" | ").append(Fmt.range(Stats.of(s, Measured::gbPerSecond)))
                    .append(" | ").append(Fmt.range(Stats.of(s, Measured::cpuSecondsPerGb)))
                    .append(" | ").append(Fmt.range(Stats.of(s, Measured::machineCpuSecondsPerGb)))
                    .append(" | ").append(ratio(r, v, r.scenario().cRef(), Measured::cpuSecondsPerGb))
                    .append(" | ").append(ratio(r, v, r.scenario().jdkRef(), Measured::cpuSecondsPerGb))
                    .append(" | ").append(ratio(r, v, r.scenario().cRef(), Measured::machineCpuSecondsPerGb))
                    .append(" | ").append(ratio(r, v, r.scenario().jdkRef(), Measured::machineCpuSecondsPerGb))
                    .append(" |\n");
        }
    }

    private static void perCallTable(StringBuilder md, ScenarioResult r) {
        md.append("| variant | us per call (wall) | thread CPU us per call | calls per thread CPU s |"
                + " machine CPU us per call | TCP segments per call | syscalls per call | x C | x JDK | x C machine |"
                + " x JDK machine |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Variant v : r.scenario().variants()) {
            if (!r.has(v.id())) {
                continue;
            }
            List<Measured> s = r.samples(v.id());
            double cpu = r.median(v.id(), Measured::cpuMicrosPerCall);
            Variant.SyscallCount sc = r.syscalls().get(v.id());
            md.append("| ").append(label(r, v)).append(" | ")
                    .append(Fmt.range(Stats.of(s, Measured::wallMicrosPerCall))).append(" | ")
                    .append(Fmt.range(Stats.of(s, Measured::cpuMicrosPerCall))).append(" | ")
                    .append(Fmt.num(cpu > 0 ? 1e6 / cpu : Double.NaN)).append(" | ")
                    .append(Fmt.range(Stats.of(s, Measured::machineCpuMicrosPerCall))).append(" | ")
                    .append(Fmt.num(r.median(v.id(), Measured::segmentsPerCall))).append(" | ")
                    .append(sc == null ? "-" : Fmt.num(sc.perResponse()) + " " + breakdown(sc)).append(" | ")
                    .append(ratio(r, v, r.scenario().cRef(), Measured::cpuMicrosPerCall)).append(" | ")
                    .append(ratio(r, v, r.scenario().jdkRef(), Measured::cpuMicrosPerCall)).append(" | ")
                    .append(ratio(r, v, r.scenario().cRef(), Measured::machineCpuMicrosPerCall)).append(" | ")
                    .append(ratio(r, v, r.scenario().jdkRef(), Measured::machineCpuMicrosPerCall)).append(" |\n");
        }
    }

    private static String breakdown(Variant.SyscallCount sc) {
        StringBuilder b = new StringBuilder("(");
        for (Map.Entry<String, Long> e : sc.calls().entrySet()) {
            double per = e.getValue() / (double) sc.responses();
            if (per >= 0.01) {
                b.append(b.length() > 1 ? " " : "").append(e.getKey()).append(' ').append(Fmt.num(per));
            }
        }
        return b.append(')').toString();
    }

    private static String label(ScenarioResult r, Variant v) {
        boolean ref = v.id().equals(r.scenario().cRef()) || v.id().equals(r.scenario().jdkRef());
        return v.label() + (ref ? " *" : "");
    }

    private static String ratio(ScenarioResult r, Variant v, String ref, ToDoubleFunction<Measured> metric) {
        if (ref == null || !r.has(ref)) {
            return "-";
        }
        return Fmt.ratio(r.median(v.id(), metric) / r.median(ref, metric));
    }
}

package org.zerocopy4j.bench.report;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.zerocopy4j.bench.LoadAverage;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.Stats;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.real.OtherCpu;

/** results.md for --real-clients: throughput, the server's CPU and the machine's CPU per request or per GB. */
public final class RealClientsReport {

    private RealClientsReport() {
    }

    public static String render(Environment env, List<ScenarioResult> results, List<Target> targets) {
        StringBuilder md = new StringBuilder("# zerocopy4j examples under real clients\n\n");
        for (Map.Entry<String, String> e : env.facts().entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("\nMedian over the measured rounds, min-max in brackets; the variants ran interleaved. \"server CPU\""
                + " is the server's or proxy's process tree (utime + stime from /proc/PID/stat); \"machine CPU\" is"
                + " every core's busy time over the same run (\"machine CPU read from\" above), client and kernel"
                + " included, and also whatever else the machine ran meanwhile (each round's notes say how many cores"
                + " other processes took: a round where they took more than " + OtherCpu.LIMIT_CORES + " is left"
                + " out, and a round at an equal offered load also when it ends with the 1-minute load average above "
                + LoadAverage.ROUND_LIMIT + "); \"server + client CPU\""
                + " adds the client's (wrk's or iperf3's) own CPU to the server's, without that background. Ratio"
                + " columns divide a row's cost by the reference row's (marked *).\n");
        for (ScenarioResult r : results) {
            md.append("\n## ").append(r.scenario().title()).append("\n\n");
            boolean perRequest = r.scenario().perCall();
            if (r.scenario().variants().isEmpty()) {
                md.append("Not run.\n");
            } else {
                table(md, r, perRequest);
            }
            for (Map.Entry<String, String> f : r.failures().entrySet()) {
                md.append("\n- **").append(f.getKey()).append(" failed**: ").append(f.getValue());
            }
            for (String note : r.notes()) {
                md.append("\n- ").append(note);
            }
            md.append('\n');
        }
        md.append("\n## Targets (machine CPU, ratios inside this run)\n\n| target | goal | measured | status |\n"
                + "|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ")
                    .append(Fmt.ratio(t.measured())).append(" | ").append(t.status())
                    .append(t.detail().isEmpty() ? "" : ": " + t.detail()).append(" |\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, ScenarioResult r, boolean perRequest) {
        ToDoubleFunction<Measured> rate = perRequest ? m -> m.calls() / (m.wallNs() / 1e9)
                : m -> m.bytes() * 8 / (double) m.wallNs();
        ToDoubleFunction<Measured> own = perRequest ? Measured::cpuMicrosPerCall : Measured::cpuSecondsPerGb;
        ToDoubleFunction<Measured> machine = perRequest ? Measured::machineCpuMicrosPerCall
                : Measured::machineCpuSecondsPerGb;
        ToDoubleFunction<Measured> both = perRequest ? Measured::bothEndsCpuMicrosPerCall
                : Measured::bothEndsCpuSecondsPerGb;
        String unit = perRequest ? "us per request" : "s per GB";
        md.append("| variant | ").append(perRequest ? "requests/s" : "Gbit/s").append(" | server CPU ").append(unit)
                .append(" | server + client CPU ").append(unit)
                .append(" | machine CPU ").append(unit).append(" | x ").append(label(r, r.scenario().cRef()))
                .append(" | x ").append(label(r, r.scenario().jdkRef())).append(" | server + client x ")
                .append(label(r, r.scenario().cRef())).append(" | server + client x ")
                .append(label(r, r.scenario().jdkRef())).append(" |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Variant v : r.scenario().variants()) {
            if (!r.has(v.id())) {
                continue;
            }
            List<Measured> s = r.samples(v.id());
            boolean ref = v.id().equals(r.scenario().cRef()) || v.id().equals(r.scenario().jdkRef());
            md.append("| ").append(v.label()).append(ref ? " *" : "").append(" | ")
                    .append(Fmt.range(Stats.of(s, rate))).append(" | ")
                    .append(Fmt.range(Stats.of(s, own))).append(" | ")
                    .append(Fmt.range(Stats.of(s, both))).append(" | ")
                    .append(Fmt.range(Stats.of(s, machine))).append(" | ")
                    .append(ratio(r, v, r.scenario().cRef(), machine)).append(" | ")
                    .append(ratio(r, v, r.scenario().jdkRef(), machine)).append(" | ")
                    .append(ratio(r, v, r.scenario().cRef(), both)).append(" | ")
                    .append(ratio(r, v, r.scenario().jdkRef(), both)).append(" |\n");
        }
    }

    private static String label(ScenarioResult r, String id) {
        if (id == null) {
            return "-";
        }
        return r.scenario().variants().stream().filter(v -> v.id().equals(id)).map(Variant::label).findFirst()
                .orElse(id);
    }

    private static String ratio(ScenarioResult r, Variant v, String ref, ToDoubleFunction<Measured> metric) {
        if (ref == null || !r.has(ref)) {
            return "-";
        }
        return Fmt.ratio(r.median(v.id(), metric) / r.median(ref, metric));
    }
}

package org.zerocopy4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.real.RealClients;

/**
 * Issue 13's goals for the example programs under real clients, all judged on the whole machine's CPU at the equal
 * offered load (issue 24), not at saturation.
 */
public final class RealTargets {
    private static final ToDoubleFunction<Measured> PER_REQUEST = Measured::machineCpuMicrosPerCall;
    private static final ToDoubleFunction<Measured> PER_GB = Measured::machineCpuSecondsPerGb;

    private RealTargets() {
    }

    public static List<Target> evaluate(List<ScenarioResult> results) {
        List<Target> t = new ArrayList<>();
        for (String size : List.of("4kib", "1mib")) {
            // Judged at the equal offered load: at saturation machine CPU per request is inverse throughput.
            ScenarioResult r = find(results, "rate-" + size);
            String s = size.equals("4kib") ? "4 KiB" : "1 MiB";
            t.add(ratio("example server / nginx, " + s + ", machine CPU per request", r, RealClients.SERVER,
                    RealClients.NGINX, PER_REQUEST, 1.1));
            t.add(ratio("example server / its transferTo + TCP_NODELAY mode, " + s + ", machine CPU per request", r,
                    RealClients.SERVER, RealClients.SERVER_TRANSFER_TO, PER_REQUEST, 0.7));
        }
        ScenarioResult p = find(results, "iperf3-proxy-rate");
        t.add(ratio("example proxy / its JDK 1 MiB direct-buffer mode, machine CPU per GB", p, RealClients.PROXY,
                RealClients.PROXY_BUFFER, PER_GB, 0.7));
        t.add(ratio("example proxy / HAProxy (splice-auto), machine CPU per GB", p, RealClients.PROXY,
                RealClients.HAPROXY, PER_GB, 1.0));
        return t;
    }

    private static Target ratio(String name, ScenarioResult r, String numerator, String denominator,
            ToDoubleFunction<Measured> metric, double limit) {
        String goal = String.format(java.util.Locale.ROOT, "<= %.2fx", limit);
        if (r == null) {
            return Target.notEvaluated(name, goal, "its scenario did not run");
        }
        for (String v : List.of(numerator, denominator)) {
            if (!r.has(v)) {
                String why = r.failures().containsKey(v) ? v + " failed: " + r.failures().get(v) : v + " not measured";
                return Target.notEvaluated(name, goal, why);
            }
        }
        return Target.atMost(name, r.median(numerator, metric) / r.median(denominator, metric), limit);
    }

    private static ScenarioResult find(List<ScenarioResult> results, String id) {
        return results.stream().filter(r -> r.scenario().id().equals(id)).findFirst().orElse(null);
    }
}

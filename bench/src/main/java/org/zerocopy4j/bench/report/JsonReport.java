package org.zerocopy4j.bench.report;

import java.util.List;
import java.util.Map;

import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.Variant;

/** results.json: the environment, every sample of every variant, system-call counts and the targets. */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(Environment env, List<ScenarioResult> results, List<Target> targets) {
        StringBuilder j = new StringBuilder("{\n  \"environment\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : env.facts().entrySet()) {
            j.append(first ? "" : ",").append("\n    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            first = false;
        }
        j.append("\n  },\n  \"scenarios\": [");
        for (int i = 0; i < results.size(); i++) {
            scenario(j, results.get(i));
            j.append(i + 1 < results.size() ? "," : "");
        }
        j.append("\n  ],\n  \"targets\": [");
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            j.append("\n    {\"name\": ").append(str(t.name())).append(", \"goal\": ").append(str(t.goal()))
                    .append(", \"measured\": ").append(num(t.measured())).append(", \"status\": ")
                    .append(str(t.status().name())).append(", \"detail\": ").append(str(t.detail())).append('}')
                    .append(i + 1 < targets.size() ? "," : "");
        }
        return j.append("\n  ]\n}\n").toString();
    }

    private static void scenario(StringBuilder j, ScenarioResult r) {
        var s = r.scenario();
        j.append("\n    {\"path\": ").append(s.path()).append(", \"id\": ").append(str(s.id()))
                .append(", \"title\": ").append(str(s.title())).append(", \"perCall\": ").append(s.perCall())
                .append(", \"cReference\": ").append(s.cRef() == null ? "null" : str(s.cRef()))
                .append(", \"jdkReference\": ").append(s.jdkRef() == null ? "null" : str(s.jdkRef()))
                .append(",\n     \"notes\": [");
        for (int i = 0; i < r.notes().size(); i++) {
            j.append(i == 0 ? "" : ", ").append(str(r.notes().get(i)));
        }
        j.append("],\n     \"variants\": [");
        List<Variant> vs = s.variants();
        for (int i = 0; i < vs.size(); i++) {
            Variant v = vs.get(i);
            j.append("\n      {\"id\": ").append(str(v.id())).append(", \"label\": ").append(str(v.label()))
                    .append(", \"kind\": ").append(str(v.kind().name()));
            if (r.failures().containsKey(v.id())) {
                j.append(", \"failure\": ").append(str(r.failures().get(v.id())));
            }
            Variant.SyscallCount sc = r.syscalls().get(v.id());
            if (sc != null) {
                j.append(", \"syscalls\": {\"responses\": ").append(sc.responses());
                for (Map.Entry<String, Long> e : sc.calls().entrySet()) {
                    j.append(", ").append(str(e.getKey())).append(": ").append(e.getValue());
                }
                j.append('}');
            }
            j.append(", \"samples\": [");
            List<Measured> ms = r.samples(v.id());
            for (int k = 0; k < ms.size(); k++) {
                Measured m = ms.get(k);
                j.append(k == 0 ? "" : ",").append("\n        {\"round\": ").append(k + 1)
                        .append(", \"bytes\": ").append(m.bytes()).append(", \"calls\": ").append(m.calls())
                        .append(", \"wallNs\": ").append(m.wallNs()).append(", \"cpuNs\": ").append(m.cpuNs())
                        .append(", \"tcpSegments\": ").append(m.segments())
                        .append(", \"machineCpuNs\": ").append(m.machineCpuNs())
                        .append(", \"clientCpuNs\": ").append(m.clientCpuNs()).append('}');
            }
            j.append("]}").append(i + 1 < vs.size() ? "," : "");
        }
        j.append("\n     ]}");
    }

    private static String num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : Double.toString(d);
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

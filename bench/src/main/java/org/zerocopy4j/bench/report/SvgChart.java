package org.zerocopy4j.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.Stats;
import org.zerocopy4j.bench.Variant;

/**
 * results.svg: one horizontal bar panel per scenario, the CPU cost of each variant (shorter is better) with its
 * min-max as a whisker. Plain SVG so it renders anywhere, GitHub included, with no browser or plotting library.
 */
public final class SvgChart {
    private static final int WIDTH = 960;
    private static final int LABEL = 360;
    private static final int PLOT = 460;
    private static final int BAR = 18;
    private static final int GAP = 6;

    private SvgChart() {
    }

    public static String render(String heading, List<ScenarioResult> results) {
        return render(heading, results, false);
    }

    /**
     * @param machine chart the whole machine's CPU ({@link Measured#machineCpuNs}) rather than the measured
     *                thread's or process's
     */
    public static String render(String heading, List<ScenarioResult> results, boolean machine) {
        StringBuilder body = new StringBuilder();
        int y = 56;
        for (ScenarioResult r : results) {
            List<Variant> shown = r.scenario().variants().stream().filter(v -> r.has(v.id())).toList();
            if (shown.isEmpty()) {
                continue;
            }
            boolean perCall = r.scenario().perCall();
            ToDoubleFunction<Measured> metric = machine
                    ? (perCall ? Measured::machineCpuMicrosPerCall : Measured::machineCpuSecondsPerGb)
                    : (perCall ? Measured::cpuMicrosPerCall : Measured::cpuSecondsPerGb);
            String unit = (machine ? "machine " : "") + (perCall ? "CPU us per call" : "CPU s per GB");
            double max = 0;
            for (Variant v : shown) {
                max = Math.max(max, Stats.of(r.samples(v.id()), metric).max());
            }
            max = max > 0 ? max : 1;
            body.append(text(10, y + 14, r.scenario().title() + " - " + unit + " (shorter is better)",
                    "font-weight:bold"));
            y += 24;
            for (Variant v : shown) {
                Stats s = Stats.of(r.samples(v.id()), metric);
                int w = (int) Math.round(s.median() / max * PLOT);
                int lo = LABEL + (int) Math.round(s.min() / max * PLOT);
                int hi = LABEL + (int) Math.round(s.max() / max * PLOT);
                int mid = y + BAR / 2;
                body.append(text(LABEL - 8, y + 13, v.label(), "text-anchor:end"));
                body.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", LABEL, y,
                        Math.max(w, 1), BAR, colour(v.kind())));
                body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                        + "stroke=\"#222\" stroke-width=\"1\"/>\n", lo, mid, hi, mid));
                body.append(text(Math.max(hi, LABEL + w) + 6, y + 13, Fmt.num(s.median()), ""));
                y += BAR + GAP;
            }
            y += 16;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, y, WIDTH, y));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(10, 20, heading, "font-size:14px;font-weight:bold"));
        int x = 10;
        for (Variant.Kind k : Variant.Kind.values()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    x, colour(k)));
            String name = k == Variant.Kind.ZEROCOPY ? "zerocopy4j" : k == Variant.Kind.C ? "C programs" : "JDK";
            svg.append(text(x + 16, 41, name, ""));
            x += 110;
        }
        return svg.append(body).append("</svg>\n").toString();
    }

    private static String colour(Variant.Kind k) {
        return switch (k) {
            case JDK -> "#8a9bb0";
            case ZEROCOPY -> "#2e8b57";
            case C -> "#d2691e";
        };
    }

    private static String text(int x, int y, String s, String style) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>\n", x, y,
                style.isEmpty() ? "" : " style=\"" + style + "\"", escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

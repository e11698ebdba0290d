package org.zerocopy4j.bench.report;

import java.util.Locale;

import org.zerocopy4j.bench.Stats;

/** Number formatting shared by the reports: three significant figures, a dash for what was not measured. */
final class Fmt {
    private Fmt() {
    }

    static String num(double v) {
        if (Double.isNaN(v) || v < 0) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** "0.130 (0.120-0.150)", or just the value with a single sample. */
    static String range(Stats s) {
        if (s.n() == 0) {
            return "-";
        }
        if (s.n() == 1) {
            return num(s.median());
        }
        return num(s.median()) + " (" + num(s.min()) + "-" + num(s.max()) + ")";
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }
}

package org.zerocopy4j.bench.report;

import java.util.Locale;

/**
 * One of the goals, evaluated on this run's ratios.
 *
 * @param name     what is compared
 * @param goal     the goal in words, e.g. "<= 1.05x"
 * @param measured the ratio found, or NaN
 * @param status   MET, MISSED or NOT_EVALUATED
 * @param detail   by how much it was missed, or why it could not be evaluated
 */
public record Target(String name, String goal, double measured, Status status, String detail) {

    public enum Status { MET, MISSED, NOT_EVALUATED }

    /** A goal that the ratio stays at or below {@code limit} (a cost ratio). */
    static Target atMost(String name, double ratio, double limit) {
        String goal = String.format(Locale.ROOT, "<= %.2fx", limit);
        if (Double.isNaN(ratio)) {
            return notEvaluated(name, goal, "a figure is missing");
        }
        boolean met = ratio <= limit;
        return new Target(name, goal, ratio, met ? Status.MET : Status.MISSED, met ? ""
                : String.format(Locale.ROOT, "missed by %.0f%% (%.2fx against %.2fx)",
                        (ratio / limit - 1) * 100, ratio, limit));
    }

    /** A goal that the ratio reaches at least {@code limit} (a saving). */
    static Target atLeast(String name, double ratio, double limit) {
        String goal = String.format(Locale.ROOT, ">= %.2fx", limit);
        if (Double.isNaN(ratio)) {
            return notEvaluated(name, goal, "a figure is missing");
        }
        boolean met = ratio >= limit;
        return new Target(name, goal, ratio, met ? Status.MET : Status.MISSED, met ? ""
                : String.format(Locale.ROOT, "missed by %.0f%% (%.2fx against %.2fx)",
                        (1 - ratio / limit) * 100, ratio, limit));
    }

    /** A goal that the ratio is strictly below 1: fewer of something. */
    static Target fewer(String name, double ratio) {
        if (Double.isNaN(ratio)) {
            return notEvaluated(name, "< 1.00x", "a figure is missing");
        }
        boolean met = ratio < 1.0;
        return new Target(name, "< 1.00x", ratio, met ? Status.MET : Status.MISSED, met ? ""
                : String.format(Locale.ROOT, "missed: %.2fx as many", ratio));
    }

    static Target notEvaluated(String name, String goal, String why) {
        return new Target(name, goal, Double.NaN, Status.NOT_EVALUATED, why);
    }
}

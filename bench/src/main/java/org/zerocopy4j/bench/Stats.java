package org.zerocopy4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median and range of one metric over samples; the median because a shared machine throws outliers both ways. */
public record Stats(double median, double min, double max, int n) {

    public static Stats of(List<Measured> samples, ToDoubleFunction<Measured> metric) {
        double[] v = samples.stream().mapToDouble(metric).filter(d -> d >= 0 && !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Arrays.sort(v);
        int m = v.length / 2;
        double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }
}

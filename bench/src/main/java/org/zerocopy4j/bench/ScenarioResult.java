package org.zerocopy4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Every sample of one scenario's variants, plus what failed and the system-call counts. */
public final class ScenarioResult {
    private final Scenario scenario;
    private final Map<String, List<Measured>> samples = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, Variant.SyscallCount> syscalls = new LinkedHashMap<>();
    private final List<String> notes;

    public ScenarioResult(Scenario scenario) {
        this.scenario = scenario;
        this.notes = new ArrayList<>(scenario.notes());
        for (Variant v : scenario.variants()) {
            samples.put(v.id(), new ArrayList<>());
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<Measured> samples(String variantId) {
        return samples.getOrDefault(variantId, List.of());
    }

    public Map<String, String> failures() {
        return failures;
    }

    public Map<String, Variant.SyscallCount> syscalls() {
        return syscalls;
    }

    public List<String> notes() {
        return notes;
    }

    void add(String variantId, Measured m) {
        samples.get(variantId).add(m);
    }

    void fail(String variantId, String why) {
        failures.put(variantId, why);
    }

    /** The median of a metric over a variant's samples, or NaN when it has none. */
    public double median(String variantId, ToDoubleFunction<Measured> metric) {
        return Stats.of(samples(variantId), metric).median();
    }

    public boolean has(String variantId) {
        return !samples(variantId).isEmpty();
    }
}

package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every JMH benchmark once, in this JVM, on tiny inputs: proves the generated harness and each variant work. It
 * measures nothing; real runs fork and iterate (java -jar zerocopy4j-bench.jar --jmh).
 */
@EnabledOnOs(OS.LINUX)
class JmhSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"FileToSocketBenchmark", "SmallResponseBenchmark", "RelayBenchmark",
        "UploadBenchmark", "FileCopyBenchmark"})
    void everyVariantRunsOnce(String benchmark) throws Exception {
        Class<?> type = Class.forName("org.zerocopy4j.bench.jmh." + benchmark);
        String[] variants = measurable(type.getField("variant").getAnnotation(Param.class).value());
        // Other builds on the machine may run JMH too; its lock file would make this test wait for them.
        System.setProperty("jmh.ignoreLock", "true");
        OptionsBuilder options = new OptionsBuilder();
        options.include(type.getName() + ".transfer")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(1))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .param("variant", variants)
                .param("size", benchmark.startsWith("Small") ? "4k" : "1m");
        if (benchmark.startsWith("Small")) {
            options.param("count", "50");
        }

        Collection<RunResult> results = new Runner(options.build()).run();

        assertEquals(variants.length, results.size(), "one result per variant of " + Arrays.toString(variants));
        for (RunResult r : results) {
            assertEquals(1, r.getPrimaryResult().getSampleCount(), r.getParams().toString());
        }
    }

    /** The zc-linux variants need the Linux provider; without it they are left out, not failed. */
    private static String[] measurable(String[] declared) {
        boolean linux = Providers.available(Providers.LINUX);
        List<String> keep = Arrays.stream(declared).filter(v -> linux || !v.startsWith("zc-linux")).toList();
        return keep.toArray(String[]::new);
    }
}

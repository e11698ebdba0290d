package org.zerocopy4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.paths.SmallResponses;

/** Path 2: many small files on one connection, without and with a 200-byte header.
 * One invocation is {@code count} responses, so single-shot time is the natural mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class SmallResponseBenchmark {

    @Param({"jdk-channel-transferTo", "zc-linux", "zc-fallback",
        "jdk-write-transferTo", "zc-linux-headers", "zc-fallback-headers"})
    public String variant;

    @Param("4k")
    public String size;

    @Param("100000")
    public String count;

    private JmhScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        scenario = JmhScenario.open(size, count, variant, ctx -> isHeaderVariant(variant)
                ? SmallResponses.withHeader(ctx, Options.parseSize(size))
                : SmallResponses.plain(ctx, Options.parseSize(size)));
    }

    private static boolean isHeaderVariant(String variant) {
        return variant.equals(SmallResponses.JDK_HEADER_REF) || variant.endsWith("-headers");
    }

    @Benchmark
    public Measured transfer() throws Exception {
        return scenario.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        scenario.close();
    }
}

package org.zerocopy4j.bench.jmh;

import java.util.List;
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
import org.zerocopy4j.bench.paths.FileCopy;

/** Path 5: a file copied on the scratch directory's filesystem.
 * One invocation is one whole transfer, so single-shot time is the natural mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class FileCopyBenchmark {

    @Param({"jdk-files-copy", "jdk-channel-transferTo", "zc-linux-copyRange", "zc-fallback-copyRange"})
    public String variant;

    @Param("256m")
    public String size;

    private JmhScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        scenario = JmhScenario.open(size, "1", variant,
                ctx -> FileCopy.scenario(ctx, ctx.fixture().dir(), "default filesystem", Options.parseSize(size),
                        List.of()));
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

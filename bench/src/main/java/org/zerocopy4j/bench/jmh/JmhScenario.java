package org.zerocopy4j.bench.jmh;

import java.io.Closeable;
import java.io.IOException;

import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Variant;

/**
 * Lets a JMH benchmark run one variant of the same scenario the command line measures, so the two never drift
 * apart. JMH times the trial; CPU per GB comes from the command line, which reads the thread's CPU clock.
 */
final class JmhScenario implements Closeable {

    @FunctionalInterface
    interface Builder {
        Scenario build(BenchContext ctx) throws Exception;
    }

    private final BenchContext ctx;
    private final Variant variant;

    private JmhScenario(BenchContext ctx, Variant variant) {
        this.ctx = ctx;
        this.variant = variant;
    }

    /** Builds the scenario for {@code size} (and {@code count} small responses) and picks {@code variantId}. */
    static JmhScenario open(String size, String count, String variantId, Builder builder) throws Exception {
        // Paths 1-5 only: the C ceiling is a subprocess and has no place in a JMH run.
        Options o = Options.parse("--sizes", size, "--count", count, "--paths", "1,2,3,4,5");
        BenchContext ctx = new BenchContext(o);
        try {
            Scenario s = builder.build(ctx);
            for (Variant v : s.variants()) {
                if (v.id().equals(variantId)) {
                    return new JmhScenario(ctx, v);
                }
            }
            throw new IllegalStateException("variant " + variantId + " is not measurable here: " + s.notes());
        } catch (Exception | Error e) {
            ctx.close();
            throw e;
        }
    }

    Measured run() throws Exception {
        return variant.trial().run();
    }

    @Override
    public void close() throws IOException {
        ctx.close();
    }
}

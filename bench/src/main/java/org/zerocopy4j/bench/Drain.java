package org.zerocopy4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A receiver on its own thread that reads until end of stream and counts, so the sender is never the bottleneck. */
public final class Drain {
    private static final int BUFFER = 1 << 20;
    private static final long TIMEOUT_SECONDS = 300;

    private final CompletableFuture<Long> received = new CompletableFuture<>();

    private Drain(ReadableByteChannel in, String name) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            long total = 0;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    buf.clear();
                }
                received.complete(total);
            } catch (IOException | RuntimeException e) {
                received.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    public static Drain start(ReadableByteChannel in) {
        return new Drain(in, "zc-bench-drain");
    }

    /** Waits for end of stream and returns the bytes received; a stuck peer fails the run rather than hanging it. */
    public long await() throws IOException {
        try {
            return received.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("receiver failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("receiver saw no end of stream within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Fails when the receiver did not get exactly what was sent: a fast wrong transfer must not make the table. */
    public void expect(long sent) throws IOException {
        long got = await();
        if (got != sent) {
            throw new IOException("receiver got " + got + " bytes, " + sent + " were sent");
        }
    }
}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A sender on its own thread writing a fixed number of bytes then closing its output: the far side of a relay. */
public final class Feed {
    private static final int BUFFER = 1 << 20;

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Feed(SocketChannel out, long bytes) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            while (buf.hasRemaining()) {
                buf.put((byte) 'z');
            }
            try {
                long left = bytes;
                while (left > 0) {
                    buf.clear().limit((int) Math.min(BUFFER, left));
                    while (buf.hasRemaining()) {
                        left -= out.write(buf);
                    }
                }
                out.shutdownOutput();
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "zc-bench-feed");
        t.setDaemon(true);
        t.start();
    }

    public static Feed start(SocketChannel out, long bytes) {
        return new Feed(out, bytes);
    }

    public void await() throws IOException {
        try {
            done.get(300, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("feeder failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("feeder did not finish within 300 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

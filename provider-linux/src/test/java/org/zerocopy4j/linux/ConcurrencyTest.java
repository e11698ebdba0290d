package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;

class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    /** Sixteen threads at once, each with its own path (socket, pooled pipe, copy_file_range), every byte checked. */
    @Test
    void sixteenThreadsTransferAtOnceByteExact() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", SIZE);
        byte[] expected = Files.readAllBytes(src);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
        try {
            List<CompletableFuture<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int kind = t % 3;
                Path dst = dir.resolve("dst-" + t);
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        if (kind == 0) {
                            return overSocket(pool, src);
                        }
                        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
                            long moved = 0;
                            while (moved < SIZE) {
                                moved += kind == 1
                                        ? Fixtures.linux().splice(in, moved, out, moved, SIZE - moved)
                                        : Fixtures.linux().copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION,
                                                SIZE - moved);
                            }
                        }
                        return Files.readAllBytes(dst);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<byte[]> r : results) {
                assertArrayEquals(expected, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] overSocket(ExecutorService pool, Path src) throws Exception {
        SocketChannel[] pair = Fixtures.socketPair();
        try (SocketChannel out = pair[0]; SocketChannel peer = pair[1]; FileChannel in = Fixtures.read(src)) {
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
                try {
                    return Fixtures.readFully(peer, SIZE);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, pool);
            long moved = 0;
            while (moved < SIZE) {
                moved += Fixtures.linux().sendfile(out, in, moved, SIZE - moved, SendfileOptions.NONE);
            }
            assertEquals(SIZE, moved);
            return got.get(60, TimeUnit.SECONDS);
        }
    }
}

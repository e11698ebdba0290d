package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/** Files, sockets and byte patterns of the Linux provider's tests (the loopback pair and file opening from test-kit). */
final class Fixtures {
    /**
     * Threads for peers and helpers. Not the common pool: on a two-core machine it has one worker, and a blocked
     * sender there would starve the receiver the test is waiting for.
     */
    static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zerocopy4j-test-peer");
        t.setDaemon(true);
        return t;
    });

    private Fixtures() {
    }

    /**
     * Runs {@code body} with a virtual-thread-per-task executor, shut down afterwards; skips the test on JDK 17, which
     * has no virtual threads (reached reflectively, so the tests compile for Java 17).
     */
    static void withVirtualThreads(ThrowingConsumer<java.util.concurrent.ExecutorService> body) throws Exception {
        java.util.concurrent.ExecutorService virtualThreads;
        try {
            virtualThreads = (java.util.concurrent.ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException jdk17) {
            virtualThreads = null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(virtualThreads != null, "virtual threads need JDK 21+");
        try {
            body.accept(virtualThreads);
        } finally {
            virtualThreads.shutdownNow();
        }
    }

    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    static Transfers linux() {
        return ZeroCopy.using("linux");
    }

    /** The byte at position {@code i} of every test pattern: not periodic at any power of two. */
    static byte patternByte(long i) {
        return (byte) ((i * 31 + (i >>> 11) * 7 + (i >>> 23)) & 0xff);
    }

    static byte[] pattern(long start, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = patternByte(start + i);
        }
        return b;
    }

    static Path patternFile(Path dir, String name, int length) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, pattern(0, length));
        return p;
    }

    static FileChannel read(Path p) throws IOException {
        return TestFiles.read(p);
    }

    static FileChannel write(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** A connected loopback TCP pair: [0] the client end, [1] the accepted end. */
    static SocketChannel[] socketPair() throws IOException {
        SocketPair pair = new SocketPair();
        return new SocketChannel[] {pair.client, pair.server};
    }

    /** Reads exactly {@code n} bytes (blocking channel). */
    static byte[] readFully(java.nio.channels.ReadableByteChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static int openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    /** Open descriptors that are pipe ends (the provider's pipes, the pool's and any the JDK made). */
    static int openPipeDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("pipe:");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }
}

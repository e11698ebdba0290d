package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zerocopy4j.Relay;
import org.zerocopy4j.ZeroCopy;

/**
 * {@code --relay-scale}: many relays at once, as a proxy with many connections has them, each on a virtual thread.
 * As in a proxy, every socket is read by one relay and written by another (one descriptor per relay): over n/2
 * loopback connections, relay i reads connection i and writes connection i+1, and a second ring runs the other way.
 * A few 256 KiB bursts circle the rings, so at any moment a handful of relays move bytes while the rest wait for input. Reported
 * per relay count: descriptors and pipes the process holds while the bursts circle (a relay holds a pipe only while
 * bytes are in flight), the pipes' worst-case buffer memory, the ring's throughput and the machine's CPU per GB.
 */
final class RelayScaleRun {
    private static final int BURSTS = 4;
    /** Small enough for the kernel's socket buffers, so the bursts go in before the relays start. */
    private static final int BURST = 256 << 10;

    private RelayScaleRun() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<Integer> counts = List.of(100, 1000, 10_000);
        int seconds = 5;
        Path dir = Path.of("bench-results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--relays" -> counts = Stream.ints(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--out" -> dir = Path.of(args[++i]);
                default -> {
                    err.println("usage: --relay-scale [--relays 100,1000,10000] [--seconds 5] [--out DIR]");
                    return 2;
                }
            }
        }
        if (Runtime.version().feature() < 21) {
            err.println("--relay-scale runs one virtual thread per relay: it needs JDK 21+");
            return 2;
        }
        StringBuilder md = new StringBuilder("| relays | descriptors | pipes held (max) | pipe memory (max) | "
                + "GB moved | Gbit/s | machine CPU s/GB |\n|---|---|---|---|---|---|---|\n");
        for (int n : counts) {
            md.append(ring(n, seconds)).append('\n');
            out.println(md);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("relay-scale.md"), "# Relay scale, " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores\n\n" + md, StandardCharsets.UTF_8);
        out.println("wrote " + dir.resolve("relay-scale.md"));
        return 0;
    }

    private static String ring(int n, int seconds) throws Exception {
        List<SocketChannel[]> connections = new ArrayList<>();
        List<Relay> relays = new ArrayList<>();
        AtomicLong moved = new AtomicLong();
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096)) {
            int m = Math.max(2, n / 2);
            for (int i = 0; i < m; i++) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                connections.add(new SocketChannel[] {client, listener.accept()});
            }
            // Injected first: a relay holds its output's write lock for the length of its transfer.
            for (int b = 0; b < BURSTS; b++) {
                ByteBuffer burst = ByteBuffer.allocate(BURST);
                SocketChannel[] at = connections.get(b * m / BURSTS);
                SocketChannel entry = b % 2 == 0 ? at[0] : at[1]; // half the bursts go round each ring
                while (burst.hasRemaining()) {
                    entry.write(burst);
                }
            }
            for (int i = 0; i < 2 * m; i++) {
                SocketChannel[] here = connections.get(i % m);
                SocketChannel[] next = connections.get((i % m + 1) % m);
                Relay relay = i < m ? ZeroCopy.relay(here[1], next[0]) : ZeroCopy.relay(next[0], here[1]);
                relays.add(relay);
                threads.execute(() -> {
                    try {
                        for (long r; (r = relay.transfer(BURST)) >= 0; ) {
                            moved.addAndGet(r);
                        }
                    } catch (IOException closed) {
                        // the run ended
                    }
                });
            }
            long cpu0 = MachineCpu.nowNs();
            long bytes0 = moved.get();
            long t0 = System.nanoTime();
            int maxPipes = 0;
            long descriptors = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(seconds)) {
                Thread.sleep(200);
                int[] counted = descriptorsAndPipes();
                descriptors = Math.max(descriptors, counted[0]);
                maxPipes = Math.max(maxPipes, counted[1]);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double gb = (moved.get() - bytes0) / 1e9;
            double cpu = (MachineCpu.nowNs() - cpu0) / 1e9;
            return String.format("| %d | %d | %d | %d MiB | %.2f | %.2f | %s |", n, descriptors, maxPipes,
                    maxPipes, gb, gb * 8 / secs, gb > 0 ? String.format("%.3f", cpu / gb) : "n/a");
        } finally {
            for (Relay r : relays) {
                r.close();
            }
            for (SocketChannel[] c : connections) {
                c[0].close();
                c[1].close();
            }
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The process's open descriptors and the distinct pipes among them (each pipe has two ends). */
    private static int[] descriptorsAndPipes() throws IOException {
        int fds = 0;
        Set<String> pipes = new HashSet<>();
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                fds++;
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (target.startsWith("pipe:")) {
                        pipes.add(target);
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        return new int[] {fds, pipes.size()};
    }

    /** Comma-separated counts. */
    private static final class Stream {
        static List<Integer> ints(String csv) {
            List<Integer> r = new ArrayList<>();
            for (String s : csv.split(",")) {
                r.add(Integer.parseInt(s.trim()));
            }
            return r;
        }
    }
}

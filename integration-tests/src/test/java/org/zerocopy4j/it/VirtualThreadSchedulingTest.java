package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;
import org.zerocopy4j.testkit.SocketPair;

/**
 * A server on virtual threads keeps running while many of them wait in a transfer: a blocking call waits the way the
 * JDK's own I/O waits (the virtual thread parks and frees its carrier) instead of holding its carrier in the kernel.
 * For each operation that can wait, four times as many virtual threads as carriers block in it; an unrelated virtual
 * thread must still run within 1 s, and closing the channels must end every blocked call within 1 s.
 */
class VirtualThreadSchedulingTest {
    private static final int BLOCKED = 4 * Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    private ExecutorService virtualThreads;
    private final List<Closeable> channels = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void virtualThreadsExist() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Closeable c : channels) {
            c.close();
        }
        if (virtualThreads != null) {
            virtualThreads.shutdownNow();
        }
    }

    /** One blocking call on fresh channels; registers what closing must end it. */
    @FunctionalInterface
    private interface BlockingCall {
        void run(Transfers zc) throws Exception;
    }

    private <T extends Closeable> T keep(T c) {
        channels.add(c);
        return c;
    }

    private SocketPair pair() throws IOException {
        return keep(new SocketPair());
    }

    /** A socket whose peer reads nothing, with its buffers already full. */
    private SocketChannel stalled() throws IOException {
        SocketChannel out = pair().client;
        out.configureBlocking(false);
        ByteBuffer junk = ByteBuffer.allocateDirect(1 << 16);
        while (out.write(junk.clear()) > 0) {
            // fill until the peer's window and our send buffer are full
        }
        out.configureBlocking(true);
        return out;
    }

    private FileChannel bigFile() throws IOException {
        Path p = dir.resolve("big-" + System.nanoTime());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        return keep(FileChannel.open(p, StandardOpenOption.READ));
    }

    private void assertSchedulerRunsAndCloseEndsCalls(String provider, BlockingCall call) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        List<CompletableFuture<Throwable>> blocked = new ArrayList<>();
        for (int i = 0; i < BLOCKED; i++) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            blocked.add(ended);
            virtualThreads.execute(() -> {
                try {
                    call.run(zc);
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
        }
        Thread.sleep(300); // every call is now waiting
        for (CompletableFuture<Throwable> f : blocked) {
            assertTrue(!f.isDone(), "a call that should wait returned: " + f.getNow(null));
        }
        CompletableFuture<Boolean> bystander = new CompletableFuture<>();
        virtualThreads.execute(() -> bystander.complete(true));
        assertTrue(bystander.get(1, TimeUnit.SECONDS), "an unrelated virtual thread did not run");
        for (Closeable c : channels) {
            c.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (CompletableFuture<Throwable> f : blocked) {
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void relayIdleOnItsInput(String provider) throws Exception {
        assertSchedulerRunsAndCloseEndsCalls(provider, zc -> {
            try (Relay relay = zc.relay(pair().server, pair().client)) {
                relay.transfer(1 << 20);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void sendfileToAStalledPeer(String provider) throws Exception {
        assertSchedulerRunsAndCloseEndsCalls(provider, zc -> {
            SocketChannel out = stalled();
            FileChannel in = bigFile();
            while (zc.sendfile(out, in, 0, in.size()) > 0) {
                // a blocking socket never returns 0; the loop ends when the socket is closed
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void spliceFromAnIdleSocketIntoAFile(String provider) throws Exception {
        assertSchedulerRunsAndCloseEndsCalls(provider, zc -> {
            FileChannel file = keep(FileChannel.open(dir.resolve("up-" + System.nanoTime()),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            zc.splice(pair().server, file, 1 << 20);
        });
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void spliceFromAPipeToAStalledPeer(String provider) throws Exception {
        assertSchedulerRunsAndCloseEndsCalls(provider, zc -> {
            Pipe pipe = Pipe.open();
            keep(pipe.sink());
            keep(pipe.source());
            SocketChannel out = stalled();
            while (true) { // until the socket, full at last, makes the splice wait
                pipe.sink().write(ByteBuffer.allocate(4096));
                zc.splice(pipe.source(), out, 4096);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void transferFullyToAStalledPeer(String provider) throws Exception {
        assertSchedulerRunsAndCloseEndsCalls(provider, zc -> {
            SocketChannel out = stalled();
            zc.transferFully(bigFile(), out, Long.MAX_VALUE);
        });
    }

    /**
     * Kernel work that cannot park (here sendfile reading file data that is not in memory, as from a slow disk) runs
     * under the JDK's compensation for blocking file I/O: while as many virtual threads as carriers are held in the
     * kernel, an unrelated virtual thread still runs, on a carrier the scheduler adds.
     */
    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void fileWorkThatCannotParkLetsOthersRun(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        long size = 512L << 20;
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        List<FileChannel[]> pairs = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            // A fresh sparse file: reading its holes makes the kernel fill the page cache with zeros, and the copy
            // writes them; about a second per 512 MiB on the test machines, in one call.
            Path p = dir.resolve("holes-" + i);
            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(size);
            }
            pairs.add(new FileChannel[] {keep(FileChannel.open(p, StandardOpenOption.READ)),
                    keep(FileChannel.open(dir.resolve("copy-" + i), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE))});
        }
        ZeroCopyProvider first = zc.dispatchOrder().get(0);
        assumeTrue(!provider.equals("fallback") && first.accepts(Feature.SENDFILE, pairs.get(0)[0], pairs.get(0)[1]),
                "the fallback (and a provider that hands this pair to it) does the JDK's own file I/O, compensated as"
                        + " the JDK does (JDK 23+: direct and synchronous I/O only)");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(carriers);
        List<CompletableFuture<Long>> endedAt = new ArrayList<>();
        long t0 = System.nanoTime();
        for (FileChannel[] pair : pairs) {
            CompletableFuture<Long> ended = new CompletableFuture<>();
            endedAt.add(ended);
            virtualThreads.execute(() -> {
                try {
                    started.countDown();
                    zc.sendfile(pair[1], pair[0], 0, size);
                    ended.complete(System.nanoTime());
                } catch (Throwable t) {
                    ended.completeExceptionally(t);
                }
            });
        }
        started.await();
        Thread.sleep(100); // every copy is in the kernel now
        CompletableFuture<Long> bystander = new CompletableFuture<>();
        virtualThreads.execute(() -> bystander.complete(System.nanoTime()));
        long ranAt = bystander.get(60, TimeUnit.SECONDS);
        long firstEnd = Long.MAX_VALUE;
        for (CompletableFuture<Long> f : endedAt) {
            firstEnd = Math.min(firstEnd, f.get(60, TimeUnit.SECONDS));
        }
        assumeTrue(firstEnd - t0 > TimeUnit.MILLISECONDS.toNanos(400),
                "the copies were too fast here to tell (" + (firstEnd - t0) / 1_000_000 + " ms)");
        assertTrue(ranAt < firstEnd, "an unrelated virtual thread ran only when a copy left its carrier, "
                + (ranAt - firstEnd) / 1_000_000 + " ms after the first copy ended");
    }
}

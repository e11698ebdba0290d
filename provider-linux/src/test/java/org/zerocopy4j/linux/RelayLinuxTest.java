package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.Relay;

class RelayLinuxTest {
    /** A prime-length block repeated: cheap to generate and check, never aligned with buffer or pipe sizes. */
    private static final int PERIOD = 1_048_573;
    private static final byte[] BLOCK = Fixtures.pattern(0, PERIOD);

    private static CompletableFuture<Void> send(SocketChannel ch, long total) {
        return CompletableFuture.runAsync(() -> {
            try {
                long sent = 0;
                while (sent < total) {
                    int at = (int) (sent % PERIOD);
                    ByteBuffer b = ByteBuffer.wrap(BLOCK, at, (int) Math.min(PERIOD - at, total - sent));
                    while (b.hasRemaining()) {
                        sent += ch.write(b);
                    }
                }
                ch.shutdownOutput();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, Fixtures.THREADS);
    }

    /** Reads until end of stream, checking every byte; slow for the first {@code slowBytes}. */
    private static CompletableFuture<Long> receive(SocketChannel ch, long slowBytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteBuffer b = ByteBuffer.allocate(256 * 1024);
                long got = 0;
                while (true) {
                    b.clear();
                    if (got < slowBytes) {
                        b.limit(4096);
                        Thread.sleep(1);
                    }
                    int r = ch.read(b);
                    if (r < 0) {
                        return got;
                    }
                    byte[] a = b.array();
                    for (int i = 0; i < r; i++) {
                        if (a[i] != BLOCK[(int) ((got + i) % PERIOD)]) {
                            throw new AssertionError("byte " + (got + i) + " differs");
                        }
                    }
                    got += r;
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, Fixtures.THREADS);
    }

    @Test
    void oneGibSocketToSocketByteExactWithASlowReader() throws Exception {
        long total = 1L << 30;
        SocketChannel[] upstream = Fixtures.socketPair();
        SocketChannel[] downstream = Fixtures.socketPair();
        try (SocketChannel producer = upstream[0]; SocketChannel relayIn = upstream[1];
                SocketChannel relayOut = downstream[0]; SocketChannel consumer = downstream[1];
                Relay relay = Fixtures.linux().relay(relayIn, relayOut)) {
            CompletableFuture<Void> sender = send(producer, total);
            CompletableFuture<Long> receiver = receive(consumer, 4 << 20);
            long relayed = 0;
            while (true) {
                long n = relay.transfer(1 << 20);
                if (n < 0) {
                    break;
                }
                assertTrue(n > 0, "blocking ends never give 0");
                relayed += n;
            }
            relayOut.shutdownOutput();
            sender.get(60, TimeUnit.SECONDS);
            assertEquals(total, relayed);
            assertEquals(total, receiver.get(60, TimeUnit.SECONDS));
            assertEquals(0, relay.pending());
        }
    }

    @Test
    void nonBlockingRelayKeepsWhatTheOutputCannotTakeAsPending() throws Exception {
        long total = 32 << 20;
        SocketChannel[] upstream = Fixtures.socketPair();
        SocketChannel[] downstream = Fixtures.socketPair();
        try (SocketChannel producer = upstream[0]; SocketChannel relayIn = upstream[1];
                SocketChannel relayOut = downstream[0]; SocketChannel consumer = downstream[1]) {
            relayIn.configureBlocking(false);
            relayOut.configureBlocking(false);
            try (Relay relay = Fixtures.linux().relay(relayIn, relayOut)) {
                CompletableFuture<Void> sender = send(producer, total);
                // Nobody reads yet: fill the downstream socket until the relay holds bytes it cannot deliver.
                long relayed = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (relay.pending() == 0 && System.nanoTime() < deadline) {
                    relayed += relay.transfer(1 << 20);
                }
                long pending = relay.pending();
                assertTrue(pending > 0, "the output filled up with bytes still in the relay");
                assertEquals(0, relay.transfer(1 << 20), "a full non-blocking output takes nothing");
                assertEquals(pending, relay.pending(), "nothing was lost or added while the output was full");
                CompletableFuture<Long> receiver = receive(consumer, 0);
                while (true) {
                    long n = relay.transfer(1 << 20);
                    if (n < 0) {
                        break;
                    }
                    relayed += n;
                    if (n == 0) {
                        Thread.sleep(1);
                    }
                }
                relayOut.shutdownOutput();
                sender.get(30, TimeUnit.SECONDS);
                assertEquals(total, relayed);
                assertEquals(total, receiver.get(30, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * close() from another thread while transfer() waits on an idle input ends the transfer and frees the pipe only
     * after it left: its descriptor numbers cannot be handed to another pipe under a running splice.
     */
    @Test
    void closingTheRelayFromAnotherThreadEndsAWaitingTransferAndFreesItsPipe() throws Exception {
        SocketChannel[] a = Fixtures.socketPair();
        SocketChannel[] b = Fixtures.socketPair();
        try (SocketChannel in = a[0]; SocketChannel feeder = a[1]; SocketChannel out = b[0]; SocketChannel sink = b[1]) {
            // Pipes idle in the shared pool are not the relay's: counted out on both sides.
            Relay relay = new LinuxProvider().relay(in, out);
            long before = Fixtures.openDescriptors() - 2L * PipePool.pooled();
            CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    relay.transfer(1 << 20);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, Fixtures.THREADS);
            Thread.sleep(200); // the transfer is now blocked reading the idle input
            relay.close();
            Throwable t = ended.get(1, TimeUnit.SECONDS);
            assertTrue(t instanceof java.nio.channels.AsynchronousCloseException, String.valueOf(t));
            assertTrue(in.isOpen() && out.isOpen(), "closing the relay leaves the user's channels open");
            assertEquals(before, Fixtures.openDescriptors() - 2L * PipePool.pooled(),
                    "the relay's pipe is closed or back in the pool once the transfer left");
        }
    }

    /**
     * pending() and close() from another thread never wait for a transfer stuck writing to a full blocking output.
     * pending() used to ask the kernel (FIONREAD), which waits, uninterruptibly, for the pipe's lock while the drain's
     * splice holds it blocked on the socket, and it waited holding the relay's monitor: the close() meant to end the
     * stuck transfer then waited as well, until the peer read.
     */
    @Test
    void pendingAndCloseFromAnotherThreadDoNotWaitForAStuckTransfer() throws Exception {
        SocketChannel[] a = Fixtures.socketPair();
        SocketChannel[] b = Fixtures.socketPair();
        SocketChannel feeder = a[0];
        SocketChannel in = a[1];
        SocketChannel out = b[0];
        SocketChannel stalled = b[1];
        Relay relay = new LinuxProvider().relay(in, out);
        try {
            CompletableFuture<Void> feed = send(feeder, 64L << 20);
            CompletableFuture<Throwable> transfer = CompletableFuture.supplyAsync(() -> {
                try {
                    while (relay.transfer(1 << 20) >= 0) {
                        // the peer never reads: the sockets fill up and a drain blocks
                    }
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, Fixtures.THREADS);
            Thread.sleep(500);
            assertFalse(transfer.isDone(), "the transfer is stuck writing to the stalled peer");
            long pending = CompletableFuture.supplyAsync(relay::pending, Fixtures.THREADS).get(1, TimeUnit.SECONDS);
            assertTrue(pending > 0, "bytes wait in the relay: " + pending);
            CompletableFuture.runAsync(() -> {
                try {
                    relay.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Fixtures.THREADS).get(1, TimeUnit.SECONDS);
            // Ended within a second: in its blocked call, or (the wakeup let a short write through) at the next one.
            Throwable t = transfer.get(1, TimeUnit.SECONDS);
            assertTrue(t instanceof java.nio.channels.ClosedChannelException, String.valueOf(t));
            assertEquals(0, relay.pending(), "a closed relay holds nothing");
            feeder.close();
            assertTrue(feed.handle((v, e) -> true).get(5, TimeUnit.SECONDS));
        } finally {
            // The peer first: a drain still blocked on it (and anything waiting behind that drain) ends.
            for (java.io.Closeable c : List.of(stalled, feeder, in, out, relay)) {
                c.close();
            }
        }
    }

    /**
     * A relay holds a pipe only while bytes are in flight: relays idle on their inputs hold none, so a proxy's idle
     * connections cost no pipes and no share of the user's pipe quota (the pool keeps at most a few spare ones).
     */
    @Test
    void idleRelaysHoldNoPipe() throws Exception {
        int relays = 300;
        List<SocketChannel> sockets = new ArrayList<>();
        List<Relay> open = new ArrayList<>();
        long before = Fixtures.openDescriptors();
        try {
            for (int i = 0; i < relays; i++) {
                SocketChannel[] a = Fixtures.socketPair();
                SocketChannel[] b = Fixtures.socketPair();
                sockets.addAll(List.of(a[0], a[1], b[0], b[1]));
                a[0].configureBlocking(false);
                b[0].configureBlocking(false);
                Relay relay = new LinuxProvider().relay(a[0], b[0]);
                open.add(relay);
                assertEquals(0, relay.transfer(1 << 20), "an idle non-blocking input has nothing now");
            }
            long pipeDescriptors = Fixtures.openDescriptors() - before - sockets.size();
            assertTrue(pipeDescriptors <= 2 * 64, relays + " idle relays hold " + pipeDescriptors
                    + " pipe descriptors; the pool keeps at most 64 spare pipes");
            // Bytes arriving later still go through, on a pipe taken for the moment.
            sockets.get(1).write(ByteBuffer.wrap(new byte[1000]));
            long moved = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (moved < 1000 && System.nanoTime() < deadline) {
                moved += open.get(0).transfer(1 << 20);
            }
            assertEquals(1000, moved);
        } finally {
            for (Relay r : open) {
                r.close();
            }
            for (SocketChannel c : sockets) {
                c.close();
            }
        }
    }

    /**
     * The same for blocking sockets, each relay on a thread of its own waiting in transfer(): a platform thread's
     * wait for its input holds no pipe either, and neither does a virtual thread's; bytes arriving later go through.
     */
    @Test
    void relaysBlockedOnIdleInputsOnPlatformThreadsHoldNoPipe() throws Exception {
        blockedRelaysHoldNoPipe(Fixtures.THREADS);
    }

    @Test
    void relaysBlockedOnIdleInputsOnVirtualThreadsHoldNoPipe() throws Exception {
        Fixtures.withVirtualThreads(RelayLinuxTest::blockedRelaysHoldNoPipe);
    }

    private static void blockedRelaysHoldNoPipe(ExecutorService threads) throws Exception {
        int relays = 300;
        int size = 1000;
        List<AutoCloseable> open = new ArrayList<>();
        List<SocketChannel> feeders = new ArrayList<>();
        List<SocketChannel> sinks = new ArrayList<>();
        List<Future<Long>> outcomes = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(relays);
        // Pipes idle in the shared pool are not the relays': counted out on both sides.
        long before = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled();
        try {
            for (int i = 0; i < relays; i++) {
                SocketChannel[] a = Fixtures.socketPair();
                SocketChannel[] b = Fixtures.socketPair();
                Relay relay = new LinuxProvider().relay(a[1], b[0]);
                open.addAll(List.of(relay, a[0], a[1], b[0], b[1]));
                feeders.add(a[0]);
                sinks.add(b[1]);
                outcomes.add(threads.submit(() -> {
                    started.countDown();
                    long total = 0;
                    while (true) {
                        long n = relay.transfer(1 << 20);
                        if (n < 0) {
                            return total;
                        }
                        total += n;
                    }
                }));
            }
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Thread.sleep(500); // every relay is now in transfer(), waiting for its idle input
            for (Future<Long> f : outcomes) {
                assertFalse(f.isDone(), "the relays wait for their inputs");
            }
            // One pipe's slack: the JDK may open one of its own meanwhile.
            long held = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled() - before;
            assertTrue(held <= 2, relays + " waiting relays hold " + held + " pipe descriptors besides the pool's");
            for (int i = 0; i < relays; i++) {
                feeders.get(i).write(ByteBuffer.wrap(Fixtures.pattern(i, size)));
                feeders.get(i).shutdownOutput();
            }
            for (int i = 0; i < relays; i++) {
                assertEquals(size, outcomes.get(i).get(30, TimeUnit.SECONDS));
                assertArrayEquals(Fixtures.pattern(i, size), Fixtures.readFully(sinks.get(i), size));
            }
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }
    /**
     * A busy relay keeps its pipe from one transfer to the next: 16 transfers of 4 KiB from an input that has them all
     * take one pipe from the pool, not 16 (taking and giving back a pipe per call cost the relay its speed). Once the
     * input has nothing now, the relay gives the pipe back: it holds none while the caller waits.
     */
    @Test
    void aBusyRelayTakesOnePipeForManyTransfersAndGivesItBackWhenIdle() throws Exception {
        busyRelayTakesOnePipe(Fixtures.THREADS, false);
    }

    /** The same on a virtual thread with a blocking input: the 17th transfer waits for input holding no pipe. */
    @Test
    void aBusyRelayOnAVirtualThreadTakesOnePipeAndWaitsWithoutIt() throws Exception {
        Fixtures.withVirtualThreads(threads -> busyRelayTakesOnePipe(threads, true));
    }

    /**
     * A platform thread's relay on a blocking input keeps its one pipe while the input has bytes when a transfer
     * starts, though each read took less than a pipeful (as a socket's reads do); once the input is dry it gives the
     * pipe back before its next read, which waits in the kernel: it waits holding no pipe.
     */
    @Test
    void aBusyRelayOnAPlatformThreadKeepsItsPipeAndWaitsWithoutIt() throws Exception {
        busyRelayTakesOnePipe(Fixtures.THREADS, true);
    }

    private static void busyRelayTakesOnePipe(ExecutorService threads, boolean blockingInput) throws Exception {
        int chunk = 4096;
        int chunks = 16;
        SocketChannel[] a = Fixtures.socketPair();
        SocketChannel[] b = Fixtures.socketPair();
        try (SocketChannel feeder = a[0]; SocketChannel in = a[1]; SocketChannel out = b[0]; SocketChannel sink = b[1];
                Relay relay = new LinuxProvider().relay(in, out)) {
            in.configureBlocking(blockingInput);
            byte[] data = Fixtures.pattern(7, chunk * chunks);
            feeder.write(ByteBuffer.wrap(data));
            Thread.sleep(100); // the loopback peer has every byte before the first transfer
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return Fixtures.readFully(sink, data.length + 1);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            long takenBefore = PipePool.taken();
            long pipesBefore = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled();
            Future<Long> run = threads.submit(() -> {
                for (int i = 0; i < chunks; i++) {
                    assertEquals(chunk, relay.transfer(chunk), "transfer " + i);
                }
                return PipePool.taken() - takenBefore;
            });
            long taken = run.get(30, TimeUnit.SECONDS);
            assertEquals(1, taken, chunks + " busy transfers took " + taken + " pipes from the pool");
            // Idle now: a non-blocking input has nothing; a blocking one waits for the byte sent below.
            Future<Long> idle = threads.submit(() -> relay.transfer(chunk));
            if (blockingInput) {
                Thread.sleep(300);
                assertFalse(idle.isDone(), "the relay waits for its input");
            } else {
                assertEquals(0, idle.get(30, TimeUnit.SECONDS));
            }
            long held = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled() - pipesBefore;
            assertTrue(held <= 0, "an idle relay holds " + held + " pipe descriptors besides the pool's");
            feeder.write(ByteBuffer.wrap(new byte[] {42}));
            if (!blockingInput) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                long n = 0;
                while (n == 0 && System.nanoTime() < deadline) {
                    n = relay.transfer(chunk);
                }
                assertEquals(1, n);
            } else {
                assertEquals(1, idle.get(30, TimeUnit.SECONDS));
            }
            byte[] got = received.get(30, TimeUnit.SECONDS);
            byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
            expected[data.length] = 42;
            assertArrayEquals(expected, got);
        }
    }
}

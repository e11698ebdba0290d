package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/** Non-blocking channels: 0 instead of waiting, and nothing lost or duplicated when the transfer resumes. */
@VirtualThreadsWhenAsked
class NonBlockingBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void stalledReceiverGetsZeroAndResumingLosesNothing(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 16 * 1024 * 1024;
        byte[] data = TestFiles.pattern(size, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            SocketChannel out = peer.sender();
            out.configureBlocking(false);
            long offset = 0;
            long n;
            long start = System.nanoTime();
            while ((n = zc.sendfile(out, in, offset, size - offset, SendfileOptions.NONE)) > 0) {
                offset += n;
                assertTrue(System.nanoTime() - start < DEADLINE_NANOS, "socket buffers never filled");
            }
            assertEquals(0, n, "a full non-blocking socket must give 0, not block or fail");
            assertTrue(offset < size, "16 MiB fit into loopback buffers; the test proves nothing");
            peer.resumeReading();
            try (Selector selector = Selector.open()) {
                out.register(selector, SelectionKey.OP_WRITE);
                while (offset < size) {
                    assertTrue(System.nanoTime() - start < DEADLINE_NANOS, "stuck at " + offset);
                    selector.select(100);
                    selector.selectedKeys().clear();
                    n = zc.sendfile(out, in, offset, size - offset, SendfileOptions.NONE);
                    assertTrue(n >= 0, "returned " + n + " at " + offset);
                    offset += n;
                }
            }
            out.configureBlocking(true);
            assertArrayEquals(data, peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void headersResumeAfterAPartialNonBlockingSend(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 4 * 1024 * 1024;
        byte[] header = TestFiles.pattern(3 * 1024 * 1024, 77);
        byte[] trailer = TestFiles.repeat('t', 1000);
        ByteBuffer h = ByteBuffer.wrap(header);
        ByteBuffer t = ByteBuffer.wrap(trailer);
        SendfileOptions options = SendfileOptions.builder().headers(h).trailers(t).build();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            SocketChannel out = peer.sender();
            out.configureBlocking(false);
            long fileSent = 0;
            long total = 0;
            boolean sawZero = false;
            long start = System.nanoTime();
            try (Selector selector = Selector.open()) {
                out.register(selector, SelectionKey.OP_WRITE);
                while (total < header.length + size + trailer.length) {
                    assertTrue(System.nanoTime() - start < DEADLINE_NANOS, "stuck at " + total);
                    long headerBefore = options.headerBytesRemaining();
                    long trailerBefore = options.trailerBytesRemaining();
                    long n = zc.sendfile(out, in, fileSent, size - fileSent, options);
                    assertTrue(n >= 0, "returned " + n);
                    long fromFile = n - (headerBefore - options.headerBytesRemaining())
                            - (trailerBefore - options.trailerBytesRemaining());
                    assertTrue(fromFile >= 0 && fromFile <= size - fileSent, "file bytes " + fromFile);
                    fileSent += fromFile;
                    total += n;
                    if (n == 0 && !sawZero) {
                        sawZero = true;
                        peer.resumeReading();
                    }
                    if (n == 0) {
                        selector.select(100);
                        selector.selectedKeys().clear();
                    }
                }
            }
            assertTrue(sawZero, "the send never had to resume; the test proves nothing");
            out.configureBlocking(true);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(header);
            expected.write(TestFiles.pattern(size, 0));
            expected.write(trailer);
            assertArrayEquals(expected.toByteArray(), peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void relayOverTwoConnectionsWithASlowNonBlockingReaderIsByteExact(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 8 * 1024 * 1024;
        byte[] data = TestFiles.pattern(size, 5);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ServerSocketChannel front = ServerSocketChannel.open().bind(any);
                ServerSocketChannel back = ServerSocketChannel.open().bind(any);
                SocketChannel source = SocketChannel.open(front.getLocalAddress());
                SocketChannel relayIn = front.accept();
                SocketChannel relayOut = SocketChannel.open(back.getLocalAddress());
                SocketChannel sink = back.accept()) {
            Thread writer = new Thread(() -> {
                try {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    while (b.hasRemaining()) {
                        source.write(b);
                    }
                    source.shutdownOutput();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "relay-test-writer");
            writer.start();
            relayIn.configureBlocking(false);
            relayOut.configureBlocking(false);
            sink.configureBlocking(false);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer small = ByteBuffer.allocate(7 * 1024);
            long start = System.nanoTime();
            long rounds = 0;
            try (Relay relay = zc.relay(relayIn, relayOut)) {
                boolean inputDone = false;
                while (!inputDone || relay.pending() > 0) {
                    assertTrue(System.nanoTime() - start < DEADLINE_NANOS, "relay stuck at " + got.size());
                    long n = relay.transfer(256 * 1024);
                    if (n < 0) {
                        inputDone = true;
                    }
                    // The slow reader: a small read only every other round, so the relay's output keeps filling.
                    if (rounds++ % 2 == 0) {
                        small.clear();
                        int r = sink.read(small);
                        if (r > 0) {
                            got.write(small.array(), 0, r);
                        }
                    }
                    if (n == 0) {
                        Thread.onSpinWait();
                    }
                }
                assertEquals(0, relay.pending());
                assertEquals(-1, relay.transfer(1024), "input ended and nothing pending");
            }
            relayOut.shutdownOutput();
            int r;
            while ((r = readSome(sink, small)) >= 0) {
                got.write(small.array(), 0, r);
                assertTrue(System.nanoTime() - start < DEADLINE_NANOS, "drain stuck at " + got.size());
            }
            writer.join();
            assertArrayEquals(data, got.toByteArray());
        }
    }

    private static int readSome(SocketChannel ch, ByteBuffer b) throws Exception {
        b.clear();
        int r = ch.read(b);
        if (r == 0) {
            Thread.sleep(1);
        }
        return r;
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fileIntoAFullNonBlockingPipeGivesZero(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Pipe pipe = Pipe.open();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1 << 20)); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            sink.configureBlocking(false);
            long moved = 0;
            long n;
            long start = System.nanoTime();
            while ((n = zc.splice(in, ZeroCopy.POSITION, sink, ZeroCopy.POSITION, 1 << 20)) > 0) {
                moved += n;
                assertTrue(System.nanoTime() - start < DEADLINE_NANOS);
            }
            assertEquals(0, n);
            assertEquals(moved, in.position(), "position advances by exactly what entered the pipe");
            assertTrue(moved > 0 && moved < (1 << 20), "moved " + moved);
            ByteBuffer b = ByteBuffer.allocate((int) moved);
            while (b.hasRemaining()) {
                source.read(b);
            }
            assertArrayEquals(TestFiles.pattern((int) moved, 0), b.array());
        }
    }

    /**
     * The JDK never closes a non-blocking channel on interrupt: an event loop that wakes its selector with
     * Thread.interrupt() keeps its connections. A relay between non-blocking sockets moves its bytes and leaves both
     * open and the interrupt status set.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anInterruptStatusLeavesARelayBetweenNonBlockingSocketsAlone(String provider) throws Exception {
        try (SocketPair a = new SocketPair(); SocketPair b = new SocketPair()) {
            a.client.write(ByteBuffer.wrap(new byte[1000]));
            a.server.configureBlocking(false);
            b.client.configureBlocking(false);
            long moved;
            try (Relay relay = ZeroCopy.using(provider).relay(a.server, b.client)) {
                Thread.currentThread().interrupt();
                try {
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    moved = 0;
                    while (moved < 1000 && System.nanoTime() < deadline) {
                        moved += relay.transfer(1 << 20);
                    }
                } finally {
                    assertTrue(Thread.interrupted(), "the interrupt status is the caller's to clear");
                }
            }
            assertEquals(1000, moved);
            assertTrue(a.server.isOpen() && b.client.isOpen(), "an interrupt closed a non-blocking channel");
        }
    }

    /**
     * A relay waiting for input holds nothing of its output: another writer of a non-blocking output goes on (it
     * would wait for the output's write lock, forever if no input came), and closing it returns at once.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aRelayWaitingForInputHoldsNothingOfItsOutput(String provider) throws Exception {
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        try (Pipe.SinkChannel feeder = a.sink(); Pipe.SourceChannel in = a.source(); Pipe.SinkChannel out = b.sink();
                Pipe.SourceChannel drain = b.source()) {
            out.configureBlocking(false);
            Relay relay = ZeroCopy.using(provider).relay(in, out);
            // Threads of their own: the common pool may have a single worker on a small machine.
            java.util.concurrent.Executor own = r -> new Thread(r).start();
            java.util.concurrent.CompletableFuture<Object> transfer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return relay.transfer(1 << 20);
                        } catch (Exception e) {
                            return e;
                        }
                    }, own);
            Thread.sleep(200); // the transfer waits on the idle input
            assertTrue(!transfer.isDone(), "the transfer should wait for input: " + transfer.getNow(null));
            java.util.concurrent.CompletableFuture<Integer> otherWriter = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return out.write(ByteBuffer.wrap(new byte[7]));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }, own);
            assertEquals(7, otherWriter.get(1, java.util.concurrent.TimeUnit.SECONDS),
                    "another writer of the output is held up by the relay waiting for input");
            Thread closer = new Thread(() -> {
                try {
                    out.close();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            closer.setDaemon(true);
            closer.start();
            closer.join(1000);
            assertTrue(!closer.isAlive(), "close() of the output still waiting for the relay after 1 s");
            feeder.write(ByteBuffer.wrap(new byte[10])); // the input has bytes now; the output is gone
            Object outcome = transfer.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(outcome instanceof java.nio.channels.ClosedChannelException || outcome instanceof Long,
                    "the transfer ended with " + outcome);
            relay.close();
        }
    }
}

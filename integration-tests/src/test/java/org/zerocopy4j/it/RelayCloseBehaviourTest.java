package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Relay;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.SocketPair;

/**
 * A relay closed by another thread while its transfer waits for input (what a proxy does when the other direction of
 * a connection ends): the transfer ends with ClosedChannelException, writes nothing after the close, and whatever the
 * relay used as its intermediate is not handed to the next relay while the closed one's transfer still uses it.
 */
@VirtualThreadsWhenAsked
class RelayCloseBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final int ROUNDS = 20;
    private static final int BYTES = 1000;

    /**
     * Relay 1 is closed from this thread while its transfer (on another thread) waits on connection 1's idle input;
     * relay 2 is opened on connection 2 at once. Then connection 1's input and connection 2's input each get 1,000
     * bytes of their own. Connection 2's peer must get exactly connection 2's bytes; connection 1's peer gets nothing
     * (relay 1 is closed); relay 1's transfer ends with ClosedChannelException. Twenty rounds: in odd ones relay 2
     * waits for its input on another thread, in even ones it holds connection 2's bytes pending (its non-blocking
     * output is full) when connection 1's bytes arrive.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aRelayClosedDuringItsTransferSendsNothingToAnotherConnection(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        for (int round = 0; round < ROUNDS; round++) {
            oneRound(zc, round, round % 2 == 0);
        }
    }

    /**
     * A second transfer() while one waits on the same relay is refused, and the waiting one then moves the input's
     * bytes as if the refused call had never come: two transfers sharing the relay's intermediate (a pooled pipe, a
     * buffer) could hand it back to the pool while the other still uses it, and another connection would get its bytes.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anOverlappingTransferIsRefusedAndTheFirstGoesOn(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = new byte[BYTES];
        Arrays.fill(data, (byte) 'o');
        try (SocketPair in = new SocketPair(); SocketPair out = new SocketPair();
                Relay relay = zc.relay(in.server, out.client)) {
            CompletableFuture<Object> first = start(() -> relay.transfer(1 << 20));
            Thread.sleep(150); // the transfer now waits for input
            assertFalse(first.isDone(), "the transfer ended with no input: " + first.getNow(null));
            // On another thread, so that a provider that lets it in cannot hang the test: it would wait for input.
            Object second = start(() -> relay.transfer(1 << 20)).get(5, TimeUnit.SECONDS);
            assertTrue(second instanceof IllegalStateException && ((Exception) second).getMessage().contains(
                    "transfer()"), "a second transfer() on a relay that is in one: " + second);
            writeAll(in.client, data);
            Object moved = first.get(10, TimeUnit.SECONDS);
            assertTrue(moved instanceof Long && (Long) moved > 0, "the first transfer's result: " + moved);
            long total = (Long) moved;
            while (total < BYTES) {
                total += relay.transfer(BYTES - total);
            }
            ByteBuffer got = ByteBuffer.allocate(BYTES);
            while (got.hasRemaining() && out.server.read(got) >= 0) {
                // read what the relay sent
            }
            assertArrayEquals(data, got.array());
        }
    }

    private static void oneRound(Transfers zc, int round, boolean secondHoldsPending) throws Exception {
        byte[] one = new byte[BYTES];
        byte[] two = new byte[BYTES];
        Arrays.fill(one, (byte) '1');
        Arrays.fill(two, (byte) '2');
        String where = "round " + round + (secondHoldsPending ? " (relay 2 holding its bytes pending)"
                : " (relay 2 waiting for input)");
        try (SocketPair in1 = new SocketPair(); SocketPair out1 = new SocketPair(); SocketPair in2 = new SocketPair();
                SocketPair out2 = new SocketPair()) {
            // Each relay reads a connection's server end and writes another connection's client end, as a proxy.
            Relay relay1 = zc.relay(in1.server, out1.client);
            CompletableFuture<Object> first = start(() -> relay1.transfer(1 << 20));
            Thread.sleep(150); // the transfer now waits for connection 1's input
            assertFalse(first.isDone(), where + ": relay 1's transfer ended with no input: " + first.getNow(null));
            relay1.close();
            long filler = 0;
            if (secondHoldsPending) {
                out2.client.configureBlocking(false);
                filler = fill(out2.client);
            }
            byte[] got;
            try (Relay relay2 = zc.relay(in2.server, out2.client)) {
                CompletableFuture<Object> second;
                if (secondHoldsPending) {
                    writeAll(in2.client, two);
                    // Full again just before the transfer: on a slow VM the peer's buffers grow after the first fill.
                    filler += fill(out2.client);
                    if (relay2.transfer(1 << 20) != 0) {
                        return; // the output took bytes after all: this round cannot hold them pending; others do
                    }
                    assertTrue(relay2.pending() > 0, where + ": relay 2 holds connection 2's bytes");
                    writeAll(in1.client, one);
                    Thread.sleep(50); // where relay 1's transfer still reads, it has now read them
                    in2.client.shutdownOutput();
                    second = CompletableFuture.completedFuture(null);
                } else {
                    second = start(() -> drive(relay2, out2.client));
                    Thread.sleep(50); // relay 2's transfer now waits for connection 2's input
                    writeAll(in1.client, one);
                    Thread.sleep(50);
                    writeAll(in2.client, two);
                    in2.client.shutdownOutput();
                }
                CompletableFuture<Object> peer2 = start(() -> readAll(out2.server));
                Object moved = secondHoldsPending ? drive(relay2, out2.client) : second.get(10, TimeUnit.SECONDS);
                Object received = peer2.get(10, TimeUnit.SECONDS);
                assertTrue(received instanceof byte[], where + ": connection 2's peer: " + received);
                byte[] all = (byte[]) received;
                got = Arrays.copyOfRange(all, (int) Math.min(filler, all.length), all.length);
                long ones = count(got, (byte) '1');
                assertEquals(0, ones, where + ": " + ones + " of connection 1's bytes reached connection 2's peer, and "
                        + count(got, (byte) '2') + " of its own (of " + got.length + ")");
                assertArrayEquals(two, got, where + ": connection 2's peer got exactly connection 2's bytes, "
                        + count(got, (byte) '2') + " of " + BYTES + " came");
                assertTrue(moved instanceof Long, where + ": relay 2 ended with " + moved);
            }
            // Relay 1's transfer ends: at the close on providers that wake it, else once its input's read returned.
            Object ended = first.get(10, TimeUnit.SECONDS);
            assertTrue(ended instanceof ClosedChannelException, where + ": relay 1's transfer, closed while it "
                    + "waited, ended with " + ended);
            out1.client.shutdownOutput();
            assertEquals(0, readAll(out1.server).length, where + ": relay 1 wrote to its output after close()");
            assertThrows(ClosedChannelException.class, () -> relay1.transfer(1 << 20), "a closed relay's transfer");
            assertEquals(0, relay1.pending(), "a closed relay holds nothing");
            assertTrue(in1.server.isOpen() && out1.client.isOpen(), "closing a relay leaves its channels open");
        }
    }

    /** Runs the relay until its input ended and nothing is pending, then shuts its output down: the bytes moved. */
    private static long drive(Relay relay, SocketChannel out) throws Exception {
        long total = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (long n; (n = relay.transfer(1 << 20)) >= 0; ) {
                total += n;
                if (n == 0) {
                    assertTrue(System.nanoTime() < deadline, "relay stuck after " + total + " bytes");
                    Thread.sleep(1); // a full non-blocking output: the peer is reading
                }
            }
        } finally {
            out.shutdownOutput(); // the peer's read ends, whatever happened
        }
        return total;
    }

    /** Writes filler bytes ('0') into a non-blocking socket until it takes no more: how many. */
    private static long fill(SocketChannel out) throws IOException {
        ByteBuffer filler = ByteBuffer.allocate(64 * 1024);
        Arrays.fill(filler.array(), (byte) '0');
        long total = 0;
        for (int n; (n = out.write(filler.clear())) > 0; ) {
            total += n;
        }
        return total;
    }

    private static long count(byte[] bytes, byte value) {
        long n = 0;
        for (byte b : bytes) {
            n += b == value ? 1 : 0;
        }
        return n;
    }

    private static void writeAll(SocketChannel out, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static byte[] readAll(SocketChannel in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (in.read(b) >= 0) {
            all.write(b.array(), 0, b.position());
            b.clear();
        }
        return all.toByteArray();
    }

    /**
     * Runs {@code body} on a new thread of the test thread's kind (virtual when the suite runs on virtual threads);
     * the future holds its result or what it threw.
     */
    private static CompletableFuture<Object> start(Callable<?> body) throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.complete(t);
            }
        };
        if (isVirtual(Thread.currentThread())) {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, r);
        } else {
            Thread t = new Thread(r, "relay-close-test");
            t.setDaemon(true);
            t.start();
        }
        return result;
    }

    private static boolean isVirtual(Thread t) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException jdk17) {
            return false;
        }
    }
}

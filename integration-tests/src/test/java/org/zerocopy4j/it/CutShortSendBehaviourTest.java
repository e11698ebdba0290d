package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.TestFiles;

/**
 * A sendfile with headers and trailers to a blocking socket that ends early, the peer resetting the connection or
 * another thread closing the socket, after many MiB went out: the call says how many bytes left, every one of them,
 * and the file's position moved by exactly the file bytes among them. On a virtual thread such a call runs as many
 * non-blocking attempts, parking in between, so the bytes of the attempts before the one that fails count too.
 *
 * <p>The file part is small and goes out whole at once (an attempt that leaves the file part short ends the call with
 * its count, as any send towards a full socket does); the trailers are far larger than the socket's buffers, so the
 * call goes on sending them while the peer reads, and is cut short there.
 */
@VirtualThreadsWhenAsked
class CutShortSendBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final int FILE = 32 << 20;
    private static final long START = 1000;
    private static final int FILE_COUNT = 16 * 1024;
    private static final int HEAD = 1024;
    private static final int TAIL = 32 << 20;
    /** What the peer reads before it ends the connection: far more than the socket buffers hold. */
    private static final int PEER_READS = 8 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aSendResetByThePeerSaysEveryByteThatLeft(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(FILE, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, FILE)); Connection c = Connection.open()) {
            in.position(START);
            SendfileOptions options = options();
            CompletableFuture<byte[]> peer = c.readThen(() -> {
                c.accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
                c.accepted.close(); // a reset
            });
            Sent sent = Sent.of(zc, c, in, options, peer);
            long returned = sent.returned;
            IOException failure = sent.failure;
            byte[] read = sent.read;
            long left = sent.left;
            String facts = sent.facts;
            assertArrayEquals(expected(data, read.length), read, "the bytes the peer read: " + facts);
            assertTrue(left >= PEER_READS, "less left than the peer read: " + facts);
            if (failure == null) {
                assertEquals(left, returned, "the count returned against the bytes that left: " + facts);
            } else if (failure instanceof NativeIOException || AvailableProviders.isNative(provider)) {
                assertTrue(failure instanceof NativeIOException, "a native provider's failure: " + facts);
                assertEquals(left, ((NativeIOException) failure).bytesTransferred(),
                        "bytesTransferred() against the bytes that left: " + facts);
            }
            // Otherwise the fallback reports the JDK's own IOException, whose count the position and buffers tell.
        }
    }

    /**
     * Closed by another thread while it waits for the peer, a call that moved bytes returns their count, as the JDK's
     * own write does; the next call finds the channel closed. On a platform thread the call is one blocking attempt,
     * on a virtual thread many.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aSendClosedWhileItWaitsReturnsEveryByteThatLeft(String provider) throws Exception {
        Assumptions.assumeTrue(AvailableProviders.isNative(provider), "the fallback writes through the JDK");
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(FILE, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, FILE)); Connection c = Connection.open()) {
            in.position(START);
            SendfileOptions options = options();
            CompletableFuture<byte[]> peer = c.readThen(() -> {
                Thread.sleep(300); // the sender fills the buffers and waits for the peer
                c.sender.close();
            });
            Sent sent = Sent.of(zc, c, in, options, peer);
            long returned = sent.returned;
            IOException failure = sent.failure;
            byte[] read = sent.read;
            long left = sent.left;
            String facts = sent.facts;
            assertArrayEquals(expected(data, read.length), read, "the bytes the peer read: " + facts);
            assertNull(failure, "the call failed: " + facts);
            assertTrue(left >= PEER_READS, "less left than the peer read: " + facts);
            assertEquals(left, returned, "the count returned against the bytes that left: " + facts);
            assertFalse(c.sender.isOpen(), facts);
        }
    }

    private static SendfileOptions options() {
        return SendfileOptions.builder().headers(ByteBuffer.wrap(TestFiles.repeat('h', HEAD)))
                .trailers(ByteBuffer.wrap(TestFiles.repeat('t', TAIL))).build();
    }

    /** The bytes that left: the headers' and trailers' consumed and the file bytes the position moved past. */
    private static long left(SendfileOptions options, FileChannel in) throws IOException {
        return HEAD - options.headerBytesRemaining() + in.position() - START + TAIL - options.trailerBytesRemaining();
    }

    /** The first {@code length} bytes of the stream the call sends. */
    private static byte[] expected(byte[] data, int length) {
        byte[] all = new byte[HEAD + FILE_COUNT + TAIL];
        Arrays.fill(all, 0, HEAD, (byte) 'h');
        System.arraycopy(data, (int) START, all, HEAD, FILE_COUNT);
        Arrays.fill(all, HEAD + FILE_COUNT, all.length, (byte) 't');
        return Arrays.copyOf(all, length);
    }

    /** What one send at the position told and what the peer read, with the facts a failure message gives. */
    private static final class Sent {
        long returned = -2;
        IOException failure;
        byte[] read;
        long left;
        String facts;

        static Sent of(Transfers zc, Connection c, FileChannel in, SendfileOptions options,
                CompletableFuture<byte[]> peer) throws Exception {
            Sent sent = new Sent();
            try {
                sent.returned = zc.sendfile(c.sender, in, ZeroCopy.POSITION, FILE_COUNT, options);
            } catch (IOException e) {
                sent.failure = e;
            }
            sent.read = peer.get(60, TimeUnit.SECONDS);
            sent.left = left(options, in);
            sent.facts = "returned " + sent.returned + ", failure " + sent.failure + ", bytes that left " + sent.left
                    + " (file position moved " + (in.position() - START) + "), the peer read " + sent.read.length;
            return sent;
        }
    }

    private interface Then {
        void run() throws Exception;
    }

    /** A loopback connection with fixed, small buffers (no autotuning), its far end read on a thread of its own. */
    private static final class Connection implements AutoCloseable {
        final ServerSocketChannel server;
        final SocketChannel sender;
        final SocketChannel accepted;

        private Connection(ServerSocketChannel server, SocketChannel sender, SocketChannel accepted) {
            this.server = server;
            this.sender = sender;
            this.accepted = accepted;
        }

        static Connection open() throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel sender = SocketChannel.open();
            sender.setOption(StandardSocketOptions.SO_SNDBUF, 256 * 1024);
            sender.connect(server.getLocalAddress());
            return new Connection(server, sender, server.accept());
        }

        /**
         * After a pause (the sender's first attempt fills the buffers and waits), reads {@link #PEER_READS} bytes,
         * then runs {@code then}: the bytes read.
         */
        CompletableFuture<byte[]> readThen(Then then) {
            CompletableFuture<byte[]> done = new CompletableFuture<>();
            Thread peer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    ByteBuffer buf = ByteBuffer.allocate(PEER_READS);
                    while (buf.hasRemaining() && accepted.read(buf) >= 0) {
                        // reads until it has them all
                    }
                    then.run();
                    done.complete(Arrays.copyOf(buf.array(), buf.position()));
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }, "cut-short-peer");
            peer.setDaemon(true);
            peer.start();
            return done;
        }

        @Override
        public void close() throws IOException {
            sender.close();
            accepted.close();
            server.close();
        }
    }
}

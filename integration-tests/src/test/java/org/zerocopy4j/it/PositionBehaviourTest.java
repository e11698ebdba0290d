package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;

/**
 * {@link ZeroCopy#POSITION} is atomic with the channel's own position-dependent calls, as FileChannel's read and write
 * are with each other: a server thread sending a file from its position while another thread reads the same channel
 * with {@code FileChannel.read} splits the file between them, every byte going exactly one way.
 */
class PositionBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final int INTS = 100_000;

    @TempDir
    Path dir;

    private Path numbered() throws Exception {
        ByteBuffer all = ByteBuffer.allocate(INTS * 4);
        for (int i = 0; i < INTS; i++) {
            all.putInt(i);
        }
        Path p = dir.resolve("numbered");
        Files.write(p, all.array());
        return p;
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void sendfileAtThePositionSharesTheFileWithFileChannelRead(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = FileChannel.open(numbered(), StandardOpenOption.READ);
                LoopbackPeer peer = LoopbackPeer.open()) {
            CompletableFuture<ByteBuffer> reads = readerOf(in);
            while (zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 28) > 0) {
                // a blocking socket takes all 28 bytes of each step
            }
            assertEachNumberOnce(peer.finish(), reads.get(30, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeAtThePositionSharesTheFileWithFileChannelRead(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path copy = dir.resolve("copy");
        try (FileChannel in = FileChannel.open(numbered(), StandardOpenOption.READ);
                FileChannel out = TestFiles.write(copy)) {
            CompletableFuture<ByteBuffer> reads = readerOf(in);
            while (zc.copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, 28) > 0) {
                // a file takes all 28 bytes of each step
            }
            assertEachNumberOnce(Files.readAllBytes(copy), reads.get(30, TimeUnit.SECONDS));
        }
    }

    /** Another thread reading the channel at its position, 20 bytes a call, until end of file. */
    private static CompletableFuture<ByteBuffer> readerOf(FileChannel in) {
        CompletableFuture<ByteBuffer> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                ByteBuffer step = ByteBuffer.allocate(20);
                while (in.read(step.clear()) >= 0) {
                    got.write(step.array(), 0, step.position());
                }
                result.complete(ByteBuffer.wrap(got.toByteArray()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "position-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static void assertEachNumberOnce(byte[] sent, ByteBuffer read) {
        assertEquals(0, sent.length % 4, "sent a torn number");
        int[] seen = new int[INTS];
        ByteBuffer s = ByteBuffer.wrap(sent);
        while (s.hasRemaining()) {
            seen[s.getInt()]++;
        }
        while (read.hasRemaining()) {
            seen[read.getInt()]++;
        }
        int duplicated = 0;
        int missing = 0;
        for (int c : seen) {
            duplicated += c > 1 ? 1 : 0;
            missing += c == 0 ? 1 : 0;
        }
        int total = duplicated + missing;
        assertTrue(total == 0, duplicated + " numbers went out more than once, " + missing + " never; "
                + sent.length / 4 + " sent, the rest read");
    }
}

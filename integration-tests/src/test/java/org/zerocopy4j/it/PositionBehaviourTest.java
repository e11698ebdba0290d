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
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

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

    /**
     * An interrupted thread's FileChannel call closes the channel holding its position lock and waits for every
     * thread in the channel's I/O to leave: a transfer that joined the channel's I/O and then waited for that lock
     * would deadlock with it. Here one send at the position holds the lock (its peer does not read), an interrupted
     * thread's size() and a second send at the position wait for it, and then the peer reads.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anInterruptedFileChannelCallAndASendWaitingForThePositionBothEnd(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path big = dir.resolve("big");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64 << 20);
        }
        // Not closed by try-with-resources: after a deadlock, close() would wait forever for the deadlocked threads.
        FileChannel in = FileChannel.open(big, StandardOpenOption.READ);
        try (LoopbackPeer stalled = LoopbackPeer.holdReading(); LoopbackPeer other = LoopbackPeer.open()) {
            Thread first = daemon(() -> zc.sendfile(stalled.sender(), in, ZeroCopy.POSITION, 64 << 20));
            Thread.sleep(300);
            Thread interrupted = daemon(() -> {
                Thread.currentThread().interrupt();
                in.size();
                return 0;
            });
            Thread.sleep(100);
            Thread second = daemon(() -> zc.sendfile(other.sender(), in, ZeroCopy.POSITION, 4096));
            Thread.sleep(100);
            stalled.resumeReading();
            for (Thread t : new Thread[] {first, interrupted, second}) {
                t.join(10_000);
                assertTrue(!t.isAlive(), t.getName() + " still waiting 10 s after the peer read: a deadlock");
            }
        }
        in.close();
    }

    /** A send to a file writes at the file's position: atomic with that channel's own writes, no byte overwritten. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void sendfileToAFileSharesItsPositionWithFileChannelWrite(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int rounds = 20_000;
        Path source = dir.resolve("a");
        byte[] a = new byte[28];
        java.util.Arrays.fill(a, (byte) 'a');
        Files.write(source, a);
        Path target = dir.resolve("target");
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Thread writer = daemon(() -> {
                ByteBuffer b = ByteBuffer.allocate(20);
                for (int i = 0; i < rounds; i++) {
                    java.util.Arrays.fill(b.clear().array(), (byte) 'b');
                    out.write(b);
                }
                return 0;
            });
            for (int i = 0; i < rounds; i++) {
                assertEquals(28, zc.sendfile(out, in, 0, 28));
            }
            writer.join(30_000);
        }
        byte[] got = Files.readAllBytes(target);
        long as = 0;
        for (byte b : got) {
            as += b == 'a' ? 1 : 0;
        }
        assertEquals((long) rounds * 48, got.length, "bytes written over one another");
        assertEquals((long) rounds * 28, as);
    }

    /** A position at or past the end, however far, is end of input for every call at the position. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anyPositionPastTheEndIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        // tmpfs takes positions up to Long.MAX_VALUE; ext4 refuses those past its largest file.
        Path shm = Path.of("/dev/shm");
        Path file = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempFile(shm, "zc", ".bin")
                : Files.createTempFile(dir, "zc", ".bin");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel out = TestFiles.write(dir.resolve("none")); LoopbackPeer peer = LoopbackPeer.open()) {
            in.write(ByteBuffer.wrap(new byte[1000]), 0);
            org.zerocopy4j.SendfileOptions more = org.zerocopy4j.SendfileOptions.builder()
                    .flags(org.zerocopy4j.SendfileFlag.MORE).build();
            int tried = 0;
            for (long position : new long[] {1000, 1L << 44, 1L << 62, Long.MAX_VALUE - 1}) {
                try {
                    in.position(position);
                } catch (java.io.IOException refusedByThisFilesystem) {
                    continue;
                }
                tried++;
                assertEquals(-1, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 4096), "sendfile at " + position);
                assertEquals(-1, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 4096, more),
                        "sendfile MORE at " + position);
                assertEquals(-1, zc.copyRange(in, ZeroCopy.POSITION, out, 0, 4096), "copyRange at " + position);
                assertEquals(-1, zc.splice(in, ZeroCopy.POSITION, out, 0, 4096), "splice at " + position);
                assertEquals(position, in.position());
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(tried > 1, "no position past the end could be set here");
            assertEquals(0, out.size());
            assertEquals(0, peer.finish().length);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FunctionalInterface
    private interface Body {
        long run() throws Exception;
    }

    private static Thread daemon(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception expected) {
                // closed or interrupted: the test looks only at whether the thread ends
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}

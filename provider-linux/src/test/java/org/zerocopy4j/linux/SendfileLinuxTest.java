package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;

class SendfileLinuxTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** Runs {@code call} on a platform thread of its own; its exception comes back as the future's cause's cause. */
    private static CompletableFuture<Long> onThread(String name, Callable<Long> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> new Thread(r, name).start());
    }

    private Path sparse(String name, long size) throws Exception {
        Path p = dir.resolve(name);
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[] {1}), size - 1);
        }
        return p;
    }

    /**
     * At the position only the file's own bytes need the position lock: a platform thread's send whose headers wait
     * for a slow peer leaves the channel's position(), size() and read() to other threads meanwhile (they wait only
     * while the kernel's sendfile runs), and the file bytes still come from the position and move it.
     */
    @Test
    void headersWaitingForASlowPeerDoNotHoldThePosition() throws Exception {
        byte[] body = Fixtures.pattern(0, 4096);
        Path src = dir.resolve("body");
        Files.write(src, body);
        byte[] head = Fixtures.pattern(7, 8 << 20); // more than the socket buffers take without a read
        try (FileChannel in = Fixtures.read(src); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            in.position(100);
            SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap(head)).build();
            CompletableFuture<Long> send = onThread("send-with-headers",
                    () -> Fixtures.linux().sendfile(peer.sender(), in, ZeroCopy.POSITION, 4096, options));
            Thread.sleep(300); // the send is in its header write, which the peer does not read
            assertTrue(!send.isDone(), "the headers went out without the peer reading");
            CompletableFuture<Long> position = onThread("position", in::position);
            long at;
            try {
                at = position.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                peer.resumeReading();
                throw new AssertionError("position() waited 2 s for a send whose headers wait for the peer");
            }
            assertEquals(100, at, "no file byte went before the headers");
            peer.resumeReading();
            assertEquals(head.length + 4096 - 100, send.get(30, TimeUnit.SECONDS));
            assertEquals(4096, in.position());
            byte[] got = peer.finish();
            assertEquals(head.length + 4096 - 100, got.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(body, 100, 4096),
                    java.util.Arrays.copyOfRange(got, head.length, got.length));
        }
    }

    /**
     * Headers go out before the file part waits for the position lock (here another thread's send holds it, blocked
     * on a peer that does not read): a close during that wait ends the call with the headers' count, as a call that
     * moved bytes ends, so the caller learns that the stream now holds headers without their body.
     */
    @Test
    void aCloseWhileTheFileWaitsForThePositionReturnsTheHeadersSent() throws Exception {
        Path src = sparse("big", 32 << 20);
        ByteBuffer head = ByteBuffer.wrap(Fixtures.pattern(3, 100));
        try (FileChannel in = Fixtures.read(src); LoopbackPeer stalled = LoopbackPeer.holdReading();
                LoopbackPeer reading = LoopbackPeer.open()) {
            CompletableFuture<Long> holder = onThread("holder", () -> Fixtures.linux().sendfile(stalled.sender(), in,
                    ZeroCopy.POSITION, 32 << 20, SendfileOptions.NONE));
            Thread.sleep(300);
            assertTrue(!holder.isDone(), "the holder waits in sendfile under the position lock");
            SendfileOptions options = SendfileOptions.builder().headers(head).build();
            CompletableFuture<Long> send = onThread("send-with-headers",
                    () -> Fixtures.linux().sendfile(reading.sender(), in, ZeroCopy.POSITION, 4096, options));
            Thread.sleep(300);
            reading.sender().close();
            Object outcome;
            try {
                outcome = send.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = e.getCause().getCause();
            }
            byte[] got = reading.finish();
            stalled.resumeReading();
            holder.get(30, TimeUnit.SECONDS);
            assertEquals(100, got.length, "the headers reached the peer before the wait");
            assertEquals(Long.valueOf(got.length), outcome, "the call's result against what reached the peer");
        }
    }

    /** The kernel caps one call (0x7ffff000 with 4 KiB pages, 0x7fff0000 with 64 KiB): a 3 GiB request gets at most that. */
    @Test
    void oneCallMovesAtMostTheKernelsPerCallLimit() throws Exception {
        Path src = sparse("three-gib", 3 * GIB);
        try (FileChannel in = Fixtures.read(src);
                FileChannel devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE)) {
            long n = Fixtures.linux().sendfile(devNull, in, 0, 3 * GIB, SendfileOptions.NONE);
            assertTrue(n > 0 && n <= 0x7ffff000L, "moved " + n);
            assertEquals(0, n % 4096, "the cap is page-aligned");
        }
    }

    @Test
    void offsetsBeyondTwoGibInAFiveGibSparseFileAreExact() throws Exception {
        long size = 5 * GIB;
        Path src = sparse("five-gib", size);
        byte[] tail = Fixtures.pattern(size - 65536, 65536);
        try (FileChannel f = FileChannel.open(src, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(tail), size - 65536);
        }
        Path dst = dir.resolve("dst");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            long from = size - 100_000;
            assertTrue(from > (1L << 31));
            long moved = 0;
            while (moved < 100_000) {
                long n = Fixtures.linux().sendfile(out, in, from + moved, 100_000 - moved, SendfileOptions.NONE);
                assertTrue(n > 0);
                moved += n;
            }
            assertEquals(-1, Fixtures.linux().sendfile(out, in, size, 10, SendfileOptions.NONE));
        }
        byte[] got = Files.readAllBytes(dst);
        assertEquals(100_000, got.length);
        for (int i = 0; i < 100_000 - 65536; i++) {
            assertEquals(0, got[i]);
        }
        byte[] gotTail = new byte[65536];
        System.arraycopy(got, 100_000 - 65536, gotTail, 0, 65536);
        assertArrayEquals(tail, gotTail);
    }

    /**
     * A FIFO opened as a FileChannel is a FileChannel sendfile cannot read from, like a socket: the provider declines
     * it before anything moves (with only linux on offer, the facade's error names the reason), and the next provider
     * (the fallback, in the behaviour suite) serves it. The FIFO still holds its bytes, and a header is not sent.
     */
    @Test
    void anInputSendfileCannotMapIsDeclinedBeforeAnythingMoves() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        try (FileChannel keepOpen = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ);
                FileChannel out = Fixtures.write(dir.resolve("out"))) {
            keepOpen.write(ByteBuffer.wrap(new byte[10]));
            ByteBuffer header = ByteBuffer.wrap(new byte[5]);
            SendfileOptions withHeader = SendfileOptions.builder().headers(header).build();
            for (SendfileOptions options : new SendfileOptions[] {SendfileOptions.NONE, withHeader}) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> Fixtures.linux().sendfile(out, in, ZeroCopy.POSITION, 10, options));
                assertTrue(e.getMessage().contains("declined it: sendfile needs a regular file or block device"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("a pipe or FIFO"), e.getMessage());
            }
            assertEquals(5, header.remaining(), "the header was not sent");
            assertEquals(0, out.size(), "nothing was written");
            assertEquals(10, keepOpen.read(ByteBuffer.allocate(100)), "the FIFO's bytes are still in it");
        }
    }

    @Test
    void anAppendOutputGetsAClearErrorAndNothingIsWritten() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1000);
        Path dst = dir.resolve("append");
        Files.write(dst, new byte[] {42});
        try (FileChannel in = Fixtures.read(src);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            NativeIOException e = assertThrows(NativeIOException.class,
                    () -> Fixtures.linux().sendfile(out, in, 0, 1000, SendfileOptions.NONE));
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.getMessage().contains("APPEND"), e.getMessage());
        }
        assertEquals(1, Files.size(dst));
    }

    @Test
    void aClosedPeerGivesEpipeOrEconnreset() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1 << 20);
        SocketChannel[] pair = Fixtures.socketPair();
        pair[1].socket().setSoLinger(true, 0);
        pair[1].close();
        try (FileChannel in = Fixtures.read(src); SocketChannel out = pair[0]) {
            NativeIOException e = assertThrows(NativeIOException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    Fixtures.linux().sendfile(out, in, 0, 1 << 20, SendfileOptions.NONE);
                    Thread.sleep(1);
                }
            });
            assertTrue(e.errnoName().equals("EPIPE") || e.errnoName().equals("ECONNRESET"), e.getMessage());
            assertTrue(e.getMessage().equals("sendfile: EPIPE (Broken pipe)")
                    || e.getMessage().equals("sendfile: ECONNRESET (Connection reset by peer)"), e.getMessage());
        }
    }

    @Test
    void semanticFlagsAreRefusedBeforeAnythingMoves() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 100);
        ByteBuffer header = ByteBuffer.wrap(new byte[] {1, 2, 3});
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dir.resolve("out"))) {
            for (SendfileFlag flag : new SendfileFlag[] {SendfileFlag.NODISKIO, SendfileFlag.SYNC}) {
                SendfileOptions options = SendfileOptions.builder().headers(header).flags(flag).build();
                assertThrows(UnsupportedOperationException.class,
                        () -> Fixtures.linux().sendfile(out, in, 0, 100, options));
                assertEquals(0, header.position());
            }
        }
    }

    /** Headers and trailers from heap and direct buffers, to a pipe-like file out (writev) and to TCP (MSG_MORE, cork). */
    @Test
    void headersFileAndTrailersArriveInOrderOverTcp() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 200_000);
        SocketChannel[] pair = Fixtures.socketPair();
        ByteBuffer h1 = ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes());
        ByteBuffer h2 = ByteBuffer.allocateDirect(8).put("X: y\r\n\r\n".getBytes());
        h2.flip();
        ByteBuffer t1 = ByteBuffer.wrap("\r\n0\r\n\r\n".getBytes());
        long expected = h1.remaining() + h2.remaining() + 200_000 + t1.remaining();
        try (FileChannel in = Fixtures.read(src); SocketChannel out = pair[0]; SocketChannel peer = pair[1]) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return Fixtures.readFully(peer, (int) expected);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            SendfileOptions options = SendfileOptions.builder().headers(h1, h2).trailers(t1).build();
            // A blocking socket takes the whole message in one call.
            long total = Fixtures.linux().sendfile(out, in, 0, 200_000, options);
            assertEquals(0, h1.remaining() + h2.remaining() + t1.remaining());
            assertEquals(expected, total);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.write("HTTP/1.1 200 OK\r\nX: y\r\n\r\n".getBytes());
            want.write(Fixtures.pattern(0, 200_000));
            want.write("\r\n0\r\n\r\n".getBytes());
            assertArrayEquals(want.toByteArray(), received.get(10, TimeUnit.SECONDS));
        }
    }

    /** A non-blocking socket that fills up: every call's return value and buffer positions add up exactly. */
    @Test
    void partialNonBlockingSendsResumeExactly() throws Exception {
        int fileSize = 8 << 20;
        Path src = Fixtures.patternFile(dir, "src", fileSize);
        SocketChannel[] pair = Fixtures.socketPair();
        byte[] headerBytes = Fixtures.pattern(1_000_000, 300_000);
        byte[] trailerBytes = Fixtures.pattern(2_000_000, 300_000);
        ByteBuffer header = ByteBuffer.wrap(headerBytes);
        ByteBuffer trailer = ByteBuffer.wrap(trailerBytes);
        long expected = headerBytes.length + (long) fileSize + trailerBytes.length;
        try (FileChannel in = Fixtures.read(src); SocketChannel out = pair[0]; SocketChannel peer = pair[1]) {
            out.configureBlocking(false);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    ByteBuffer b = ByteBuffer.allocate(7000);
                    while (all.size() < expected) {
                        b.clear();
                        int r = peer.read(b);
                        if (r < 0) {
                            break;
                        }
                        all.write(b.array(), 0, r);
                        if (all.size() % 5 == 0) {
                            Thread.sleep(1);
                        }
                    }
                    return all.toByteArray();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            SendfileOptions options = SendfileOptions.builder().headers(header).trailers(trailer).build();
            long total = 0;
            int zeros = 0;
            while (total < expected) {
                long headerBefore = header.remaining();
                long fileDone = Math.max(0, Math.min(fileSize, total - headerBytes.length));
                long n = Fixtures.linux().sendfile(out, in, fileDone, fileSize - fileDone, options);
                assertTrue(n >= 0, "a non-blocking send never reports end of file here");
                if (n == 0) {
                    zeros++;
                    Thread.sleep(1);
                }
                assertEquals(Math.min(n, headerBefore), headerBefore - header.remaining());
                total += n;
            }
            assertEquals(expected, total);
            assertTrue(zeros > 0, "the test should have filled the socket at least once");
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.write(headerBytes);
            want.write(Fixtures.pattern(0, fileSize));
            want.write(trailerBytes);
            assertArrayEquals(want.toByteArray(), received.get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * MORE on a file part with nothing after it: the kernel holds the last, partial segment until the caller's next
     * write, as MSG_MORE does (sendfile(2) alone would push it at once, which the same call without MORE shows).
     */
    @Test
    void moreHoldsTheFilesLastSegmentUntilTheNextWrite() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1000);
        for (boolean more : new boolean[] {false, true}) {
            SocketChannel[] pair = Fixtures.socketPair();
            try (SocketChannel out = pair[0]; SocketChannel peer = pair[1]; FileChannel in = Fixtures.read(src)) {
                out.setOption(StandardSocketOptions.TCP_NODELAY, true);
                peer.configureBlocking(false);
                SendfileOptions options = more ? SendfileOptions.builder().flags(SendfileFlag.MORE).build()
                        : SendfileOptions.NONE;
                long sentAt = System.nanoTime();
                assertEquals(1000, Fixtures.linux().sendfile(out, in, ZeroCopy.POSITION, 1000, options));
                assertEquals(1000, in.position(), "POSITION advances by what was sent");
                Thread.sleep(50);
                int early = peer.read(ByteBuffer.allocate(2000));
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
                if (!more) {
                    assertEquals(1000, early, "without MORE the segment is pushed at once");
                    continue;
                }
                // The kernel holds a corked segment for at most 200 ms; a stalled test thread would see it arrive.
                assumeTrue(waitedMillis < 150, "the machine stalled this thread for " + waitedMillis + " ms");
                assertEquals(0, early, "with MORE the kernel holds the partial segment");
                out.write(ByteBuffer.wrap(new byte[] {7}));
                peer.configureBlocking(true);
                byte[] got = Fixtures.readFully(peer, 1001);
                byte[] file = new byte[1000];
                System.arraycopy(got, 0, file, 0, 1000);
                assertArrayEquals(Fixtures.pattern(0, 1000), file);
                assertEquals(7, got[1000]);
            }
        }
    }
}

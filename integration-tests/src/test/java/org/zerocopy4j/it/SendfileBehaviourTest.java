package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

/** pysendfile's test_sendfile behaviour, against every available provider. */
@VirtualThreadsWhenAsked
class SendfileBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void wholeFileInChunksWithOffsetEqualToTotalAfterEachCall(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(100_000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            long offset = 0;
            while (true) {
                long sent = zc.sendfile(peer.sender(), in, offset, 4096, SendfileOptions.NONE);
                if (sent == -1) {
                    break;
                }
                assertTrue(sent > 0 && sent <= 4096, "sent " + sent);
                offset += sent;
            }
            assertEquals(data.length, offset);
            assertEquals(0, in.position(), "explicit offsets must leave the position alone");
            assertArrayEquals(data, peer.finish());
        }
    }

    /**
     * "To the end" is a count of Long.MAX_VALUE from any offset or position, though offset + count passes
     * Long.MAX_VALUE (the kernel refuses such a range with EINVAL if it is passed as it is).
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aCountOfLongMaxValueFromAnyOffsetMeansToTheEnd(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(100_000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            long first = zc.sendfile(peer.sender(), in, 1, Long.MAX_VALUE, SendfileOptions.NONE);
            assertTrue(first > 0, "sent " + first);
            in.position(1 + first);
            assertEquals(data.length - 1 - first, zc.transferFully(in, peer.sender(), Long.MAX_VALUE));
            assertArrayEquals(Arrays.copyOfRange(data, 1, data.length), peer.finish());
        }
    }

    /**
     * A blocking socket gets all of a call's headers, and all its trailers once the file part is done, whatever thread
     * calls (on a virtual thread the socket's descriptor is non-blocking underneath): a server that loops until the
     * file is sent, as the README shows, has sent the whole response. Headers and trailers far larger than the
     * socket's buffers, at the file's position and at an offset.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aBlockingSocketGetsWholeHeadersAndTrailers(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 3 << 20;
        byte[] data = TestFiles.pattern(size, 0);
        byte[] head = TestFiles.repeat('h', 8 << 20);
        byte[] tail = TestFiles.repeat('t', 8 << 20);
        for (boolean atPosition : new boolean[] {true, false}) {
            try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); LoopbackPeer peer = LoopbackPeer.open()) {
                SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap(head))
                        .trailers(ByteBuffer.wrap(tail)).build();
                long fileSent = 0;
                while (fileSent < size) {
                    long headersBefore = options.headerBytesRemaining();
                    long trailersBefore = options.trailerBytesRemaining();
                    long n = zc.sendfile(peer.sender(), in, atPosition ? ZeroCopy.POSITION : fileSent, size - fileSent,
                            options);
                    assertTrue(n > 0, "a blocking socket returned " + n);
                    fileSent += n - (headersBefore - options.headerBytesRemaining())
                            - (trailersBefore - options.trailerBytesRemaining());
                }
                assertEquals(0, options.headerBytesRemaining(), "headers left (at the position: " + atPosition + ")");
                assertEquals(0, options.trailerBytesRemaining(), "trailers left (at the position: " + atPosition + ")");
                byte[] got = peer.finish();
                assertEquals(head.length + size + tail.length, got.length);
                assertArrayEquals(data, Arrays.copyOfRange(got, head.length, head.length + size));
            }
        }
    }

    /**
     * At end of file with trailers still to go, a socket that takes nothing now gets 0, not -1: the trailers go out
     * on a later call, and only then is it end of input. At an offset and at the position.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void endOfFileWithTrailersStillToGoIsNotEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        for (boolean atPosition : new boolean[] {false, true}) {
            try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1000));
                    LoopbackPeer peer = LoopbackPeer.holdReading()) {
                in.position(1000);
                peer.sender().configureBlocking(false);
                // Full for good: the peer's window closes only once its receive buffer is full, and until then
                // the kernel frees room as data moves on, so fill until not even one byte fits 50 ms later.
                long filled = 0;
                for (int rounds = 0; rounds < 200; rounds++) {
                    long before = filled;
                    for (int size : new int[] {1 << 16, 1}) {
                        ByteBuffer junk = ByteBuffer.allocate(size);
                        for (int w; (w = peer.sender().write(junk.clear())) > 0; ) {
                            filled += w;
                        }
                    }
                    if (filled == before && rounds > 0) {
                        break;
                    }
                    Thread.sleep(50);
                }
                byte[] tail = TestFiles.repeat('t', 100);
                SendfileOptions options = SendfileOptions.builder().trailers(ByteBuffer.wrap(tail)).build();
                long offset = atPosition ? ZeroCopy.POSITION : 1000;
                long firstCall = zc.sendfile(peer.sender(), in, offset, 10, options);
                assertEquals(0, firstCall, "a full socket with trailers to go (at the position: " + atPosition + ")");
                assertEquals(100, options.trailerBytesRemaining());
                peer.resumeReading();
                long deadline = System.nanoTime() + 10_000_000_000L;
                StringBuilder calls = new StringBuilder("at the position: " + atPosition + "; calls:");
                while (options.trailerBytesRemaining() > 0 && System.nanoTime() < deadline) {
                    long n = zc.sendfile(peer.sender(), in, offset, 10, options);
                    if (n != 0) {
                        calls.append(' ').append(n).append('/').append(options.trailerBytesRemaining());
                    }
                    assertTrue(n >= 0, "end of input with trailers still to go: " + n);
                    Thread.sleep(n == 0 ? 5 : 0);
                }
                assertEquals(0, options.trailerBytesRemaining());
                assertEquals(-1, zc.sendfile(peer.sender(), in, offset, 10, options));
                byte[] got = peer.finish();
                assertEquals(filled + 100, got.length, calls.toString());
                assertArrayEquals(tail, Arrays.copyOfRange(got, got.length - 100, got.length));
            }
        }
    }

    /** Any 64-bit offset at or past the end is end of input, however far past: not EOVERFLOW, not EINVAL. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anyOffsetPastTheEndIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1000)); LoopbackPeer peer = LoopbackPeer.open()) {
            SendfileOptions more = SendfileOptions.builder().flags(SendfileFlag.MORE).build();
            for (long offset : new long[] {1000, 1L << 32, 1L << 44, 1L << 62, Long.MAX_VALUE - 1}) {
                assertEquals(-1, zc.sendfile(peer.sender(), in, offset, 4096, SendfileOptions.NONE), "offset " + offset);
                assertEquals(-1, zc.sendfile(peer.sender(), in, offset, 4096, more), "MORE, offset " + offset);
            }
            assertEquals(0, peer.finish().length);
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fromTheMiddle(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(100_000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            long offset = data.length / 2;
            long total = 0;
            long n;
            while ((n = zc.sendfile(peer.sender(), in, offset + total, 1_000_000, SendfileOptions.NONE)) > 0) {
                total += n;
            }
            assertEquals(-1, n);
            assertArrayEquals(Arrays.copyOfRange(data, data.length / 2, data.length), peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void offsetPastEndReturnsMinusOneAndSendsNothing(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1000)); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(-1, zc.sendfile(peer.sender(), in, 1000, 4096, SendfileOptions.NONE));
            assertEquals(-1, zc.sendfile(peer.sender(), in, 5000, 4096, SendfileOptions.NONE));
            assertEquals(0, peer.finish().length);
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void smallFile(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "foo bar")); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(7, zc.sendfile(peer.sender(), in, 0, 4096, SendfileOptions.NONE));
            assertEquals(-1, zc.sendfile(peer.sender(), in, 7, 4096, SendfileOptions.NONE));
            assertEquals("foo bar", TestFiles.ascii(peer.finish()));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void emptyFileIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "")); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(-1, zc.sendfile(peer.sender(), in, 0, 4096, SendfileOptions.NONE));
            assertEquals(0, zc.sendfile(peer.sender(), in, 0, 0, SendfileOptions.NONE), "count 0 returns 0");
            assertEquals(0, peer.finish().length);
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void positionIsUsedAndAdvancedByExactlyTheBytesSent(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(10_000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            in.position(1000);
            long sent = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 3000, SendfileOptions.NONE);
            assertEquals(3000, sent);
            assertEquals(4000, in.position());
            long rest = 0;
            long n;
            while ((n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 100_000, SendfileOptions.NONE)) > 0) {
                rest += n;
            }
            assertEquals(6000, rest);
            assertEquals(data.length, in.position());
            assertArrayEquals(Arrays.copyOfRange(data, 1000, data.length), peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void explicitOffsetLeavesPositionAlone(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(10_000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            in.position(123);
            assertEquals(500, zc.sendfile(peer.sender(), in, 2000, 500, SendfileOptions.NONE));
            assertEquals(123, in.position());
            assertArrayEquals(Arrays.copyOfRange(data, 2000, 2500), peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void headersGoFirstAndAreCounted(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(8192, 0);
        ByteBuffer h1 = ByteBuffer.wrap(TestFiles.repeat('x', 512));
        ByteBuffer h2 = ByteBuffer.wrap(TestFiles.repeat('y', 256));
        SendfileOptions options = SendfileOptions.builder().headers(h1, h2).build();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length)); LoopbackPeer peer = LoopbackPeer.open()) {
            long total = 0;
            long fileOffset = 0;
            while (total < 512 + 256 + 4096) {
                long headerBefore = options.headerBytesRemaining();
                long n = zc.sendfile(peer.sender(), in, fileOffset, 4096 - fileOffset, options);
                assertTrue(n > 0, "blocking send returned " + n);
                fileOffset += n - (headerBefore - options.headerBytesRemaining());
                total += n;
            }
            assertEquals(512 + 256 + 4096, total);
            assertEquals(0, h1.remaining());
            assertEquals(0, h2.remaining());
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(TestFiles.repeat('x', 512));
            expected.write(TestFiles.repeat('y', 256));
            expected.write(data, 0, 4096);
            assertArrayEquals(expected.toByteArray(), peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void trailersFollowOnlyTheCountedFileBytes(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        SendfileOptions options = SendfileOptions.builder()
                .trailers(ByteBuffer.wrap("123456".getBytes()), ByteBuffer.wrap("789".getBytes())).build();
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "abcdef")); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(5 + 9, zc.sendfile(peer.sender(), in, 0, 5, options));
            assertEquals(0, options.trailerBytesRemaining());
            assertEquals("abcde123456789", TestFiles.ascii(peer.finish()));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void emptyFileWithHeadersSendsTheHeaders(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\n".getBytes()))
                .build();
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "")); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(19, zc.sendfile(peer.sender(), in, 0, 4096, options));
            assertEquals("HTTP/1.1 200 OK\r\n\r\n", TestFiles.ascii(peer.finish()));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void tenMebibytesByteExact(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 10 * 1024 * 1024;
        byte[] data = TestFiles.pattern(size, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); LoopbackPeer peer = LoopbackPeer.open()) {
            long total = 0;
            while (total < size) {
                long n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size - total, SendfileOptions.NONE);
                assertTrue(n > 0, "blocking send returned " + n);
                total += n;
            }
            assertArrayEquals(data, peer.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fileOverFourGibibytesWithDataCheckedAtTheFarEnd(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        long size = 5L * 1024 * 1024 * 1024 + 12345;
        int tail = 1 << 20;
        Path sparse = TestFiles.sparseWithTail(dir, size, tail);
        try (FileChannel in = TestFiles.read(sparse); LoopbackPeer peer = LoopbackPeer.open()) {
            long offset = size - tail;
            long total = 0;
            long n;
            while ((n = zc.sendfile(peer.sender(), in, offset + total, Long.MAX_VALUE / 2, SendfileOptions.NONE)) > 0) {
                total += n;
            }
            assertEquals(tail, total);
            in.position(size - 10);
            assertEquals(10, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 100, SendfileOptions.NONE));
            assertEquals(size, in.position());
            byte[] got = peer.finish();
            assertArrayEquals(TestFiles.pattern(tail, size - tail), Arrays.copyOf(got, tail));
            assertArrayEquals(TestFiles.pattern(10, size - 10), Arrays.copyOfRange(got, tail, tail + 10));
        }
    }
}

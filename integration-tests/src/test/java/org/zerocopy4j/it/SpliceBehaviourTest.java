package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/** py-splice's behaviour plus the pipe-less pairs, copyRange, tee and transferFully, against every provider. */
@VirtualThreadsWhenAsked
class SpliceBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void pipeIntoFileAtOffsetThreeLeavesThreeZeroBytesFirst(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("out.bin");
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source();
                FileChannel out = TestFiles.write(target)) {
            sink.write(ByteBuffer.wrap("hello".getBytes()));
            assertEquals(5, zc.splice(source, ZeroCopy.POSITION, out, 3, 5));
            assertEquals(0, out.position(), "an explicit outOffset leaves the position alone");
        }
        assertArrayEquals(new byte[] {0, 0, 0, 'h', 'e', 'l', 'l', 'o'}, Files.readAllBytes(target));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fileThroughPipeIntoFileWithPositions(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 300_000;
        Path target = dir.resolve("copy.bin");
        Pipe pipe = Pipe.open();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); FileChannel out = TestFiles.write(target);
                Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            long moved = 0;
            while (moved < size) {
                long intoPipe = zc.splice(in, ZeroCopy.POSITION, sink, ZeroCopy.POSITION, size - moved);
                assertTrue(intoPipe > 0, "file -> pipe returned " + intoPipe);
                long left = intoPipe;
                while (left > 0) {
                    long n = zc.splice(source, ZeroCopy.POSITION, out, ZeroCopy.POSITION, left);
                    assertTrue(n > 0, "pipe -> file returned " + n);
                    left -= n;
                }
                moved += intoPipe;
            }
            assertEquals(size, in.position());
            assertEquals(size, out.position());
            assertEquals(-1, zc.splice(in, ZeroCopy.POSITION, sink, ZeroCopy.POSITION, 10));
        }
        assertArrayEquals(TestFiles.pattern(size, 0), Files.readAllBytes(target));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void pipeWriterClosedIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Pipe pipe = Pipe.open();
        pipe.sink().close();
        try (Pipe.SourceChannel source = pipe.source(); FileChannel out = TestFiles.write(dir.resolve("x"))) {
            assertEquals(-1, zc.splice(source, out, 100));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fileToFileWithoutAPipe(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 200_000;
        Path target = dir.resolve("f2f.bin");
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); FileChannel out = TestFiles.write(target)) {
            long moved = 0;
            long n;
            while ((n = zc.splice(in, moved, out, moved, size, SpliceFlag.MOVE)) > 0) {
                moved += n;
            }
            assertEquals(-1, n);
            assertEquals(size, moved);
        }
        assertArrayEquals(TestFiles.pattern(size, 0), Files.readAllBytes(target));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void socketIntoFileLikeAnUpload(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 3 * 1024 * 1024;
        byte[] data = TestFiles.pattern(size, 9);
        Path target = dir.resolve("upload.bin");
        try (SocketPair upload = new SocketPair(); FileChannel out = TestFiles.write(target)) {
            CompletableFuture<Void> fed = upload.feedClient(data);
            long n;
            long total = 0;
            while ((n = zc.splice(upload.server, out, 1 << 20)) > 0) {
                total += n;
            }
            fed.get(60, TimeUnit.SECONDS);
            assertEquals(-1, n);
            assertEquals(size, total);
            assertEquals(size, out.position());
        }
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void socketToSocketBlockingDeliversEverythingItTook(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 2 * 1024 * 1024;
        byte[] data = TestFiles.pattern(size, 3);
        try (SocketPair front = new SocketPair(); LoopbackPeer back = LoopbackPeer.open()) {
            CompletableFuture<Void> fed = front.feedClient(data);
            assertEquals(size, zc.transferFully(front.server, back.sender(), Long.MAX_VALUE));
            fed.get(60, TimeUnit.SECONDS);
            assertArrayEquals(data, back.finish());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeHonoursOffsetsPositionsAndEnd(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 500_000;
        byte[] data = TestFiles.pattern(size, 0);
        Path target = dir.resolve("range.bin");
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); FileChannel out = TestFiles.write(target)) {
            in.position(10);
            out.position(20);
            long n = zc.copyRange(in, 1000, out, 5, 4000);
            assertEquals(4000, n);
            assertEquals(10, in.position());
            assertEquals(20, out.position());
            long m = zc.copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, 50);
            assertEquals(50, m);
            assertEquals(60, in.position());
            assertEquals(70, out.position());
            assertEquals(-1, zc.copyRange(in, size, out, 0, 10));
            assertEquals(10, zc.copyRange(in, size - 10, out, 0, 100), "short at end of file");
        }
        byte[] got = Files.readAllBytes(target);
        assertEquals(4005, got.length);
        assertArrayEquals(Arrays.copyOfRange(data, size - 10, size), Arrays.copyOfRange(got, 0, 10));
        assertArrayEquals(Arrays.copyOfRange(data, 1010, 1015), Arrays.copyOfRange(got, 15, 20));
        assertArrayEquals(Arrays.copyOfRange(data, 10, 60), Arrays.copyOfRange(got, 20, 70));
        assertArrayEquals(Arrays.copyOfRange(data, 1065, 4000 + 1000), Arrays.copyOfRange(got, 70, 4005));
    }

    /**
     * Any 64-bit input offset at or past the end of the file is end of input for splice and copyRange, however far
     * past (the kernel says EOVERFLOW or EINVAL there), and nothing reaches the output.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anyInputOffsetPastTheEndIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("none.bin");
        Pipe pipe = Pipe.open();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1000)); FileChannel out = TestFiles.write(target);
                Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source();
                LoopbackPeer peer = LoopbackPeer.open()) {
            for (long offset : new long[] {1000, 1L << 32, 1L << 44, 1L << 62, Long.MAX_VALUE - 1}) {
                assertEquals(-1, zc.copyRange(in, offset, out, 0, 4096), "copyRange from " + offset);
                assertEquals(-1, zc.copyRange(in, offset, out, ZeroCopy.POSITION, Long.MAX_VALUE),
                        "copyRange of Long.MAX_VALUE from " + offset);
                assertEquals(-1, zc.splice(in, offset, out, 0, 4096), "splice file -> file from " + offset);
                assertEquals(-1, zc.splice(in, offset, sink, ZeroCopy.POSITION, 4096), "splice -> pipe from " + offset);
                assertEquals(-1, zc.splice(in, offset, peer.sender(), ZeroCopy.POSITION, 4096),
                        "splice -> socket from " + offset);
            }
            assertEquals(0, out.size());
            assertEquals(0, in.position());
            sink.close();
            assertEquals(-1, source.read(ByteBuffer.allocate(1)), "nothing reached the pipe");
            assertEquals(0, peer.finish().length);
        }
    }

    /** One channel at both ends at its one position: the bytes land where they were; only the position moves. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeOntoItselfAtThePositionChangesNoByte(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(4000, 0);
        Path file = TestFiles.withPattern(dir, data.length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.position(1000);
            long n = zc.copyRange(ch, ZeroCopy.POSITION, ch, ZeroCopy.POSITION, 500);
            assertTrue(n > 0 && n <= 500, "copied " + n);
            assertEquals(1000 + n, ch.position());
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    /** A file copied onto itself, as a storage engine compacts a segment: one channel at both ends. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeWithinOneChannel(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 100_000;
        byte[] data = TestFiles.pattern(size, 0);
        Path file = TestFiles.withPattern(dir, size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < 30_000) {
                long n = zc.copyRange(ch, 1000 + copied, ch, size + copied, 30_000 - copied);
                assertTrue(n > 0, "copy within one channel returned " + n);
                copied += n;
            }
            assertEquals(0, ch.position());
        }
        byte[] got = Files.readAllBytes(file);
        assertEquals(size + 30_000, got.length);
        assertArrayEquals(data, Arrays.copyOfRange(got, 0, size));
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 31_000), Arrays.copyOfRange(got, size, size + 30_000));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeBeyondFourGibibytes(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        long size = 4L * 1024 * 1024 * 1024 + 4096;
        int tail = 64 * 1024;
        Path target = dir.resolve("far.bin");
        try (FileChannel in = TestFiles.read(TestFiles.sparseWithTail(dir, size, tail)); FileChannel out = TestFiles.write(target)) {
            long far = size - tail;
            long moved = 0;
            while (moved < tail) {
                long n = zc.copyRange(in, far + moved, out, far + moved, tail - moved);
                assertTrue(n > 0);
                moved += n;
            }
            assertEquals(size, out.size());
        }
        try (FileChannel check = TestFiles.read(target)) {
            ByteBuffer b = ByteBuffer.allocate(tail);
            check.read(b, size - tail);
            assertArrayEquals(TestFiles.pattern(tail, size - tail), b.array());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void teeDuplicatesWhereTheKernelHasItAndSaysSoWhereItHasNot(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        try (Pipe.SinkChannel aIn = a.sink(); Pipe.SourceChannel aOut = a.source(); Pipe.SinkChannel bIn = b.sink();
                Pipe.SourceChannel bOut = b.source()) {
            aIn.write(ByteBuffer.wrap("duplicate me".getBytes()));
            boolean kernelTee = zc.dispatchOrder().stream().anyMatch(p -> p.features().contains(org.zerocopy4j.Feature.TEE)
                    && p.accepts(org.zerocopy4j.Feature.TEE, aOut, bIn));
            if (!kernelTee) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> zc.tee(aOut, bIn, 100));
                assertTrue(e.getMessage().contains("tee"), e.getMessage());
                return;
            }
            assertEquals(12, zc.tee(aOut, bIn, 100));
            ByteBuffer first = ByteBuffer.allocate(12);
            ByteBuffer second = ByteBuffer.allocate(12);
            while (first.hasRemaining()) {
                aOut.read(first);
            }
            while (second.hasRemaining()) {
                bOut.read(second);
            }
            assertEquals("duplicate me", new String(first.array()));
            assertEquals("duplicate me", new String(second.array()));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anyChannelWorksThroughTheNextProvider(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "to a stream"))) {
            assertEquals(11, zc.transferFully(in, Channels.newChannel(sink), 100));
        }
        assertEquals("to a stream", sink.toString());
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

/**
 * A FileChannel that is not a regular file: a named FIFO (what {@code FileChannel.open(Path.of("/dev/stdin"))} is when
 * stdin is a pipe). Every call that takes a FileChannel moves its bytes, by whichever provider can: one whose kernel
 * call cannot take a FIFO declines it before anything moves, so the next provider serves it.
 */
@VirtualThreadsWhenAsked
class FifoBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final String TEXT = "hello world";
    private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private Path fifo;

    @BeforeEach
    void makeFifo() throws Exception {
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS), "mkfifo did not end");
        assertEquals(0, mkfifo.exitValue(), "mkfifo " + fifo + ": " + new String(mkfifo.getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The FIFO opened for reading, with a writer thread that feeds it {@link #TEXT} and closes it. */
    private FileChannel fifoFedWithText() throws IOException {
        CompletableFuture.runAsync(() -> {
            try (FileChannel w = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(BYTES);
                while (b.hasRemaining()) {
                    w.write(b);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "fifo-writer");
            t.setDaemon(true);
            t.start();
        });
        return FileChannel.open(fifo, StandardOpenOption.READ); // waits for the writer to open its end
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void sendfileFromAFifoToASocket(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = fifoFedWithText(); LoopbackPeer peer = LoopbackPeer.open()) {
            drain(n -> zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, n));
            assertEquals(TEXT, new String(peer.finish(), StandardCharsets.US_ASCII));
        }
    }

    /** With a header, which would go out before the file's bytes: the FIFO must be found out before it goes. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void sendfileFromAFifoWithAHeader(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        ByteBuffer header = ByteBuffer.wrap("head:".getBytes(StandardCharsets.US_ASCII));
        SendfileOptions options = SendfileOptions.builder().headers(header).build();
        try (FileChannel in = fifoFedWithText(); LoopbackPeer peer = LoopbackPeer.open()) {
            drain(n -> zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, n, options));
            assertEquals("head:" + TEXT, new String(peer.finish(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void spliceFromAFifoToASocket(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = fifoFedWithText(); LoopbackPeer peer = LoopbackPeer.open()) {
            drain(n -> zc.splice(in, ZeroCopy.POSITION, peer.sender(), ZeroCopy.POSITION, n));
            assertEquals(TEXT, new String(peer.finish(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void spliceFromAFifoToAPipe(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Pipe pipe = Pipe.open();
        try (FileChannel in = fifoFedWithText(); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            drain(n -> zc.splice(in, ZeroCopy.POSITION, sink, ZeroCopy.POSITION, n));
            sink.close();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(1024);
            while (source.read(b.clear()) >= 0) {
                got.write(b.array(), 0, b.position());
            }
            assertEquals(TEXT, got.toString(StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void spliceFromAFifoToAFile(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("spliced");
        try (FileChannel in = fifoFedWithText(); FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            drain(n -> zc.splice(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, n));
        }
        assertEquals(TEXT, Files.readString(target, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeFromAFifo(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("copied");
        try (FileChannel in = fifoFedWithText(); FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            long[] at = new long[1];
            drain(n -> {
                long moved = zc.copyRange(in, ZeroCopy.POSITION, out, at[0], n);
                at[0] += Math.max(0, moved);
                return moved;
            });
        }
        assertEquals(TEXT, Files.readString(target, StandardCharsets.US_ASCII));
    }

    /** A FIFO as the output: its reader gets exactly the file's bytes. */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeIntoAFifo(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path source = TestFiles.withText(dir, TEXT);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (FileChannel r = FileChannel.open(fifo, StandardOpenOption.READ)) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                ByteBuffer b = ByteBuffer.allocate(1024);
                while (r.read(b.clear()) >= 0) {
                    got.write(b.array(), 0, b.position());
                }
                return got.toByteArray();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "fifo-reader");
            t.setDaemon(true);
            t.start();
        });
        try (FileChannel in = TestFiles.read(source); FileChannel out = FileChannel.open(fifo,
                StandardOpenOption.WRITE)) {
            long[] at = new long[1];
            drain(n -> {
                long moved = zc.copyRange(in, at[0], out, ZeroCopy.POSITION, n);
                at[0] += Math.max(0, moved);
                return moved;
            });
        }
        assertEquals(TEXT, new String(reader.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
    }

    @FunctionalInterface
    private interface Step {
        long move(long count) throws IOException;
    }

    /** Calls {@code step} until the input ends (-1), asking each time for more than there is. */
    private static void drain(Step step) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (step.move(1 << 16) >= 0) {
            assertTrue(System.nanoTime() < deadline, "no end of input after 10 s");
        }
    }
}

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.ZeroCopy;

class SpliceLinuxTest {
    @TempDir
    Path dir;

    @Test
    void oneMebibyteIntoAnEmptyDefaultPipeMovesOnePipeful() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1 << 20);
        Pipe pipe = Pipe.open();
        try (FileChannel in = Fixtures.read(src); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            assertEquals(65536, Fixtures.linux().splice(in, 0, sink, ZeroCopy.POSITION, 1 << 20));
            assertEquals(0, in.position(), "an explicit offset leaves the position alone");
            assertArrayEquals(Fixtures.pattern(0, 65536), Fixtures.readFully(source, 65536));
        }
    }

    @Test
    void aFullPipeWithNonblockGivesZero() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1 << 20);
        Pipe pipe = Pipe.open();
        try (FileChannel in = Fixtures.read(src); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            assertEquals(65536, Fixtures.linux().splice(in, sink, 1 << 20));
            assertEquals(65536, in.position(), "POSITION advances by what moved");
            assertEquals(0, Fixtures.linux().splice(in, sink, 1 << 20, SpliceFlag.NONBLOCK));
            assertEquals(65536, in.position());
        }
    }

    @Test
    void fileToFileGoesThroughTheInternalPipeWithExactOffsets() throws Exception {
        int size = 3 << 20;
        Path src = Fixtures.patternFile(dir, "src", size);
        Path dst = dir.resolve("dst");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            in.position(1000);
            long moved = 0;
            while (moved < size - 1000) {
                long n = Fixtures.linux().splice(in, ZeroCopy.POSITION, out, 500 + moved, size - 1000 - moved);
                assertTrue(n > 0);
                moved += n;
                assertEquals(1000 + moved, in.position());
            }
            assertEquals(0, out.position(), "an explicit out offset leaves its position alone");
            assertEquals(-1, Fixtures.linux().splice(in, ZeroCopy.POSITION, out, 0, 10));
        }
        byte[] got = Files.readAllBytes(dst);
        assertEquals(500 + size - 1000, got.length);
        for (int i = 0; i < 500; i++) {
            assertEquals(0, got[i]);
        }
        byte[] body = new byte[size - 1000];
        System.arraycopy(got, 500, body, 0, body.length);
        assertArrayEquals(Fixtures.pattern(1000, size - 1000), body);
        assertTrue(PipePool.pooled() > 0, "the internal pipe went back to the pool, empty");
    }

    @Test
    void socketToFileUploadsByteExact() throws Exception {
        int size = 5 << 20;
        SocketChannel[] pair = Fixtures.socketPair();
        Path dst = dir.resolve("upload");
        try (SocketChannel client = pair[0]; SocketChannel server = pair[1]; FileChannel out = Fixtures.write(dst)) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    ByteBuffer b = ByteBuffer.wrap(Fixtures.pattern(0, size));
                    while (b.hasRemaining()) {
                        client.write(b);
                    }
                    client.shutdownOutput();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            long total = 0;
            while (true) {
                long n = Fixtures.linux().splice(server, out, 1 << 20);
                if (n < 0) {
                    break;
                }
                assertTrue(n > 0, "a blocking socket never gives 0");
                total += n;
            }
            sender.get(10, TimeUnit.SECONDS);
            assertEquals(size, total);
            assertEquals(size, out.position());
        }
        assertArrayEquals(Fixtures.pattern(0, size), Files.readAllBytes(dst));
    }

    /**
     * An upload waiting for its client holds no pipe: the pooled pipe is taken once the socket has bytes, so a server
     * with many idle uploads spends no pipes (and no share of the user's pipe quota) on them; the pool keeps at most
     * a few spare ones. Close and interrupt still end such a wait within a second, and bytes that arrive later go
     * through byte-exact.
     */
    @Test
    void idleUploadsOnPlatformThreadsHoldNoPipe() throws Exception {
        idleUploadsHoldNoPipe(Fixtures.THREADS);
    }

    /** The same with virtual threads, whose blocking sockets the JDK made non-blocking (JDK 21+). */
    @Test
    void idleUploadsOnVirtualThreadsHoldNoPipe() throws Exception {
        Fixtures.withVirtualThreads(this::idleUploadsHoldNoPipe);
    }

    private void idleUploadsHoldNoPipe(ExecutorService threads) throws Exception {
        int uploads = 300;
        int size = 1000;
        SocketChannel[] clients = new SocketChannel[uploads];
        SocketChannel[] servers = new SocketChannel[uploads];
        Thread[] uploaders = new Thread[uploads];
        List<Future<Object>> outcomes = new ArrayList<>();
        List<AutoCloseable> open = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(uploads);
        // Pipes idle in the shared pool are not the uploads': counted out on both sides.
        long before = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled();
        try {
            for (int i = 0; i < uploads; i++) {
                SocketChannel[] pair = Fixtures.socketPair();
                FileChannel file = Fixtures.write(dir.resolve("upload" + i));
                open.addAll(List.of(pair[0], pair[1], file));
                clients[i] = pair[0];
                servers[i] = pair[1];
                int index = i;
                outcomes.add(threads.submit(() -> {
                    uploaders[index] = Thread.currentThread();
                    started.countDown();
                    try {
                        long total = 0;
                        while (true) {
                            long n = Fixtures.linux().splice(servers[index], file, 1 << 20);
                            if (n < 0) {
                                return total;
                            }
                            total += n;
                        }
                    } catch (Throwable t) {
                        return t;
                    }
                }));
            }
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Thread.sleep(500); // every upload is now in its splice, waiting for its idle client
            for (Future<Object> f : outcomes) {
                assertFalse(f.isDone(), "the uploads wait for their clients");
            }
            // One pipe's slack: the JDK may open one of its own meanwhile. Taking a pipe before the wait held 300.
            long held = Fixtures.openPipeDescriptors() - 2L * PipePool.pooled() - before;
            assertTrue(held <= 2, uploads + " idle uploads hold " + held + " pipe descriptors besides the pool's");
            // A close ends a waiting upload within a second; an interrupt too, closing its socket as the JDK does.
            servers[0].close();
            Object closed = outcomes.get(0).get(1, TimeUnit.SECONDS);
            assertEquals(AsynchronousCloseException.class, closed.getClass(), () -> "got " + closed);
            uploaders[1].interrupt();
            Object interrupted = outcomes.get(1).get(1, TimeUnit.SECONDS);
            assertEquals(ClosedByInterruptException.class, interrupted.getClass(), () -> "got " + interrupted);
            assertFalse(servers[1].isOpen());
            // Bytes that arrive later go through, each upload on a pipe taken for the moment.
            for (int i = 2; i < uploads; i++) {
                clients[i].write(ByteBuffer.wrap(Fixtures.pattern(i, size)));
                clients[i].shutdownOutput();
            }
            for (int i = 2; i < uploads; i++) {
                assertEquals(Long.valueOf(size), outcomes.get(i).get(30, TimeUnit.SECONDS));
                assertArrayEquals(Fixtures.pattern(i, size), Files.readAllBytes(dir.resolve("upload" + i)));
            }
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    @Test
    void teeCopiesWithoutConsumingAndReportsEndOfInput() throws Exception {
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        try (Pipe.SinkChannel aSink = a.sink(); Pipe.SourceChannel aSource = a.source();
                Pipe.SinkChannel bSink = b.sink(); Pipe.SourceChannel bSource = b.source()) {
            aSink.write(ByteBuffer.wrap(Fixtures.pattern(0, 1000)));
            assertEquals(1000, Fixtures.linux().tee(aSource, bSink, 5000));
            assertEquals(600, Fixtures.linux().tee(aSource, bSink, 600));
            assertArrayEquals(Fixtures.pattern(0, 1000), Fixtures.readFully(aSource, 1000));
            byte[] copies = Fixtures.readFully(bSource, 1600);
            byte[] want = new byte[1600];
            System.arraycopy(Fixtures.pattern(0, 1000), 0, want, 0, 1000);
            System.arraycopy(Fixtures.pattern(0, 600), 0, want, 1000, 600);
            assertArrayEquals(want, copies);
            assertEquals(0, Fixtures.linux().tee(aSource, bSink, 10, SpliceFlag.NONBLOCK), "empty pipe, NONBLOCK");
            aSink.close();
            assertEquals(-1, Fixtures.linux().tee(aSource, bSink, 10), "empty pipe without writers");
        }
    }

    /** The kernel refuses to splice into an O_APPEND file; the caller learns why, and no input byte is consumed. */
    @Test
    void anAppendOutputGetsAClearErrorAndTheInputKeepsItsBytes() throws Exception {
        Path dst = dir.resolve("append");
        Files.write(dst, new byte[] {42});
        SocketChannel[] pair = Fixtures.socketPair();
        Pipe pipe = Pipe.open();
        try (SocketChannel writer = pair[0]; SocketChannel reader = pair[1]; Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source();
                FileChannel out = FileChannel.open(dst, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            writer.write(ByteBuffer.wrap(Fixtures.pattern(0, 100)));
            sink.write(ByteBuffer.wrap(Fixtures.pattern(0, 100)));
            for (java.nio.channels.ReadableByteChannel in : new java.nio.channels.ReadableByteChannel[] {reader, source}) {
                NativeIOException e = assertThrows(NativeIOException.class,
                        () -> Fixtures.linux().splice(in, out, 100));
                assertEquals("EINVAL", e.errnoName());
                assertTrue(e.getMessage().contains("APPEND"), e.getMessage());
                assertArrayEquals(Fixtures.pattern(0, 100), Fixtures.readFully(in, 100),
                        "the bytes stay in " + in + " for the caller to take another way");
            }
        }
        assertEquals(1, Files.size(dst));
    }
}

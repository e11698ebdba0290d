package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;

class CloseAndInterruptTest {
    private static final int BIG = 256 << 20;

    @TempDir
    Path dir;

    @Test
    void theWakeupSignalIsUsable() {
        assertTrue(WakeupSignal.usable());
        assertNull(WakeupSignal.problem());
    }

    /** A peer that never reads: the socket buffers fill and sendfile blocks until someone closes the channel. */
    @Test
    void closeEndsATransferBlockedOnAStalledPeerWithinOneSecond() throws Exception {
        Path src = dir.resolve("big");
        try (FileChannel f = FileChannel.open(src, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[1]), BIG - 1);
        }
        SocketChannel[] pair = Fixtures.socketPair();
        try (FileChannel in = Fixtures.read(src); SocketChannel out = pair[0]; SocketChannel stalled = pair[1]) {
            // One call for far more than the socket buffers hold: it can only end by the close.
            CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    return Fixtures.linux().sendfile(out, in, ZeroCopy.POSITION, BIG, SendfileOptions.NONE);
                } catch (Throwable t) {
                    return t;
                }
            }, Fixtures.THREADS);
            Thread.sleep(300);
            assertFalse(outcome.isDone(), "the transfer should be blocked on the stalled peer");
            long closedAt = System.nanoTime();
            out.close();
            Object t = outcome.get(1, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
            assertTrue(tookMillis < 1000, "took " + tookMillis + " ms");
            if (t instanceof Long sent) {
                // As the JDK's own write: a call the close cut off after bytes went out returns their count, and the
                // next call finds the channel closed.
                assertTrue(sent > 0 && sent < BIG, "got " + sent);
                assertThrows(java.nio.channels.ClosedChannelException.class, () -> Fixtures.linux().sendfile(out, in,
                        ZeroCopy.POSITION, BIG, SendfileOptions.NONE));
            } else {
                assertEquals(AsynchronousCloseException.class, t.getClass(), () -> "got " + t);
            }
        }
    }

    @Test
    void interruptEndsABlockedSpliceWithClosedByInterruptAndClosesTheChannel() throws Exception {
        Pipe pipe = Pipe.open();
        Path dst = dir.resolve("dst");
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink();
                FileChannel out = Fixtures.write(dst)) {
            AtomicBoolean started = new AtomicBoolean();
            Throwable[] result = new Throwable[1];
            Thread t = new Thread(() -> {
                started.set(true);
                try {
                    Fixtures.linux().splice(source, out, 1024);
                } catch (Throwable e) {
                    result[0] = e;
                }
            });
            t.start();
            while (!started.get()) {
                Thread.onSpinWait();
            }
            Thread.sleep(300);
            assertTrue(t.isAlive(), "splice from an empty pipe should block");
            t.interrupt();
            t.join(1000);
            assertFalse(t.isAlive());
            assertEquals(ClosedByInterruptException.class, result[0].getClass(), () -> "got " + result[0]);
            assertFalse(source.isOpen(), "the interrupted channel is closed, as the JDK does");
        }
    }

    @Test
    void anInterruptedThreadClosesTheChannelBeforeAnythingMoves() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 10);
        Path dst = dir.resolve("dst");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> Fixtures.linux().copyRange(in, 0, out, 0, 10));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status stays set");
            }
            assertFalse(in.isOpen());
            assertEquals(0, Files.size(dst));
        }
    }

    /**
     * Channels are closed while transfers on them run and other threads open files that may receive the closed
     * descriptor numbers: those files must stay empty, whatever the timing.
     */
    @Test
    void closingChannelsMidTransferNeverTouchesAFileThatReusedTheDescriptor() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1 << 20);
        AtomicBoolean stop = new AtomicBoolean();
        List<Path> bystanders = new ArrayList<>();
        List<FileChannel> bystanderChannels = new ArrayList<>();
        Thread opener = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    Path p = dir.resolve("bystander-" + i++);
                    FileChannel c = FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.READ);
                    synchronized (bystanders) {
                        bystanders.add(p);
                        bystanderChannels.add(c);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        opener.start();
        try {
            for (int round = 0; round < 300; round++) {
                Path dst = dir.resolve("dst-" + round);
                FileChannel in = Fixtures.read(src);
                FileChannel out = Fixtures.write(dst);
                CompletableFuture<Void> transfer = CompletableFuture.runAsync(() -> {
                    try {
                        for (int k = 0; k < 64; k++) {
                            Fixtures.linux().sendfile(out, in, (k * 16384L) % (1 << 20), 16384,
                                    SendfileOptions.NONE);
                        }
                    } catch (java.nio.channels.ClosedChannelException expected) {
                        // the point of the test: the channels are closed under it
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, Fixtures.THREADS);
                if ((round & 1) == 0) {
                    in.close();
                } else {
                    out.close();
                }
                try {
                    transfer.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
                in.close();
                out.close();
            }
        } finally {
            stop.set(true);
            opener.join();
            for (FileChannel c : bystanderChannels) {
                c.close();
            }
        }
        for (Path p : bystanders) {
            assertEquals(0, Files.size(p), () -> p + " received bytes meant for a closed channel");
        }
    }
}

package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.Relay;

/**
 * The Linux relay's locks and the end of a call, as issue 19's reading found them: a relay waiting for its output's
 * write lock is ended by the relay's close(); a relay at a file's position holds the file's position lock for each
 * splice; a call that moved bytes tells the JDK's end step so, and a close just after it does not hide the count.
 */
@org.junit.jupiter.api.Timeout(60)
class LockOrderLinuxTest {
    @TempDir
    Path dir;

    /** Loads the library before any test touches the JDK members directly: they resolve once, on first use. */
    @org.junit.jupiter.api.BeforeAll
    static void loadTheLibrary() {
        LinuxProvider provider = new LinuxProvider();
        assertTrue(provider.isAvailable(), () -> "unavailable: " + provider.unavailabilityCause());
    }

    /** Another writer holds {@code out}'s write lock, blocked on a peer that never reads. */
    private static Thread holdTheWriteLock(SocketChannel out) throws Exception {
        Thread writer = new Thread(() -> {
            try {
                out.write(ByteBuffer.allocate(64 << 20));
            } catch (Exception expected) {
                // ended when the test closes the channel
            }
        }, "other-writer");
        writer.setDaemon(true);
        writer.start();
        Thread.sleep(300);
        assertTrue(writer.isAlive(), "the other writer should be blocked on the stalled peer");
        return writer;
    }

    @Test
    void closingTheRelayEndsATransferWaitingForItsOutputsWriteLock() throws Exception {
        SocketChannel[] a = Fixtures.socketPair();
        SocketChannel[] b = Fixtures.socketPair();
        Thread writer;
        try (SocketChannel feeder = a[0]; SocketChannel in = a[1]; SocketChannel out = b[0];
                SocketChannel stalled = b[1]) {
            feeder.write(ByteBuffer.wrap(new byte[1000]));
            writer = holdTheWriteLock(out);
            Relay relay = new LinuxProvider().relay(in, out);
            CompletableFuture<Throwable> transfer = CompletableFuture.supplyAsync(() -> {
                try {
                    relay.transfer(1 << 20);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, Fixtures.THREADS);
            Thread.sleep(300);
            assertFalse(transfer.isDone(), "the transfer waits for the output the other writer holds");
            relay.close();
            Throwable t = transfer.get(1, TimeUnit.SECONDS);
            assertTrue(t instanceof AsynchronousCloseException, String.valueOf(t));
            assertTrue(in.isOpen() && out.isOpen(), "closing the relay leaves the user's channels open");
        }
        // The socket's close is deferred to the blocked writer's leaving: let it finish here, not in the next test
        // (which may count descriptors).
        writer.join(5000);
        assertFalse(writer.isAlive(), "the other writer ended with the socket's close");
    }

    /** Holds {@code file}'s position lock on another thread until {@code release} counts down. */
    private static CountDownLatch holdPositionLock(FileChannel file, CountDownLatch release) throws Exception {
        Object lock = LinuxNative.IO.positionLock(file);
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "position-holder");
        holder.setDaemon(true);
        holder.start();
        assertTrue(held.await(5, TimeUnit.SECONDS), "the holder took the lock");
        return held;
    }

    @Test
    void aRelayFromAFileReadsItsPositionUnderThePositionLock() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 10_000);
        SocketChannel[] b = Fixtures.socketPair();
        try (FileChannel in = Fixtures.read(src); SocketChannel out = b[0]; SocketChannel peer = b[1];
                Relay relay = new LinuxProvider().relay(in, out)) {
            CountDownLatch release = new CountDownLatch(1);
            holdPositionLock(in, release);
            CompletableFuture<Long> transfer = CompletableFuture.supplyAsync(() -> {
                try {
                    return relay.transfer(4096);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            Thread.sleep(300);
            assertFalse(transfer.isDone(), "the relay read the file's position while FileChannel's own lock was held");
            release.countDown();
            assertEquals(4096, transfer.get(1, TimeUnit.SECONDS));
            assertEquals(4096, in.position());
        }
    }

    @Test
    void aRelayIntoAFileWritesAtItsPositionUnderThePositionLock() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel feeder = pipe.sink(); Pipe.SourceChannel in = pipe.source();
                FileChannel out = Fixtures.write(dir.resolve("dst"));
                Relay relay = new LinuxProvider().relay(in, out)) {
            feeder.write(ByteBuffer.wrap(Fixtures.pattern(0, 4096)));
            CountDownLatch release = new CountDownLatch(1);
            holdPositionLock(out, release);
            CompletableFuture<Long> transfer = CompletableFuture.supplyAsync(() -> {
                try {
                    return relay.transfer(4096);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            Thread.sleep(300);
            assertFalse(transfer.isDone(), "the relay wrote at the file's position while FileChannel's own lock was held");
            release.countDown();
            assertEquals(4096, transfer.get(1, TimeUnit.SECONDS));
            assertEquals(4096, out.position());
        }
    }

    /**
     * A call that moved bytes and whose channel another thread closes just before it ends (here: this very thread,
     * after the bytes moved, which is the same as far as the JDK's end step goes) returns its count, as the JDK's
     * own read does; one that moved nothing ends with AsynchronousCloseException.
     */
    @Test
    void aCallThatMovedBytesIsNotReportedAsCutOffByALaterClose() throws Exception {
        for (boolean moved : new boolean[] {true, false}) {
            Pipe pipe = Pipe.open();
            try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                ChannelCall call = ChannelCall.of(IO, source, ChannelKind.PIPE_SOURCE, null, null).open();
                if (moved) {
                    call.reported(5);
                }
                source.close(); // deferred by the JDK until the call leaves: this thread is its reader
                if (moved) {
                    call.close();
                } else {
                    assertThrows(AsynchronousCloseException.class, call::close);
                }
                assertFalse(source.isOpen());
            }
        }
    }
}

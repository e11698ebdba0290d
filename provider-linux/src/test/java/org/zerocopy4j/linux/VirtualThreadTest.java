package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.JdkChannelIo;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;

/**
 * On JDK 21+ a blocking socket used from a virtual thread gets a non-blocking descriptor (forcedNonBlocking) while
 * isBlocking() stays true: the provider must keep blocking semantics (wait with poll, never return 0).
 */
class VirtualThreadTest {
    private static final int SIZE = 16 << 20;

    @TempDir
    Path dir;

    private static ExecutorService virtualThreads() throws Exception {
        ExecutorService e;
        try {
            e = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException jdk17) {
            e = null;
        }
        assumeTrue(e != null, "virtual threads need JDK 21+");
        return e;
    }

    private static <T> T onVirtualThread(ExecutorService vts, Callable<T> body) throws Exception {
        Future<T> f = vts.submit(body);
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Read from a platform thread: entering the channel on a virtual thread would itself make it non-blocking. */
    private static boolean descriptorIsNonBlocking(SocketChannel ch) throws Exception {
        assertTrue(new LinuxProvider().isAvailable(), "the library resolves the JDK members JdkChannelIo uses");
        return CompletableFuture.supplyAsync(() -> {
            try {
                JdkChannelIo.Entry entry = LinuxNative.IO.begin(ch, ChannelKind.SOCKET, false);
                try {
                    return (LinuxNative.fcntl(entry.fd, LinuxConstants.F_GETFL, 0) & 04000) != 0;
                } finally {
                    LinuxNative.IO.end(entry, false);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Fixtures.THREADS).get();
    }

    @Test
    void aBlockingSocketMadeNonBlockingByTheJdkStillBlocksAndNeverReturnsZero() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", SIZE);
        SocketChannel[] pair = Fixtures.socketPair();
        ExecutorService vts = virtualThreads();
        try (SocketChannel out = pair[0]; SocketChannel peer = pair[1]; FileChannel in = Fixtures.read(src)) {
            // A JDK write from a virtual thread is what switches the descriptor to non-blocking.
            onVirtualThread(vts, () -> out.write(ByteBuffer.wrap(new byte[0])));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocate(SIZE);
                    while (b.hasRemaining()) {
                        ByteBuffer slice = b.slice();
                        slice.limit(Math.min(slice.remaining(), 65536));
                        int r = peer.read(slice);
                        if (r < 0) {
                            break;
                        }
                        b.position(b.position() + r);
                        Thread.sleep(1);
                    }
                    return b.array();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Fixtures.THREADS);
            long sent = onVirtualThread(vts, () -> {
                assertTrue(out.isBlocking());
                assertTrue(descriptorIsNonBlocking(out), "the JDK should have made the descriptor non-blocking");
                long total = 0;
                while (total < SIZE) {
                    long n = ZeroCopy.using("linux").sendfile(out, in, ZeroCopy.POSITION, SIZE - total,
                            SendfileOptions.NONE);
                    assertTrue(n > 0, "a blocking channel never gets 0, got " + n);
                    total += n;
                }
                return total;
            });
            assertEquals(SIZE, sent);
            assertArrayEquals(Fixtures.pattern(0, SIZE), received.get(60, TimeUnit.SECONDS));
        } finally {
            vts.shutdownNow();
        }
    }

    @Test
    void closeEndsAVirtualThreadsTransferToAStalledPeer() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", SIZE);
        SocketChannel[] pair = Fixtures.socketPair();
        ExecutorService vts = virtualThreads();
        try (SocketChannel out = pair[0]; SocketChannel stalled = pair[1]; FileChannel in = Fixtures.read(src)) {
            Future<Throwable> outcome = vts.submit(() -> {
                try {
                    out.write(ByteBuffer.wrap(new byte[0]));
                    while (true) {
                        Fixtures.linux().sendfile(out, in, 0, SIZE, SendfileOptions.NONE);
                    }
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(300);
            assertTrue(!outcome.isDone(), "blocked on the stalled peer");
            out.close();
            Throwable t = outcome.get(1, TimeUnit.SECONDS);
            assertEquals(AsynchronousCloseException.class, t.getClass(), () -> "got " + t);
        } finally {
            vts.shutdownNow();
        }
    }

    /**
     * A socket no JDK call touched from a virtual thread still has its blocking descriptor; the provider puts it in
     * non-blocking mode, as the JDK's own write would, so the call parks instead of blocking its carrier in the
     * kernel, and close ends it.
     */
    @Test
    void closeEndsAVirtualThreadsTransferOnADescriptorNoJdkCallTouched() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", SIZE);
        SocketChannel[] pair = Fixtures.socketPair();
        ExecutorService vts = virtualThreads();
        try (SocketChannel out = pair[0]; SocketChannel stalled = pair[1]; FileChannel in = Fixtures.read(src)) {
            Future<Throwable> outcome = vts.submit(() -> {
                try {
                    assertTrue(!descriptorIsNonBlocking(out), "no JDK call should have touched the descriptor");
                    Fixtures.linux().sendfile(out, in, 0, 1, SendfileOptions.NONE);
                    assertTrue(descriptorIsNonBlocking(out), "the provider's call on a virtual thread did not");
                    while (true) {
                        Fixtures.linux().sendfile(out, in, 0, SIZE, SendfileOptions.NONE);
                    }
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(300);
            assertTrue(!outcome.isDone(), "blocked on the stalled peer");
            out.close();
            Throwable t = outcome.get(1, TimeUnit.SECONDS);
            assertEquals(AsynchronousCloseException.class, t.getClass(), () -> "got " + t);
        } finally {
            vts.shutdownNow();
        }
    }
}

package org.zerocopy4j.fallback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;

/**
 * A bulk send to a blocking socket goes through a large direct buffer; a server with many such sends at once (each
 * waiting on a slow client) must still hold a bounded amount of direct memory, not one large buffer per call.
 */
class BulkBufferTest {
    private static final int SENDS = 24;
    private static final long FILE = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void manyBulkSendsWaitingOnStalledPeersHoldABoundedAmountOfDirectMemory() throws Exception {
        Path file = dir.resolve("bulk");
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[1]), FILE - 1);
        }
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).findFirst().orElseThrow();
        FallbackProvider fallback = new FallbackProvider();
        List<SocketChannel> channels = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                FileChannel in = FileChannel.open(file)) {
            long before = direct.getMemoryUsed();
            for (int i = 0; i < SENDS; i++) {
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                client.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
                SocketChannel peer = server.accept(); // never reads: the send stalls with its buffer in hand
                peer.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
                channels.add(client);
                channels.add(peer);
                Thread t = new Thread(() -> {
                    try {
                        fallback.sendfile(client, in, 0, FILE, SendfileOptions.NONE);
                    } catch (IOException expected) {
                        // the close below ends it
                    }
                });
                t.start();
                senders.add(t);
            }
            // Every sender has read its first buffer and waits in the socket's write.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && senders.stream().anyMatch(s -> s.getState() != Thread.State.RUNNABLE
                    || s.getStackTrace().length == 0 || !waitsInWrite(s))) {
                Thread.sleep(20);
            }
            for (Thread s : senders) {
                assertTrue(waitsInWrite(s), s + " never reached the socket's write: nothing was measured");
            }
            long held = direct.getMemoryUsed() - before;
            long bound = FileTransfers.BULK_MOST * (long) FileTransfers.BULK_SIZE + SENDS * 64 * 1024L + (1 << 20);
            assertTrue(held <= bound, SENDS + " stalled bulk sends hold " + held + " bytes of direct memory, more"
                    + " than " + bound + " (" + FileTransfers.BULK_MOST + " bulk buffers and a small one each)");
        } finally {
            for (SocketChannel c : channels) {
                c.close();
            }
            for (Thread t : senders) {
                t.join(10_000);
            }
        }
    }

    private static boolean waitsInWrite(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getMethodName().startsWith("write")) {
                return true;
            }
        }
        return false;
    }
}

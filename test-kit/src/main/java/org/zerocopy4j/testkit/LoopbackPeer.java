package org.zerocopy4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A loopback TCP connection whose far end collects everything it receives until the near end closes. The receiver
 * can be held back ({@link #holdReading}) to fill the socket buffers and released later.
 */
public final class LoopbackPeer implements Closeable {
    private final ServerSocketChannel server;
    private final SocketChannel client;
    private final SocketChannel accepted;
    private final CountDownLatch release;
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();

    private LoopbackPeer(boolean holdReading) throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(server.getLocalAddress());
        accepted = server.accept();
        release = new CountDownLatch(holdReading ? 1 : 0);
        Thread reader = new Thread(this::drain, "loopback-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A connected pair whose receiver reads at once. */
    public static LoopbackPeer open() throws IOException {
        return new LoopbackPeer(false);
    }

    /** A connected pair whose receiver waits for {@link #resumeReading()}. */
    public static LoopbackPeer holdReading() throws IOException {
        return new LoopbackPeer(true);
    }

    private void drain() {
        try {
            release.await();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            while (accepted.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            received.complete(all.toByteArray());
        } catch (Throwable t) {
            received.completeExceptionally(t);
        }
    }

    /** The sending end (blocking unless the test changes it). */
    public SocketChannel sender() {
        return client;
    }

    /** The receiving end, for tests that close it to provoke errors; its reader thread gives up then. */
    public SocketChannel receiverEnd() {
        return accepted;
    }

    public void resumeReading() {
        release.countDown();
    }

    /** Closes the sending end and returns everything the receiver got. */
    public byte[] finish() throws IOException {
        client.close();
        resumeReading();
        try {
            return received.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("receiver failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        resumeReading();
        client.close();
        accepted.close();
        server.close();
    }
}

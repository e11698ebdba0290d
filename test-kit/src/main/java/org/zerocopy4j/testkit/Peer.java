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
import java.util.concurrent.TimeUnit;

/** A loopback TCP connection whose far end keeps what it receives; reading can be held back to fill the buffers. */
public final class Peer implements Closeable {
    public final SocketChannel sender;
    private final SocketChannel receiver;
    private final ServerSocketChannel server;
    private final CountDownLatch release;
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();

    public Peer(boolean hold) throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sender = SocketChannel.open(server.getLocalAddress());
        receiver = server.accept();
        release = new CountDownLatch(hold ? 1 : 0);
        Thread t = new Thread(this::drain, "peer-reader");
        t.setDaemon(true);
        t.start();
    }

    private void drain() {
        try {
            release.await();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            while (receiver.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            received.complete(all.toByteArray());
        } catch (Throwable t) {
            received.completeExceptionally(t);
        }
    }

    public void resume() {
        release.countDown();
    }

    /** Closes the sending side and returns everything the far end received. */
    public byte[] finish() throws Exception {
        resume();
        sender.configureBlocking(true);
        sender.close();
        return received.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        resume();
        sender.close();
        receiver.close();
        server.close();
    }
}

package org.zerocopy4j.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/** Two connected loopback sockets and nothing else: tests decide who reads and writes. */
public final class SocketPair implements Closeable {
    public final SocketChannel client;
    public final SocketChannel server;

    public SocketPair() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
        }
    }

    /** Writes {@code data} into {@code client} from another thread, then shuts the client's output down. */
    public CompletableFuture<Void> feedClient(byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    client.write(b);
                }
                client.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, r -> new Thread(r, "socket-pair-feeder").start());
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}

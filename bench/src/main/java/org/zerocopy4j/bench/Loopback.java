package org.zerocopy4j.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listener on 127.0.0.1 handing out connected pairs; nothing ever leaves the machine. */
public final class Loopback implements Closeable {
    private final ServerSocketChannel server;

    public Loopback() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    }

    /** A connected pair of blocking channels: [0] the client end, [1] the accepted end. */
    public SocketChannel[] pair(boolean noDelay) throws IOException {
        SocketChannel client = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept();
        client.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
        return new SocketChannel[] {client, accepted};
    }

    /** A classic {@link Socket} client, for the stream-based variants, and the channel it is accepted as. */
    public Connection socketPair() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) server.getLocalAddress()).getPort());
        return new Connection(client, server.accept());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** A {@link Socket} client with its accepted server-side channel. */
    public record Connection(Socket client, SocketChannel accepted) implements Closeable {
        @Override
        public void close() throws IOException {
            try (client; accepted) {
                // both closed by try-with-resources
            }
        }
    }
}

package org.zerocopy4j.examples;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zerocopy4j.Relay;
import org.zerocopy4j.ZeroCopy;

/**
 * A TCP proxy: each accepted connection gets its own connection to the backend and one thread per direction moving
 * bytes with {@link ZeroCopy#relay} (through a kernel pipe on Linux). When one side stops sending, the proxy shuts
 * down output towards the other, so a half-close passes through; both sockets close once both directions ended.
 */
public final class TcpProxy implements Closeable {

    static final String USAGE = "usage: proxy --backend HOST:PORT [--port N (default 9090; 0 picks one)]"
            + " [--bind ADDR] [--mode relay|buffer]\n"
            + "    [--threads virtual|platform (default virtual; --platform = platform)]\n"
            + "    [--max-connections N (default 10000; clients over it wait in the backlog)]\n"
            + "    One virtual thread per direction on JDK 21+; --threads platform uses platform threads.\n"
            + "    --mode buffer moves bytes through a 1 MiB direct buffer instead, as plain JDK code would.\n"
            + "    [--tls KEYSTORE.p12 [--tls-password P (else env ZEROCOPY4J_TLS_PASSWORD)] [--tls-engine]]\n"
            + "    terminates TLS from clients (the backend stays plain): backend -> client relays into the kTLS\n"
            + "    socket; client -> backend relays too when the kernel decrypts, else reads through the engine.";

    private static final int CHUNK = 1 << 20;
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final ThrottledLog backendFailures = new ThrottledLog(LOG, 10);

    private final InetSocketAddress backend;
    private final boolean buffer;
    private final Threads threads;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final String provider;
    private final int maxConnections;
    private final Semaphore slots;
    private final TlsConnection.Config tls;

    private TcpProxy(InetSocketAddress backend, boolean buffer, Threads threads, ServerSocketChannel listener,
            String provider, int maxConnections, TlsConnection.Config tls) {
        this.tls = tls;
        this.backend = backend;
        this.maxConnections = maxConnections;
        this.slots = new Semaphore(maxConnections);
        this.provider = provider;
        this.buffer = buffer;
        this.threads = threads;
        this.listener = listener;
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, USAGE);
        String[] hp = a.required("--backend").split(":");
        String mode = a.get("--mode", "relay");
        if (hp.length != 2 || !(mode.equals("relay") || mode.equals("buffer"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        long max = a.count("--max-connections", DEFAULT_MAX_CONNECTIONS);
        if (max < 1 || max > Integer.MAX_VALUE) {
            a.fail("--max-connections " + max + " is out of range");
        }
        TlsConnection.Config tls = null;
        if (!a.get("--tls", "").isEmpty()) {
            String password = a.get("--tls-password", System.getenv().getOrDefault("ZEROCOPY4J_TLS_PASSWORD", ""));
            tls = TlsConnection.Config.load(Path.of(a.get("--tls", "")), password.toCharArray(),
                    a.flag("--tls-engine"));
        }
        TcpProxy p = bind(new InetSocketAddress(a.get("--bind", "127.0.0.1"), Integer.parseInt(a.get("--port",
                "9090"))), new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), mode.equals("buffer"),
                a.virtualThreads("--platform"), (int) max, tls);
        System.out.println("tcp proxy listening on " + p.address() + ", backend " + p.backend + ", mode " + mode
                + ", " + p.threads.describe() + ", provider " + p.provider);
        p.acceptLoop();
    }

    /** Binds and starts accepting on a thread of its own; for tests and embedding. */
    public static TcpProxy start(InetSocketAddress bind, InetSocketAddress backend, boolean buffer, boolean virtual)
            throws IOException {
        return start(bind, backend, buffer, virtual, null);
    }

    static TcpProxy start(InetSocketAddress bind, InetSocketAddress backend, boolean buffer, boolean virtual,
            TlsConnection.Config tls) throws IOException {
        TcpProxy p = bind(bind, backend, buffer, virtual, DEFAULT_MAX_CONNECTIONS, tls);
        Thread t = new Thread(p::acceptLoop, "tcp-proxy-accept");
        t.setDaemon(true);
        t.start();
        return p;
    }

    private static TcpProxy bind(InetSocketAddress bind, InetSocketAddress backend, boolean buffer, boolean virtual,
            int maxConnections, TlsConnection.Config tls) throws IOException {
        String provider = Warmup.run();
        ServerSocketChannel l = ServerSocketChannel.open().bind(bind, 1024);
        return new TcpProxy(backend, buffer, Threads.of(virtual), l, provider, maxConnections, tls);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    /**
     * Runs until the listener is closed; a failed accept on an open listener is logged and retried. At the connection
     * cap it stops accepting until a proxied connection ends (each holds two sockets, a pipe and two threads).
     */
    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff(LOG, "tcp proxy");
        while (true) {
            SocketChannel client = backoff.next(listener, slots, maxConnections);
            if (client == null) {
                return;
            }
            try {
                threads.start("tcp-proxy-connect", () -> connect(client));
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread for it (platform threads can run out): this client is turned away, the next may not be.
                LOG.warn("tcp proxy: cannot start a connection thread: {}", e.toString());
                closeQuietly(client);
                slots.release();
            }
        }
    }

    private void connect(SocketChannel client) {
        TlsConnection t = null;
        if (tls != null) {
            try {
                t = TlsConnection.open(client, tls);
            } catch (IOException e) {
                // A failed handshake (or a client that left): nothing to proxy.
                closeQuietly(client);
                slots.release();
                return;
            }
        }
        SocketChannel server;
        try {
            server = SocketChannel.open(backend);
        } catch (IOException e) {
            // Out of descriptors here too, or the backend is down: this client cannot be served.
            backendFailures.warn("cannot connect to the backend " + backend + ": " + e);
            closeQuietly(client);
            slots.release();
            return;
        }
        open.add(client);
        open.add(server);
        // The second direction to finish closes both sockets.
        AtomicInteger running = new AtomicInteger(2);
        Runnable done = () -> {
            if (running.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(server);
                slots.release();
            }
        };
        if (t == null) {
            threads.start("tcp-proxy-up", () -> pump(client, server, done));
            pump(server, client, done);
            return;
        }
        TlsConnection tc = t;
        threads.start("tcp-proxy-up", () -> pumpFromTls(tc, client, server, done));
        pumpToTls(server, tc, client, done);
    }

    /** Backend -> TLS client: a relay into the kTLS socket (plaintext in, records out), else wrap + write. */
    private void pumpToTls(SocketChannel in, TlsConnection t, SocketChannel out, Runnable done) {
        try {
            if (t.offloaded() && !buffer) {
                try (Relay relay = ZeroCopy.relay(in, out)) {
                    while (relay.transfer(CHUNK) >= 0) {
                        // blocking sockets: each call moves at least one byte or reports the end
                    }
                }
            } else {
                ByteBuffer b = ByteBuffer.allocateDirect(CHUNK);
                while (in.read(b.clear()) >= 0) {
                    t.write(b.flip());
                }
            }
            t.close(); // close_notify, then the half-close
            out.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(in);
            closeQuietly(out);
        } finally {
            done.run();
        }
    }

    /**
     * TLS client -> backend: where the kernel decrypts, a relay out of the socket moves plaintext until a record that
     * is not data (the client's close_notify) stops it; the rest is read through {@link TlsConnection#input()}, which
     * handles such records. Without kernel decryption every byte goes through the engine.
     */
    private void pumpFromTls(TlsConnection t, SocketChannel in, SocketChannel out, Runnable done) {
        try {
            if (t.receives() && !buffer) {
                try (Relay relay = ZeroCopy.relay(in, out)) {
                    while (relay.transfer(CHUNK) >= 0) {
                        // plaintext, spliced
                    }
                } catch (IOException e) {
                    // a control record (alert, KeyUpdate) stopped the splice: read() below deals with it
                }
            }
            ByteBuffer b = ByteBuffer.allocateDirect(CHUNK);
            var plain = t.input();
            while (plain.read(b.clear()) >= 0) {
                b.flip();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(in);
            closeQuietly(out);
        } finally {
            done.run();
        }
    }

    /** Moves bytes until {@code in} ends, then passes the end on as a half-close of {@code out}. */
    private void pump(SocketChannel in, SocketChannel out, Runnable done) {
        try {
            if (buffer) {
                copyThroughBuffer(in, out);
            } else {
                try (Relay relay = ZeroCopy.relay(in, out)) {
                    while (relay.transfer(CHUNK) >= 0) {
                        // blocking sockets: each call moves at least one byte or reports the end
                    }
                }
            }
            out.shutdownOutput();
        } catch (IOException e) {
            // A reset or a failed write in one direction ends the other too: nothing more can be delivered.
            closeQuietly(in);
            closeQuietly(out);
        } finally {
            done.run();
        }
    }

    private static void copyThroughBuffer(SocketChannel in, SocketChannel out) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(CHUNK);
        while (in.read(b) >= 0) {
            b.flip();
            while (b.hasRemaining()) {
                out.write(b);
            }
            b.clear();
        }
    }

    private void closeQuietly(SocketChannel c) {
        open.remove(c);
        try {
            c.close();
        } catch (IOException e) {
            // already closing: nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (SocketChannel c : open) {
            closeQuietly(c);
        }
    }
}

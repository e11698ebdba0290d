package org.zerocopy4j.it;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.TlsOffload;
import org.zerocopy4j.TlsOffloadRefusedException;
import org.zerocopy4j.ZeroCopy;

/**
 * The smallest HTTPS file server the kTLS tests need (the examples module is not in the matrix payload): one
 * {@code GET /name} per connection, handshake with an {@link SSLEngine}, then {@link ZeroCopy#offloadTls} and a
 * sendfile loop; when refused, {@code SSLEngine.wrap} + {@code write}. Each connection reports what happened.
 */
final class TlsFileServer implements Closeable {

    /** What one connection did: the protocol and suite, whether the kernel took it, or why not. */
    record Served(String protocol, String cipherSuite, boolean offloaded, boolean receives, String refusal,
            Throwable error) {
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLContext context;
    private final Path root;
    private final ServerSocketChannel listener;
    private final BlockingQueue<Served> served = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    /** Skip the offload: SSLEngine.wrap + write, the baseline the measurement compares against. */
    volatile boolean engineOnly;
    /**
     * Read the first network bytes of the request before the offload and hand them over unread: the kernel then
     * takes the send direction only ({@code receives()} false) and {@link TlsOffload#read} unwraps through the engine.
     */
    volatile boolean handOverUnread;

    TlsFileServer(Path keystore, char[] password, Path root) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        this.root = root;
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "tls-file-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** The report of the next connection that ended, waiting for it. */
    Served next() throws InterruptedException {
        Served s = served.poll(60, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the server reported no connection within 60 s");
        }
        return s;
    }

    void forget() {
        served.clear();
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            try {
                SocketChannel c = listener.accept();
                Thread t = new Thread(() -> serve(c), "tls-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        TlsOffload offload = null;
        String refusal = null;
        Throwable error = null;
        try (c) {
            ByteBuffer netIn = handshake(c, engine);
            if (handOverUnread) {
                while (netIn.position() == 0) {
                    if (c.read(netIn) < 0) {
                        throw new EOFException("the client closed before its request");
                    }
                }
            }
            netIn.flip();
            if (engineOnly) {
                refusal = "engine only (baseline)";
            } else {
                try {
                    offload = ZeroCopy.offloadTls(c, engine, netIn);
                } catch (TlsOffloadRefusedException e) {
                    refusal = e.condition();
                }
            }
            EngineIo io = new EngineIo(c, engine, netIn);
            TlsOffload o = offload;
            // After the offload every read goes through it, whoever decrypts: the engine is never touched again.
            Reader reader = o != null ? o::read : io::read;
            StringBuilder pending = new StringBuilder();
            ByteBuffer chunk = ByteBuffer.allocateDirect(16384);
            // Keep-alive until the client closes or asks for the close.
            for (String[] req; (req = request(reader, pending)) != null; ) {
                try (FileChannel in = FileChannel.open(root.resolve(req[0]))) {
                    long size = in.size();
                    ByteBuffer head = ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + size
                            + (req[1] != null ? "\r\nConnection: close" : "") + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    if (o != null) {
                        sendfile(c, in, head, size);
                    } else {
                        io.write(head);
                        for (long pos = 0; pos < size; ) {
                            int n = in.read(chunk.clear(), pos);
                            if (n < 0) {
                                throw new EOFException("file shrank");
                            }
                            pos += n;
                            io.write(chunk.flip());
                        }
                    }
                }
                if (req[1] != null) {
                    break;
                }
            }
            if (o != null) {
                o.close();
            } else {
                io.closeOutbound();
            }
            c.shutdownOutput();
            // Until the client closes, so no unread input turns our close into a reset.
            ByteBuffer sink = ByteBuffer.allocate(16384);
            try {
                while ((o != null ? o.read(sink.clear()) : c.read(sink.clear())) >= 0) {
                    // dropped
                }
            } catch (IOException e) {
                // the client reset or closed without close_notify: the response is out anyway
            }
        } catch (Throwable e) {
            error = e;
        }
        served.add(new Served(engine.getSession().getProtocol(), engine.getSession().getCipherSuite(),
                offload != null, offload != null && offload.receives(), refusal, error));
    }

    /**
     * Reads the next request head; returns {file name, non-null when the client asked to close}, or null when the
     * client closed between requests. Bytes past the head stay in {@code pending}.
     */
    private static String[] request(Reader reader, StringBuilder pending) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (pending.indexOf("\r\n\r\n") < 0) {
            int n = reader.read(b.clear());
            if (n < 0) {
                if (pending.length() == 0) {
                    return null;
                }
                throw new EOFException("request head cut short: " + pending);
            }
            pending.append(new String(b.array(), 0, n, StandardCharsets.ISO_8859_1));
        }
        int end = pending.indexOf("\r\n\r\n");
        String head = pending.substring(0, end);
        pending.delete(0, end + 4);
        String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
        if (line.length != 3 || !line[0].equals("GET") || !line[1].startsWith("/")) {
            throw new IOException("not a GET: " + head);
        }
        String target = line[1].substring(1);
        int query = target.indexOf('?');
        return new String[] {query < 0 ? target : target.substring(0, query),
            head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close") ? "close" : null};
    }

    private static void sendfile(SocketChannel c, FileChannel in, ByteBuffer head, long count) throws IOException {
        SendfileOptions options = SendfileOptions.builder().headers(head).build();
        long sent = 0;
        while (head.hasRemaining() || sent < count) {
            int headBefore = head.remaining();
            long n = ZeroCopy.sendfile(c, in, sent, Math.min(2 << 20, count - sent), options);
            if (n < 0) {
                throw new EOFException("file shrank while being sent");
            }
            sent += n - (headBefore - head.remaining());
        }
    }

    /** Runs the handshake on a blocking socket; returns the network bytes read past it (write mode). */
    static ByteBuffer handshake(SocketChannel c, SSLEngine engine) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer netIn = ByteBuffer.allocate(packet);
        ByteBuffer netOut = ByteBuffer.allocate(packet);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (true) {
            switch (hs) {
                case NEED_TASK -> {
                    for (Runnable r; (r = engine.getDelegatedTask()) != null; ) {
                        r.run();
                    }
                    hs = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    SSLEngineResult r = engine.wrap(EMPTY, netOut.clear());
                    writeFully(c, netOut.flip());
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the handshake ended in an alert");
                    }
                    hs = r.getHandshakeStatus();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = engine.unwrap(netIn.flip(), app);
                    netIn.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (c.read(netIn) < 0) {
                            throw new EOFException("the client left during the handshake");
                        }
                    } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the client closed during the handshake");
                    }
                    hs = r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP ? engine.getHandshakeStatus()
                            : r.getHandshakeStatus();
                }
                case FINISHED -> hs = engine.getHandshakeStatus();
                case NOT_HANDSHAKING -> {
                    // A TLS 1.3 server may still hold its NewSessionTicket: out with it, or the offload refuses.
                    engine.wrap(EMPTY, netOut.clear());
                    writeFully(c, netOut.flip());
                    return netIn;
                }
                default -> throw new IllegalStateException(hs.toString());
            }
        }
    }

    static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @FunctionalInterface
    interface Reader {
        int read(ByteBuffer dst) throws IOException;
    }

    /** Records through the engine: what a Java server does without kTLS. */
    static final class EngineIo {
        private final SocketChannel c;
        private final SSLEngine engine;
        private final ByteBuffer netIn;   // write mode
        private final ByteBuffer app;     // read mode
        private final ByteBuffer netOut;

        EngineIo(SocketChannel c, SSLEngine engine, ByteBuffer unread) {
            this.c = c;
            this.engine = engine;
            netIn = ByteBuffer.allocate(Math.max(engine.getSession().getPacketBufferSize(), unread.remaining()));
            netIn.put(unread.duplicate());
            app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }

        int read(ByteBuffer dst) throws IOException {
            while (!app.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn.flip(), app.clear());
                netIn.compact();
                app.flip();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return -1;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && c.read(netIn) < 0) {
                    return -1;
                }
            }
            int n = Math.min(dst.remaining(), app.remaining());
            dst.put(app.slice().limit(n));
            app.position(app.position() + n);
            return n;
        }

        void write(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                SSLEngineResult r = engine.wrap(src, netOut.clear());
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("wrap: " + r.getStatus());
                }
                writeFully(c, netOut.flip());
            }
        }

        void closeOutbound() throws IOException {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                engine.wrap(EMPTY, netOut.clear());
                writeFully(c, netOut.flip());
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

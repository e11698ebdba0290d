package org.zerocopy4j.examples;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.TlsOffload;
import org.zerocopy4j.TlsOffloadRefusedException;
import org.zerocopy4j.ZeroCopy;

/**
 * One HTTPS connection of the examples: the handshake runs on an {@link SSLEngine} on the connection's thread, then
 * the record layer goes to the kernel ({@link ZeroCopy#offloadTls}) and bodies leave through {@link ZeroCopy#sendfile}
 * as plaintext. When the kernel refuses (no tls ULP, a cipher it lacks, ...) or {@code --tls-engine} asks for it, the
 * connection stays on the engine: {@code SSLEngine.wrap} + {@code write}, what a Java server does today.
 */
final class TlsConnection {

    /** The server's TLS set-up: its key and whether to skip the offload. */
    record Config(SSLContext context, boolean engineOnly) {

        static Config load(Path keystore, char[] password, boolean engineOnly) throws IOException {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), null, null);
                return new Config(context, engineOnly);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TlsConnection.class);
    /** Each distinct refusal is logged once per process, not once per connection. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** The engine path reads files in record-sized pieces, as a Java server on SSLEngine does. */
    private static final int RECORD = 16384;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final TlsOffload offload;
    private final ByteBuffer netIn;   // write mode: network bytes not yet unwrapped
    private final ByteBuffer app;     // read mode: plaintext not yet taken
    private final ByteBuffer netOut;
    private ByteBuffer chunk;
    private boolean closed;

    private TlsConnection(SocketChannel channel, SSLEngine engine, TlsOffload offload, ByteBuffer netIn) {
        this.channel = channel;
        this.engine = engine;
        this.offload = offload;
        this.netIn = netIn;
        this.app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** Runs the handshake on the blocking {@code channel}, then hands the record layer to the kernel if it can. */
    static TlsConnection open(SocketChannel channel, Config config) throws IOException {
        SSLEngine engine = config.context().createSSLEngine();
        engine.setUseClientMode(false);
        ByteBuffer netIn = handshake(channel, engine);
        TlsOffload offload = null;
        if (!config.engineOnly()) {
            try {
                offload = ZeroCopy.offloadTls(channel, engine, netIn.duplicate().flip());
            } catch (TlsOffloadRefusedException e) {
                if (LOGGED.add(e.condition())) {
                    LOG.info("TLS stays on SSLEngine for such connections: {}", e.condition());
                }
            }
        }
        return new TlsConnection(channel, engine, offload, netIn);
    }

    boolean offloaded() {
        return offload != null;
    }

    /** Whether the kernel decrypts too, so the socket itself reads plaintext (relay and splice out of it work). */
    boolean receives() {
        return offload != null && offload.receives();
    }

    /**
     * Plaintext from the peer: after the offload always {@link TlsOffload#read} (the kernel decrypts, or the offload
     * unwraps through the engine it was given: this class never touches the engine again); the engine's own unwrap
     * only on the engine path.
     */
    ReadableByteChannel input() {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return offload != null ? offload.read(dst) : unwrap(dst);
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Sends all of {@code b} as application data. */
    void write(ByteBuffer b) throws IOException {
        if (offload != null) {
            FileServer.writeFully(channel, b);
            return;
        }
        while (b.hasRemaining()) {
            SSLEngineResult r = engine.wrap(b, netOut.clear());
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("wrap: " + r.getStatus());
            }
            FileServer.writeFully(channel, netOut.flip());
        }
    }

    /**
     * Sends {@code head} then {@code count} file bytes from {@code first}: one sendfile loop through the kernel's
     * record layer, or file reads wrapped by the engine. {@code beforeEach} renews the I/O deadline.
     */
    void body(FileChannel in, ByteBuffer head, long first, long count, Runnable beforeEach) throws IOException {
        if (offload != null) {
            SendfileOptions options = SendfileOptions.builder().headers(head).build();
            long sent = 0;
            while (head.hasRemaining() || sent < count) {
                int headBefore = head.remaining();
                beforeEach.run();
                long n = ZeroCopy.sendfile(channel, in, first + sent, Math.min(FileServer.CHUNK, count - sent),
                        options);
                if (n < 0) {
                    throw new EOFException("file shrank while being sent");
                }
                sent += n - (headBefore - head.remaining());
            }
            return;
        }
        beforeEach.run();
        write(head);
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(RECORD);
        }
        for (long sent = 0; sent < count; ) {
            beforeEach.run();
            int n = in.read(chunk.clear().limit((int) Math.min(RECORD, count - sent)), first + sent);
            if (n < 0) {
                throw new EOFException("file shrank while being sent");
            }
            sent += n;
            write(chunk.flip());
        }
    }

    /** Sends close_notify (once); the socket stays open for its owner to close. */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (offload != null) {
            offload.close();
            return;
        }
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            engine.wrap(EMPTY, netOut.clear());
            FileServer.writeFully(channel, netOut.flip());
        }
    }

    private int unwrap(ByteBuffer dst) throws IOException {
        while (!app.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(netIn.flip(), app.clear());
            netIn.compact();
            app.flip();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                return -1; // the peer's close_notify
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                return -1;
            }
        }
        int n = Math.min(dst.remaining(), app.remaining());
        dst.put(app.slice().limit(n));
        app.position(app.position() + n);
        return n;
    }

    /** The handshake on a blocking socket; returns the network bytes read past its end (write mode). */
    private static ByteBuffer handshake(SocketChannel c, SSLEngine engine) throws IOException {
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
                    FileServer.writeFully(c, netOut.flip());
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("handshake failed (alert sent)");
                    }
                    hs = r.getHandshakeStatus();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = engine.unwrap(netIn.flip(), app);
                    netIn.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (c.read(netIn) < 0) {
                            throw new EOFException("peer left during the handshake");
                        }
                    } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("peer closed during the handshake");
                    }
                    hs = engine.getHandshakeStatus();
                }
                case FINISHED -> hs = engine.getHandshakeStatus();
                case NOT_HANDSHAKING -> {
                    // A TLS 1.3 server may still hold its NewSessionTicket: sent now, or the offload refuses.
                    engine.wrap(EMPTY, netOut.clear());
                    FileServer.writeFully(c, netOut.flip());
                    return netIn;
                }
                default -> throw new IllegalStateException("handshake status " + hs);
            }
        }
    }
}

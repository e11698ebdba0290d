package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A JSSE client and server engine joined in memory, for the kernel TLS tests that need no kernel: a real handshake,
 * and every record each engine produced kept for inspection.
 */
final class TlsPair {
    private static SSLContext context;

    final SSLEngine client;
    final SSLEngine server;
    /** Every record each side's engine produced, header included, in order. */
    final List<byte[]> clientRecords = new ArrayList<>();
    final List<byte[]> serverRecords = new ArrayList<>();
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);

    TlsPair(String protocol, String suite) throws Exception {
        SSLContext c = context();
        client = c.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        server = c.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {protocol});
            if (suite != null) {
                e.setEnabledCipherSuites(new String[] {suite});
            }
        }
    }

    /** An EC key and self-signed certificate made by the JDK's keytool once per JVM. */
    static synchronized SSLContext context() throws Exception {
        if (context != null) {
            return context;
        }
        Path dir = Files.createTempDirectory("zerocopy4j-tls");
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "server", "-dname",
                "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Files.delete(store);
        Files.delete(dir);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), new TrustManager[] {trustAll}, null);
        context = c;
        return c;
    }

    /** Runs the handshake to its end, the TLS 1.3 server's NewSessionTicket included. */
    void handshake() throws Exception {
        handshake(false);
    }

    /**
     * Runs the handshake; with {@code stopBeforeTicket}, stops once the client finished while the TLS 1.3 server
     * still holds its NewSessionTicket (handshake status NEED_WRAP).
     */
    void handshake(boolean stopBeforeTicket) throws Exception {
        client.beginHandshake();
        server.beginHandshake();
        pump(stopBeforeTicket);
    }

    /** Moves records both ways until neither engine has anything to do (a TLS 1.3 KeyUpdate, for one). */
    void pump() throws Exception {
        pump(false);
    }

    private void pump(boolean stopBeforeTicket) throws Exception {
        for (int round = 0; round < 100; round++) {
            if (stopBeforeTicket && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && toServer.position() == 0
                    && !"NONE".equals(server.getSession().getProtocol())) {
                return;
            }
            boolean moved = step(client, toServer, toClient, clientRecords);
            if (stopBeforeTicket && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && toServer.position() == 0
                    && !"NONE".equals(server.getSession().getProtocol())) {
                return;
            }
            moved |= step(server, toClient, toServer, serverRecords);
            if (!moved && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && toServer.position() == 0
                    && toClient.position() == 0) {
                return;
            }
        }
        throw new IllegalStateException("the handshake did not finish: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    /** One engine's turn: wrap what it must send, unwrap what it received; whether anything happened. */
    private static boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in, List<byte[]> records) throws Exception {
        boolean moved = false;
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            e.getDelegatedTask().run();
            moved = true;
        }
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), net);
            net.flip();
            keep(net, records);
            out.put(net);
            moved = true;
            if (r.bytesProduced() == 0) {
                break;
            }
            while (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                e.getDelegatedTask().run();
            }
        }
        in.flip();
        while (in.hasRemaining()) {
            ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
            SSLEngineResult r = e.unwrap(in, app);
            while (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                e.getDelegatedTask().run();
            }
            if (r.bytesConsumed() == 0) {
                break;
            }
            moved = true;
            if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
        in.compact();
        return moved;
    }

    /** Splits wrapped bytes into records and keeps each. */
    private static void keep(ByteBuffer net, List<byte[]> records) {
        ByteBuffer b = net.duplicate();
        while (b.remaining() >= 5) {
            int length = (b.get(b.position() + 3) & 0xff) << 8 | b.get(b.position() + 4) & 0xff;
            byte[] record = new byte[5 + length];
            b.get(record);
            records.add(record);
        }
    }

    /** The client's engine wraps {@code text} into records, which the server's engine unwraps; returns them. */
    byte[] clientWraps(byte[] text) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        SSLEngineResult r = client.wrap(ByteBuffer.wrap(text), net);
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("wrap: " + r);
        }
        net.flip();
        byte[] bytes = new byte[net.remaining()];
        net.duplicate().get(bytes);
        keep(net, clientRecords);
        return bytes;
    }

    /** The server's engine wraps {@code text}; returns the record bytes. */
    byte[] serverWraps(byte[] text) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        SSLEngineResult r = server.wrap(ByteBuffer.wrap(text), net);
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("wrap: " + r);
        }
        net.flip();
        byte[] bytes = new byte[net.remaining()];
        net.get(bytes);
        keep(ByteBuffer.wrap(bytes), serverRecords);
        return bytes;
    }

    /** {@code engine} unwraps {@code records}; returns the plaintext. */
    static byte[] unwrap(SSLEngine engine, byte[] records) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(records);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
        while (in.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(in, app);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                throw new IllegalStateException("unwrap: " + r);
            }
        }
        app.flip();
        byte[] text = new byte[app.remaining()];
        app.get(text);
        return text;
    }

    /** Everything {@code tls} reads until its end, through a buffer of {@code bufferSize}; the end must stay the end. */
    static String readAll(KernelTls tls, int bufferSize) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(bufferSize);
        int n;
        while ((n = tls.read(b)) >= 0) {
            b.flip();
            out.write(b.array(), 0, n);
            b.clear();
        }
        assertEquals(-1, tls.read(b), "the end stays the end");
        return out.toString(StandardCharsets.US_ASCII);
    }
}

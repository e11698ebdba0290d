package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zerocopy4j.Diagnostics;
import org.zerocopy4j.TlsOffloadRefusedException;
import org.zerocopy4j.ZeroCopy;

/**
 * Every refusal of the TLS offload names its condition and changes nothing: afterwards the application's SSLEngine
 * connection still carries data both ways. The engine conditions are checked before the kernel, so they are refused
 * on any kernel, this host's (no tls ULP) included.
 */
class KernelTlsRefusalTest {

    /** A connected loopback pair: [client, server]. */
    private static SocketChannel[] connect() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            return new SocketChannel[] {client, listener.accept()};
        }
    }

    private static TlsOffloadRefusedException refused(SocketChannel socket, SSLEngine engine) {
        return assertThrows(TlsOffloadRefusedException.class, () -> ZeroCopy.offloadTls(socket, engine, null));
    }

    /** Both engines still work: each wraps, the other unwraps the same bytes. */
    private static void exchangeInMemory(TlsPair pair) throws Exception {
        byte[] up = "client to server, after the refusal".getBytes(StandardCharsets.US_ASCII);
        byte[] down = "server to client, after the refusal".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(up, TlsPair.unwrap(pair.server, pair.clientWraps(up)));
        assertArrayEquals(down, TlsPair.unwrap(pair.client, pair.serverWraps(down)));
    }

    /** Wraps {@code text} with {@code from}, sends it over {@code out}, reads it from {@code in}, unwraps with {@code to}. */
    private static void overSockets(SSLEngine from, SocketChannel out, SocketChannel in, SSLEngine to, String text)
            throws Exception {
        ByteBuffer net = ByteBuffer.allocate(from.getSession().getPacketBufferSize());
        assertEquals(SSLEngineResult.Status.OK, from.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                net).getStatus());
        net.flip();
        int length = net.remaining();
        while (net.hasRemaining()) {
            out.write(net);
        }
        ByteBuffer received = ByteBuffer.allocate(length);
        while (received.hasRemaining()) {
            assertTrue(in.read(received) > 0);
        }
        received.flip();
        ByteBuffer plain = ByteBuffer.allocate(to.getSession().getApplicationBufferSize());
        to.unwrap(received, plain);
        plain.flip();
        assertEquals(text, StandardCharsets.UTF_8.decode(plain).toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TLSv1.3, TLS_AES_128_GCM_SHA256", "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLSv1.3, TLS_CHACHA20_POLY1305_SHA256"})
    void withoutTheTlsUlpTheOffloadIsRefusedAndTheSocketStillCarriesTheEnginesRecords(String protocol, String suite)
            throws Exception {
        Optional<String> why = KernelTls.unavailability();
        assumeTrue(why.isPresent(), "this kernel has the tls ULP: the no-ULP refusal does not apply here");
        assertEquals("no tls ULP in this kernel (modprobe tls)", why.get());
        TlsPair pair = new TlsPair(protocol, suite);
        pair.handshake();
        SocketChannel[] sockets = connect();
        try (SocketChannel client = sockets[0]; SocketChannel server = sockets[1]) {
            TlsOffloadRefusedException e = refused(client, pair.client);
            assertTrue(e.condition().startsWith("linux: kernel has no tls ULP (setsockopt TCP_ULP \"tls\": ENOENT"),
                    e.condition());
            refused(server, pair.server);
            overSockets(pair.client, client, server, pair.server, "GET / HTTP/1.1");
            overSockets(pair.server, server, client, pair.client, "HTTP/1.1 200 OK");
        }
    }

    @Test
    void anEngineThatHasNotHandshakenIsRefused() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", null);
        SocketChannel[] sockets = connect();
        try (SocketChannel client = sockets[0]; SocketChannel server = sockets[1]) {
            assertEquals("linux: the handshake is not finished (no session yet)", refused(client, pair.client)
                    .condition());
            pair.client.beginHandshake();
            assertEquals("linux: the handshake is not finished (handshake status NEED_WRAP)",
                    refused(client, pair.client).condition());
            pair.handshake();
            exchangeInMemory(pair);
        }
    }

    @Test
    void aTls13ServerHoldingItsNewSessionTicketIsRefused() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", "TLS_AES_256_GCM_SHA384");
        pair.handshake(true);
        assertEquals(SSLEngineResult.HandshakeStatus.NEED_WRAP, pair.server.getHandshakeStatus());
        SocketChannel[] sockets = connect();
        try (SocketChannel client = sockets[0]; SocketChannel server = sockets[1]) {
            assertTrue(refused(server, pair.server).condition().startsWith(
                    "linux: the engine holds outbound bytes (handshake status NEED_WRAP"));
            pair.handshake();
            exchangeInMemory(pair);
        }
    }

    @Test
    void anEngineThatIsNotSunJsseIsRefused() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", null);
        pair.handshake();
        SocketChannel[] sockets = connect();
        try (SocketChannel client = sockets[0]; SocketChannel server = sockets[1]) {
            SSLEngine wrapper = new Wrapper(pair.client);
            assertEquals("linux: the engine is " + Wrapper.class.getName() + ", not the JDK's own SunJSSE engine"
                    + " (sun.security.ssl.SSLEngineImpl)", refused(client, wrapper).condition());
            exchangeInMemory(pair);
        }
    }

    @Test
    void aCipherTheKernelDoesNotTakeIsRefused() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        pair.handshake();
        SocketChannel[] sockets = connect();
        try (SocketChannel client = sockets[0]; SocketChannel server = sockets[1]) {
            assertEquals("linux: cipher suite TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 is not one the kernel takes"
                    + " (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305)", refused(client, pair.client).condition());
            exchangeInMemory(pair);
        }
    }

    /** A refused TLS_TX leaves the tls ULP on the socket: a second offload is refused, saying why and what remains. */
    @Test
    void aSecondOffloadOfASocketThatKeptTheUlpSaysSo() {
        String why = KernelTls.ulpRefusal(org.zerocopy4j.internal.Errno.number("EEXIST"));
        assertTrue(why.startsWith("the socket already has a ULP (setsockopt TCP_ULP \"tls\": EEXIST)"), why);
        assertTrue(why.contains("cannot be offloaded"), why);
        assertTrue(why.contains("plain TCP"), why);
        assertTrue(KernelTls.ulpRefusal(org.zerocopy4j.internal.Errno.ENOENT).startsWith("kernel has no tls ULP"));
    }

    @Test
    void diagnosticsSaysWhyTlsOffloadIsUnavailable() {
        Optional<String> why = KernelTls.unavailability();
        assumeTrue(why.isPresent(), "this kernel has the tls ULP");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics.report(new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("Kernel TLS offload (ZeroCopy.offloadTls): unavailable: linux: no tls ULP in this"
                + " kernel (modprobe tls)"), report);
    }

    /** An application's own SSLEngine over the JDK's: the offload cannot know what it does. */
    private static final class Wrapper extends SSLEngine {
        private final SSLEngine e;

        Wrapper(SSLEngine e) {
            this.e = e;
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
            return e.wrap(srcs, offset, length, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
                throws SSLException {
            return e.unwrap(src, dsts, offset, length);
        }

        @Override
        public Runnable getDelegatedTask() {
            return e.getDelegatedTask();
        }

        @Override
        public void closeInbound() throws SSLException {
            e.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            return e.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            e.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return e.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return e.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return e.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            e.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return e.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return e.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            e.setEnabledProtocols(protocols);
        }

        @Override
        public SSLSession getSession() {
            return e.getSession();
        }

        @Override
        public void beginHandshake() throws SSLException {
            e.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            return e.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            e.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return e.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            e.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return e.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            e.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return e.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            e.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return e.getEnableSessionCreation();
        }
    }
}

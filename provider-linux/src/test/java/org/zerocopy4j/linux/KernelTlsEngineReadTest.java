package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

/**
 * {@link KernelTls#read} when the kernel holds only the send direction ({@code receives()} false: unread network
 * bytes were handed over, or the kernel refused TLS_RX): it unwraps through the engine, so the application never
 * touches the engine again. A real JSSE pair makes the records; the socket is scripted (this host has no kTLS).
 */
class KernelTlsEngineReadTest {

    /** Network bytes to hand out in the chunks given, and what the code sent through the kernel. */
    static final class Network implements KernelTls.Kernel {
        final Deque<byte[]> chunks = new ArrayDeque<>();
        final List<String> log = new ArrayList<>();

        Network add(byte[] bytes) {
            chunks.add(bytes);
            return this;
        }

        @Override
        public long receive(ByteBuffer into, int[] type) {
            throw new AssertionError("recvmsg while the kernel does not decrypt");
        }

        @Override
        public void send(byte type, byte[] body) {
            log.add("send " + type + " " + java.util.Arrays.toString(body));
        }

        @Override
        public int install(int direction, TlsKeys.State s) {
            throw new AssertionError("install while the kernel does not decrypt");
        }

        @Override
        public int sendThenInstall(byte type, byte[] body, TlsKeys.State s) {
            throw new AssertionError("install while the kernel does not decrypt");
        }

        @Override
        public int readNetwork(ByteBuffer into) {
            byte[] next = chunks.poll();
            if (next == null) {
                return -1;
            }
            int n = Math.min(next.length, into.remaining());
            into.put(next, 0, n);
            if (n < next.length) {
                chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
            }
            return n;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** What a finished client engine sends to close: its close_notify record. */
    private static byte[] closeNotify(SSLEngine client) throws Exception {
        client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), net);
        net.flip();
        byte[] b = new byte[net.remaining()];
        net.get(b);
        return b;
    }

    private static byte[] split(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    @Test
    void tls13DataFromTheUnreadBytesAndTheSocketReachesTheCallerAndCloseNotifyEndsIt() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        pair.handshake();
        byte[] first = pair.clientWraps(ascii("GET /a HTTP/1.1\r\n"));
        byte[] second = pair.clientWraps(ascii("Host: x\r\n\r\n"));
        // The hand-off got the first record and 3 bytes of the second as unread; the rest comes in small pieces.
        ByteBuffer unread = ByteBuffer.allocate(first.length + 3);
        unread.put(first).put(second, 0, 3).flip();
        Network net = new Network().add(split(second, 3, 10)).add(split(second, 10, second.length))
                .add(closeNotify(pair.client));
        KernelTls tls = new KernelTls(net, "TLSv1.3", "TLS_AES_128_GCM_SHA256", false, null, null, pair.server,
                unread);
        assertFalse(tls.receives());
        assertEquals("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", TlsPair.readAll(tls, 5));
        assertEquals(List.of(), net.log, "the peer's close_notify is not answered by the engine");
        tls.close();
        assertEquals(List.of("send 21 [1, 0]"), net.log);
    }

    @Test
    void tls12DataThenCloseNotifyEndsTheStreamWithoutTheEngineWriting() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        pair.handshake();
        int before = pair.serverRecords.size();
        Network net = new Network().add(pair.clientWraps(ascii("hello"))).add(closeNotify(pair.client));
        KernelTls tls = new KernelTls(net, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", false, null, null,
                pair.server, null);
        assertEquals("hello", TlsPair.readAll(tls, 64));
        assertEquals(List.of(), net.log);
        assertEquals(before, pair.serverRecords.size(), "the engine made no record");
    }

    @Test
    void aKeyUpdateTheEngineWouldAnswerEndsTheConnectionWithCloseNotifyThroughTheKernel() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", "TLS_AES_256_GCM_SHA384");
        pair.handshake();
        byte[] data = pair.clientWraps(ascii("before"));
        pair.client.beginHandshake(); // a TLS 1.3 engine's post-handshake KeyUpdate, update_requested
        ByteBuffer ku = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
        pair.client.wrap(ByteBuffer.allocate(0), ku);
        ku.flip();
        byte[] keyUpdate = new byte[ku.remaining()];
        ku.get(keyUpdate);
        Network net = new Network().add(data).add(keyUpdate).add(pair.clientWraps(ascii("never")));
        KernelTls tls = new KernelTls(net, "TLSv1.3", "TLS_AES_256_GCM_SHA384", false, null, null, pair.server,
                null);
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(6, tls.read(b));
        SSLException e = assertThrows(SSLException.class, () -> tls.read(b));
        assertTrue(e.getMessage().startsWith("the peer sent a message the engine must answer (handshake status"
                + " NEED_WRAP: a TLS 1.3 KeyUpdate with update_requested"), e.getMessage());
        assertEquals(List.of("send 21 [1, 0]"), net.log, "close_notify went through the kernel, once");
        assertEquals(-1, tls.read(b));
        tls.close();
        assertEquals(List.of("send 21 [1, 0]"), net.log);
    }

    @Test
    void anEndOfStreamWithoutCloseNotifyEndsIt() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        pair.handshake();
        Network net = new Network().add(pair.clientWraps(ascii("part")));
        KernelTls tls = new KernelTls(net, "TLSv1.3", "TLS_AES_128_GCM_SHA256", false, null, null, pair.server,
                null);
        assertEquals("part", TlsPair.readAll(tls, 100));
    }
}

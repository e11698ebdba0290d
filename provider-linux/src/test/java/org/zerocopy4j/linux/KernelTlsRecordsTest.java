package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

/**
 * What {@link KernelTls#read} and {@link KernelTls#close} do with the records the kernel hands over after the
 * hand-off, with a scripted kernel (this host has no kTLS): data reaches the caller whatever its buffer size, a
 * NewSessionTicket never does, close_notify ends the stream, a fatal alert throws, renegotiation gets a warning, and a
 * TLS 1.3 KeyUpdate rekeys (receive, then ours under the old key, then send) or, where the kernel cannot, ends the
 * connection with close_notify and an exception naming the KeyUpdate.
 */
class KernelTlsRecordsTest {
    private static final int EBUSY = 16;

    /** Records to hand out, and what the code sent and installed. */
    static final class Scripted implements KernelTls.Kernel {
        final Deque<Object[]> incoming = new ArrayDeque<>();
        final List<String> log = new ArrayList<>();
        final List<byte[]> installedKeys = new ArrayList<>();
        final List<TlsKeys.State> installedStates = new ArrayList<>();
        int installResult;
        /** Thrown by an install of the send direction, when set. */
        java.io.IOException txInstallFailure;

        Scripted record(int type, byte... body) {
            incoming.add(new Object[] {type, body});
            return this;
        }

        @Override
        public long receive(ByteBuffer into, int[] type) {
            Object[] next = incoming.poll();
            if (next == null) {
                type[0] = -1;
                return 0; // end of the TCP stream
            }
            byte[] body = (byte[]) next[1];
            into.put(0, body);
            type[0] = (int) next[0];
            return body.length;
        }

        @Override
        public void send(byte type, byte[] body) {
            log.add("send " + type + " " + java.util.Arrays.toString(body));
        }

        @Override
        public int install(int direction, TlsKeys.State s) throws java.io.IOException {
            log.add("install " + (direction == LinuxNative.TLS_TX ? "TX" : "RX"));
            installedKeys.add(s.key.clone());
            installedStates.add(s);
            if (direction == LinuxNative.TLS_TX && txInstallFailure != null) {
                throw txInstallFailure;
            }
            return installResult;
        }

        /** Whether {@link #sendThenInstall} logs the hold of the socket's write side around its two steps. */
        boolean logHolds;

        @Override
        public int sendThenInstall(byte type, byte[] body, TlsKeys.State s) throws java.io.IOException {
            if (logHolds) {
                log.add("hold write");
            }
            try {
                send(type, body);
                return install(LinuxNative.TLS_TX, s);
            } finally {
                if (logHolds) {
                    log.add("release write");
                }
            }
        }

        @Override
        public int readNetwork(ByteBuffer into) {
            throw new AssertionError("a socket read while the kernel decrypts");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void dataReachesTheCallerTheTicketNeverAndCloseNotifyEndsTheStream() throws Exception {
        Scripted k = new Scripted().record(23, ascii("hello")).record(22, (byte) 4, (byte) 0, (byte) 0, (byte) 2,
                (byte) 7, (byte) 7).record(23, ascii(" world")).record(21, (byte) 1, (byte) 0)
                .record(23, ascii("never read"));
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, null, null);
        assertEquals("hello world", TlsPair.readAll(tls, 3));
        assertEquals(List.of(), k.log);
    }

    @Test
    void aFatalAlertThrowsAndAnEndOfStreamWithoutCloseNotifyEndsIt() throws Exception {
        KernelTls fatal = new KernelTls(new Scripted().record(21, (byte) 2, (byte) 40), "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", true, null, null);
        SSLException e = assertThrows(SSLException.class, () -> fatal.read(ByteBuffer.allocate(10)));
        assertEquals("the peer sent a fatal TLS alert (level 2, description 40)", e.getMessage());
        KernelTls cut = new KernelTls(new Scripted().record(23, ascii("part")), "TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true, null, null);
        assertEquals("part", TlsPair.readAll(cut, 100));
    }

    @Test
    void tls12RenegotiationGetsANoRenegotiationWarningAndTheDataGoesOn() throws Exception {
        Scripted k = new Scripted().record(22, (byte) 0, (byte) 0, (byte) 0, (byte) 0).record(23, ascii("after"));
        KernelTls tls = new KernelTls(k, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true, null, null);
        assertEquals("after", TlsPair.readAll(tls, 64));
        assertEquals(List.of("send 21 [1, 100]"), k.log);
    }

    @Test
    void closeSendsCloseNotifyOnce() throws Exception {
        Scripted k = new Scripted();
        KernelTls tls = new KernelTls(k, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, null, null);
        tls.close();
        tls.close();
        assertEquals(List.of("send 21 [1, 0]"), k.log);
        assertThrows(IllegalStateException.class, () -> tls.read(ByteBuffer.allocate(1)),
                "receives() is false and no engine was given");
    }

    /** TLS 1.3 send and receive states of a real handshake, as the offload keeps them, and their next keys. */
    private static TlsKeys.State[] tls13States() throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", "TLS_AES_256_GCM_SHA384");
        pair.handshake();
        TlsKeys.Cipher c = TlsKeys.Cipher.AES_256_GCM;
        return new TlsKeys.State[] {TlsKeys.extract(pair.server, true, "TLSv1.3", c),
            TlsKeys.extract(pair.server, false, "TLSv1.3", c)};
    }

    @Test
    void aKeyUpdateRekeysTheReceiveThenAnswersUnderTheOldKeyThenRekeysTheSend() throws Exception {
        TlsKeys.State[] s = tls13States();
        byte[] nextTx = TlsKeys.next(s[0], "HmacSHA384").key;
        byte[] nextRx = TlsKeys.next(s[1], "HmacSHA384").key;
        Scripted k = new Scripted().record(22, (byte) 24, (byte) 0, (byte) 0, (byte) 1, (byte) 1)
                .record(23, ascii("under the new key"));
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        assertEquals("under the new key", TlsPair.readAll(tls, 1000));
        assertEquals(List.of("install RX", "send 22 [24, 0, 0, 1, 0]", "install TX"), k.log);
        assertArrayEquals(nextRx, k.installedKeys.get(0));
        assertArrayEquals(nextTx, k.installedKeys.get(1));
    }

    @Test
    void aKeyUpdateTheKernelCannotFollowEndsTheConnectionWithCloseNotify() throws Exception {
        TlsKeys.State[] s = tls13States();
        Scripted k = new Scripted().record(22, (byte) 24, (byte) 0, (byte) 0, (byte) 1, (byte) 0)
                .record(23, ascii("never read"));
        k.installResult = -EBUSY;
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        SSLException e = assertThrows(SSLException.class, () -> tls.read(ByteBuffer.allocate(100)));
        assertTrue(e.getMessage().startsWith("the peer sent a TLS 1.3 KeyUpdate, and this kernel cannot rekey kernel"
                + " TLS (setsockopt TLS_RX: EBUSY"), e.getMessage());
        assertEquals(List.of("install RX", "send 21 [1, 0]"), k.log);
        assertEquals(-1, tls.read(ByteBuffer.allocate(100)));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void closeWipesBothKeptSecrets() throws Exception {
        TlsKeys.State[] s = tls13States();
        KernelTls tls = new KernelTls(new Scripted(), "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        tls.close();
        assertTrue(allZero(s[0].secret), "the send secret is wiped");
        assertTrue(allZero(s[1].secret), "the receive secret is wiped");
    }

    @Test
    void aSendKeyInstallThatThrowsWipesTheNewSecret() throws Exception {
        TlsKeys.State[] s = tls13States();
        Scripted k = new Scripted().record(22, (byte) 24, (byte) 0, (byte) 0, (byte) 1, (byte) 1);
        k.txInstallFailure = new java.io.IOException("scripted: setsockopt failed");
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> tls.read(ByteBuffer.allocate(100)));
        assertEquals("scripted: setsockopt failed", e.getMessage());
        TlsKeys.State nextTx = k.installedStates.get(1);
        assertTrue(allZero(nextTx.key), "the new send key is wiped");
        assertTrue(allZero(nextTx.secret), "the new send secret is wiped, not kept after a failed install");
    }

    @Test
    void aKeyUpdateAfterCloseIsNotAnsweredAndNothingIsDerivedFromWipedSecrets() throws Exception {
        TlsKeys.State[] s = tls13States();
        Scripted k = new Scripted().record(22, (byte) 24, (byte) 0, (byte) 0, (byte) 1, (byte) 1)
                .record(23, ascii("under a key we no longer have"));
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        tls.close();
        SSLException e = assertThrows(SSLException.class, () -> tls.read(ByteBuffer.allocate(100)));
        assertEquals("the peer sent a TLS 1.3 KeyUpdate after close(): the secrets are wiped, so the rest of the"
                + " stream cannot be read and no KeyUpdate may follow our close_notify", e.getMessage());
        assertEquals(List.of("send 21 [1, 0]"), k.log, "nothing sent or installed after close_notify");
        assertEquals(-1, tls.read(ByteBuffer.allocate(100)));
    }

    /** A stand-in for the application's write that must not slip between our KeyUpdate and the new send key. */
    @Test
    void ourKeyUpdateAndTheNewSendKeyGoOutUnderOneHoldOfTheWriteSide() throws Exception {
        TlsKeys.State[] s = tls13States();
        Scripted k = new Scripted().record(22, (byte) 24, (byte) 0, (byte) 0, (byte) 1, (byte) 1)
                .record(23, ascii("after"));
        k.logHolds = true;
        KernelTls tls = new KernelTls(k, "TLSv1.3", "TLS_AES_256_GCM_SHA384", true, s[0], s[1]);
        assertEquals("after", TlsPair.readAll(tls, 100));
        assertEquals(List.of("install RX", "hold write", "send 22 [24, 0, 0, 1, 0]", "install TX", "release write"),
                k.log);
    }
}

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crypto_info the offload gives the kernel, proved without a kernel: after a real JSSE handshake, records are
 * sealed from the extracted fields exactly as the kernel's tls_sw does, and the peer's own SSLEngine must open them
 * (send direction); records the peer's engine sealed must open with the fields TLS_RX would get (receive direction).
 * Two consecutive records each way prove the sequence number and its increment; for TLS 1.2 AES-GCM, the explicit
 * nonces the kernel would send must differ from every nonce JSSE already used under the key (Finished included): a
 * repeated GCM nonce gives the key away.
 */
class TlsKeysTest {
    private static final int TAG = 16;

    static Stream<Arguments> suites() {
        return Stream.of(
                Arguments.of("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
                Arguments.of("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                Arguments.of("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"),
                Arguments.of("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                Arguments.of("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
                Arguments.of("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suites")
    void recordsSealedWithTheExtractedSendStateOpenInThePeersEngine(String protocol, String suite) throws Exception {
        TlsPair pair = new TlsPair(protocol, suite);
        pair.handshake();
        assertEquals(suite, pair.client.getSession().getCipherSuite());
        // One record JSSE itself makes under the key, so the sequence number is past the Finished.
        byte[] before = "made by JSSE".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(before, TlsPair.unwrap(pair.server, pair.clientWraps(before)));

        TlsKeys.Cipher cipher = TlsKeys.cipherOf(protocol, suite);
        assertNotNull(cipher);
        TlsKeys.State tx = TlsKeys.extract(pair.client, true, protocol, cipher);
        assertEquals(cipher.keyLength, tx.key.length);
        if ("TLSv1.2".equals(protocol) && cipher.gcm()) {
            assertArrayEquals(tx.sequence, tx.iv, "TLS 1.2 GCM: the explicit nonce passed must be the sequence number");
        }
        byte[] first = "first record the kernel seals".getBytes(StandardCharsets.US_ASCII);
        byte[] second = new byte[3000];
        Arrays.fill(second, (byte) 'x');
        byte[] r1 = seal(tx, 0, first);
        byte[] r2 = seal(tx, 1, second);
        assertArrayEquals(first, TlsPair.unwrap(pair.server, r1));
        assertArrayEquals(second, TlsPair.unwrap(pair.server, r2));

        if ("TLSv1.2".equals(protocol) && cipher.gcm()) {
            Set<String> used = new HashSet<>();
            int encrypted = 0;
            boolean afterChangeCipherSpec = false;
            for (byte[] record : pair.clientRecords) {
                if (record[0] == 20) {
                    afterChangeCipherSpec = true;
                    continue;
                }
                if (afterChangeCipherSpec) {
                    used.add(Arrays.toString(Arrays.copyOfRange(record, 5, 13)));
                    encrypted++;
                }
            }
            assertEquals(2, encrypted, "the Finished and one data record under the client's write key");
            for (byte[] record : new byte[][] {r1, r2}) {
                String nonce = Arrays.toString(Arrays.copyOfRange(record, 5, 13));
                assertFalse(used.contains(nonce), "explicit nonce " + nonce + " repeats one JSSE used: " + used);
                used.add(nonce);
            }
        }
        tx.wipe(false);
        assertTrue(allZero(tx.key), "the key bytes are wiped");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suites")
    void recordsThePeersEngineSealedOpenWithTheExtractedReceiveState(String protocol, String suite)
            throws Exception {
        TlsPair pair = new TlsPair(protocol, suite);
        pair.handshake();
        byte[] before = "server data before the hand-off".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(before, TlsPair.unwrap(pair.client, pair.serverWraps(before)));

        TlsKeys.State rx = TlsKeys.extract(pair.client, false, protocol, TlsKeys.cipherOf(protocol, suite));
        byte[] first = "first record the kernel opens".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(first, open(rx, 0, pair.serverWraps(first)));
        assertArrayEquals(second, open(rx, 1, pair.serverWraps(second)));
    }

    /**
     * A TLS 1.3 KeyUpdate (JSSE sends one, update_requested, when beginHandshake is called on a finished TLS 1.3
     * engine; the peer answers with its own): the keys {@link TlsKeys#next} derives from the secrets before it, as
     * the offload would hand the kernel on a KeyUpdate, are the keys JSSE itself moved to, with sequence number 0.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256"})
    void aKeyUpdateMovesToTheKeysTheNextSecretGives(String suite) throws Exception {
        TlsPair pair = new TlsPair("TLSv1.3", suite);
        pair.handshake();
        TlsKeys.Cipher cipher = TlsKeys.cipherOf("TLSv1.3", suite);
        String hmac = TlsKeys.hmacOf(suite);
        TlsKeys.State clientTx = TlsKeys.extract(pair.client, true, "TLSv1.3", cipher);
        TlsKeys.State serverRx = TlsKeys.extract(pair.server, false, "TLSv1.3", cipher);
        TlsKeys.State serverTx = TlsKeys.extract(pair.server, true, "TLSv1.3", cipher);
        pair.client.beginHandshake();
        pair.pump();
        assertSame(TlsKeys.next(clientTx, hmac), TlsKeys.extract(pair.client, true, "TLSv1.3", cipher));
        assertSame(TlsKeys.next(serverRx, hmac), TlsKeys.extract(pair.server, false, "TLSv1.3", cipher));
        assertSame(TlsKeys.next(serverTx, hmac), TlsKeys.extract(pair.server, true, "TLSv1.3", cipher));
        exchangeAfterKeyUpdate(pair);
    }

    private static void exchangeAfterKeyUpdate(TlsPair pair) throws Exception {
        byte[] text = "after the KeyUpdate".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(text, TlsPair.unwrap(pair.server, pair.clientWraps(text)));
    }

    private static void assertSame(TlsKeys.State expected, TlsKeys.State actual) {
        assertArrayEquals(actual.key, expected.key, "key");
        assertArrayEquals(actual.iv, expected.iv, "iv");
        assertArrayEquals(actual.salt, expected.salt, "salt");
        assertArrayEquals(new byte[8], actual.sequence, "the sequence number restarts at 0");
        assertArrayEquals(expected.sequence, actual.sequence, "sequence");
        assertArrayEquals(actual.secret, expected.secret, "secret");
    }

    /** The nonce and additional data of record {@code index} after the hand-off, as the kernel computes them. */
    private static byte[][] nonceAndAad(TlsKeys.State s, long index, int plaintextLength, byte[] explicit) {
        long seq = ByteBuffer.wrap(s.sequence).getLong() + index;
        boolean tls13 = s.version == LinuxNative.TLS_1_3;
        byte[] nonce;
        if (!tls13 && s.cipher.gcm()) {
            nonce = ByteBuffer.allocate(12).put(s.salt).put(explicit).array();
        } else {
            nonce = s.cipher.gcm() ? ByteBuffer.allocate(12).put(s.salt).put(s.iv).array() : s.iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
        }
        byte[] aad;
        if (tls13) {
            int length = plaintextLength + 1 + TAG;
            aad = new byte[] {23, 3, 3, (byte) (length >>> 8), (byte) length};
        } else {
            aad = ByteBuffer.allocate(13).putLong(seq).put((byte) 23).put((byte) 3).put((byte) 3)
                    .putShort((short) plaintextLength).array();
        }
        return new byte[][] {nonce, aad};
    }

    /** TLS 1.2 AES-GCM: the kernel's explicit nonce of record {@code index}, its iv incremented once per record. */
    private static byte[] explicitNonce(TlsKeys.State s, long index) {
        return ByteBuffer.allocate(8).putLong(ByteBuffer.wrap(s.iv).getLong() + index).array();
    }

    private static Cipher cipher(TlsKeys.State s, int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher c;
        if (s.cipher.gcm()) {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(s.key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
        } else {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(s.key, "ChaCha20"), new IvParameterSpec(nonce));
        }
        return c;
    }

    /** Record {@code index} after the hand-off carrying {@code text}, sealed as tls_sw seals it. */
    static byte[] seal(TlsKeys.State s, long index, byte[] text) throws GeneralSecurityException {
        boolean tls13 = s.version == LinuxNative.TLS_1_3;
        boolean explicit = !tls13 && s.cipher.gcm();
        byte[] nonceBytes = explicit ? explicitNonce(s, index) : new byte[0];
        byte[][] na = nonceAndAad(s, index, text.length, nonceBytes);
        Cipher c = cipher(s, Cipher.ENCRYPT_MODE, na[0]);
        c.updateAAD(na[1]);
        byte[] inner = tls13 ? Arrays.copyOf(text, text.length + 1) : text;
        if (tls13) {
            inner[text.length] = 23;
        }
        byte[] sealed = c.doFinal(inner);
        int length = nonceBytes.length + sealed.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(23);
        out.write(3);
        out.write(3);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(nonceBytes);
        out.writeBytes(sealed);
        return out.toByteArray();
    }

    /** Opens record {@code index} after the hand-off as tls_sw opens it; returns the application data. */
    static byte[] open(TlsKeys.State s, long index, byte[] record) throws GeneralSecurityException {
        boolean tls13 = s.version == LinuxNative.TLS_1_3;
        boolean explicit = !tls13 && s.cipher.gcm();
        int bodyStart = 5 + (explicit ? 8 : 0);
        byte[] explicitBytes = Arrays.copyOfRange(record, 5, bodyStart);
        int plaintextLength = record.length - bodyStart - TAG - (tls13 ? 1 : 0);
        byte[][] na = nonceAndAad(s, index, plaintextLength, explicitBytes);
        if (tls13) {
            na[1] = Arrays.copyOf(record, 5);
        }
        Cipher c = cipher(s, Cipher.DECRYPT_MODE, na[0]);
        c.updateAAD(na[1]);
        byte[] inner = c.doFinal(record, bodyStart, record.length - bodyStart);
        if (tls13) {
            int end = inner.length - 1;
            while (end > 0 && inner[end] == 0) {
                end--; // padding (RFC 8446 5.4): JSSE pads its records
            }
            assertEquals(23, inner[end], "TLS 1.3 inner content type");
            return Arrays.copyOf(inner, end);
        }
        return inner;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}

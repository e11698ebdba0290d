package org.zerocopy4j.linux;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLEngine;

/**
 * What the kernel takes for one direction of a SunJSSE connection ({@code struct tls12_crypto_info_*} of
 * include/uapi/linux/tls.h), read from the engine's current cipher by native code (c/tls_jdk.c), and the TLS 1.3 key
 * schedule step a KeyUpdate needs (RFC 8446 7.2, 7.3).
 *
 * <p>How the JDK's cipher state maps to the kernel's fields:
 * <ul>
 * <li>TLS 1.2 AES-GCM ({@code SSLCipher$T12Gcm...$GcmWriteCipher}: {@code key}, 4-byte {@code fixedIv}): salt = the
 * fixed IV; iv = the 8-byte explicit nonce of the next record, which JSSE makes the sequence number (the kernel then
 * increments it per record, so it stays equal to the sequence number); rec_seq = the sequence number. Never zeros:
 * the records JSSE already sent used nonces 0..seq-1, and a repeated GCM nonce gives the key away.</li>
 * <li>TLS 1.3 AES-GCM ({@code T13Gcm...}: {@code key}, 12-byte {@code iv}): salt = iv[0..4], iv = iv[4..12], rec_seq =
 * the sequence number; the kernel's nonce is (salt || iv) XOR the padded sequence number, as RFC 8446 5.3.</li>
 * <li>ChaCha20-Poly1305, TLS 1.2 and 1.3 ({@code CC20P1305...}: {@code key}, 12-byte {@code iv}): iv = the 12 bytes,
 * no salt, rec_seq = the sequence number; the nonce is iv XOR the padded sequence number (RFC 7905, RFC 8446).</li>
 * </ul>
 * The sequence number is the first 8 bytes of the cipher's {@code Authenticator.block}
 * ({@code Authenticator.sequenceNumber()}).
 */
final class TlsKeys {
    static final String ENGINE_CLASS = "sun.security.ssl.SSLEngineImpl";

    /** A cipher the kernel takes. */
    enum Cipher {
        AES_128_GCM(LinuxNative.TLS_AES_GCM_128, 16, "AES-128-GCM"),
        AES_256_GCM(LinuxNative.TLS_AES_GCM_256, 32, "AES-256-GCM"),
        CHACHA20_POLY1305(LinuxNative.TLS_CHACHA20_POLY1305, 32, "ChaCha20-Poly1305");

        final int kernel;
        final int keyLength;
        final String text;

        Cipher(int kernel, int keyLength, String text) {
            this.kernel = kernel;
            this.keyLength = keyLength;
            this.text = text;
        }

        boolean gcm() {
            return this != CHACHA20_POLY1305;
        }
    }

    /** One direction's crypto_info, as the kernel's struct fields; {@link #wipe()} after the setsockopt. */
    static final class State {
        final int version;
        final Cipher cipher;
        final byte[] key;
        final byte[] iv;
        /** Null for ChaCha20-Poly1305 (the kernel's salt has no bytes). */
        final byte[] salt;
        final byte[] sequence;
        /** TLS 1.3: the traffic secret these keys came from (the engine's baseSecret); null for TLS 1.2. */
        final byte[] secret;

        State(int version, Cipher cipher, byte[] key, byte[] iv, byte[] salt, byte[] sequence, byte[] secret) {
            this.version = version;
            this.cipher = cipher;
            this.key = key;
            this.iv = iv;
            this.salt = salt;
            this.sequence = sequence;
            this.secret = secret;
        }

        /** Zeros every key byte; the secret too unless kept for a KeyUpdate. */
        void wipe(boolean keepSecret) {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
            if (salt != null) {
                Arrays.fill(salt, (byte) 0);
            }
            if (secret != null && !keepSecret) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private TlsKeys() {
    }

    /** The kernel's cipher for this protocol and suite, or null when the kernel takes none. */
    static Cipher cipherOf(String protocol, String suite) {
        if ("TLSv1.3".equals(protocol)) {
            switch (suite) {
                case "TLS_AES_128_GCM_SHA256":
                    return Cipher.AES_128_GCM;
                case "TLS_AES_256_GCM_SHA384":
                    return Cipher.AES_256_GCM;
                case "TLS_CHACHA20_POLY1305_SHA256":
                    return Cipher.CHACHA20_POLY1305;
                default:
                    return null;
            }
        }
        if ("TLSv1.2".equals(protocol)) {
            if (suite.endsWith("_WITH_AES_128_GCM_SHA256")) {
                return Cipher.AES_128_GCM;
            }
            if (suite.endsWith("_WITH_AES_256_GCM_SHA384")) {
                return Cipher.AES_256_GCM;
            }
            if (suite.endsWith("_WITH_CHACHA20_POLY1305_SHA256")) {
                return Cipher.CHACHA20_POLY1305;
            }
        }
        return null;
    }

    /** The HMAC of the suite's hash, for the TLS 1.3 key schedule. */
    static String hmacOf(String suite) {
        return suite.endsWith("SHA384") ? "HmacSHA384" : "HmacSHA256";
    }

    /**
     * Reads the engine's current write ({@code write}) or read cipher as the kernel's fields. The engine must be a
     * {@code sun.security.ssl.SSLEngineImpl} whose session runs {@code protocol} and {@code cipher} (the caller
     * checked); the JDK's own objects are only read, never changed.
     *
     * @throws IllegalStateException when this JDK's cipher objects are not what this code knows (the message says what)
     */
    static State extract(SSLEngine engine, boolean write, String protocol, Cipher cipher) {
        boolean tls13 = "TLSv1.3".equals(protocol);
        boolean fixedIv = !tls13 && cipher.gcm();
        Object[] raw;
        // A library that did not load registered nothing: say so rather than call an unregistered native.
        if (LinuxNative.failure().isPresent()) {
            throw new IllegalStateException("the zerocopy4j-linux library did not load: " + LinuxNative.failure().get());
        }
        try {
            raw = LinuxNative.tlsCipherState(engine, write, fixedIv ? "fixedIv" : "iv");
        } catch (LinkageError | IllegalArgumentException e) {
            throw new IllegalStateException("this JDK's SSLEngine internals differ from what zerocopy4j reads: " + e,
                    e);
        }
        String className = (String) raw[0];
        byte[] key = (byte[]) raw[1];
        byte[] jdkIv = (byte[]) raw[2];
        byte[] sequence = (byte[]) raw[3];
        byte[] secret = (byte[]) raw[4];
        String expected = (tls13 ? "T13" : "T12") + (cipher.gcm() ? "Gcm" : "CC20P1305");
        if (!className.contains(expected) || key == null || key.length != cipher.keyLength || jdkIv == null
                || jdkIv.length != (fixedIv ? 4 : 12) || sequence == null || sequence.length != 8
                || tls13 && secret == null) {
            wipeAll(key, jdkIv, secret);
            throw new IllegalStateException("the engine's " + (write ? "write" : "read") + " cipher is " + className
                    + ", not the " + expected + " cipher of " + protocol + " " + cipher.text);
        }
        int version = tls13 ? LinuxNative.TLS_1_3 : LinuxNative.TLS_1_2;
        if (fixedIv) {
            // The explicit nonce of the next record is its sequence number, as JSSE's own records have it.
            return new State(version, cipher, key, sequence.clone(), jdkIv, sequence, null);
        }
        if (cipher.gcm()) {
            byte[] salt = Arrays.copyOfRange(jdkIv, 0, 4);
            byte[] iv = Arrays.copyOfRange(jdkIv, 4, 12);
            Arrays.fill(jdkIv, (byte) 0);
            return new State(version, cipher, key, iv, salt, sequence, secret);
        }
        return new State(version, cipher, key, jdkIv, null, sequence, tls13 ? secret : wipeAll(secret));
    }

    private static byte[] wipeAll(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
        return null;
    }

    /**
     * The next TLS 1.3 traffic keys after a KeyUpdate (RFC 8446 7.2): secret_N+1 = HKDF-Expand-Label(secret_N,
     * "traffic upd", "", Hash.length), then key and iv from it (7.3), sequence number 0.
     */
    static State next(State current, String hmac) throws GeneralSecurityException {
        byte[] secret = expandLabel(hmac, current.secret, "traffic upd", current.secret.length);
        byte[] key = expandLabel(hmac, secret, "key", current.cipher.keyLength);
        byte[] fullIv = expandLabel(hmac, secret, "iv", 12);
        byte[] sequence = new byte[8];
        if (current.cipher.gcm()) {
            byte[] salt = Arrays.copyOfRange(fullIv, 0, 4);
            byte[] iv = Arrays.copyOfRange(fullIv, 4, 12);
            Arrays.fill(fullIv, (byte) 0);
            return new State(current.version, current.cipher, key, iv, salt, sequence, secret);
        }
        return new State(current.version, current.cipher, key, fullIv, null, sequence, secret);
    }

    /** HKDF-Expand-Label (RFC 8446 7.1) with an empty context: HKDF-Expand (RFC 5869 2.3) over the HkdfLabel. */
    static byte[] expandLabel(String hmac, byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[info.length - 1] = 0; // context: empty
        Mac mac = Mac.getInstance(hmac);
        SecretKeySpec prk = new SecretKeySpec(secret, hmac);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.init(prk);
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }
}

package org.zerocopy4j;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A TLS connection whose record layer the kernel runs (Linux kTLS), made by
 * {@link ZeroCopy#offloadTls(java.nio.channels.SocketChannel, javax.net.ssl.SSLEngine, ByteBuffer)}. A refused
 * offload ({@link TlsOffloadRefusedException}) makes none; on Linux its socket may keep the {@code tls} ULP without
 * keys (see that exception), which carries bytes as plain TCP.
 *
 * <p>The send direction always belongs to the kernel: plaintext written to the socket ({@code socket.write},
 * {@link ZeroCopy#sendfile} with headers and trailers, {@link ZeroCopy#splice}, a {@link ZeroCopy#relay} into the
 * socket) leaves as TLS application-data records, with no change to those calls. Read plaintext with
 * {@link #read(ByteBuffer)}, whichever side decrypts: when {@link #receives()} is true the kernel does, and splicing
 * or relaying out of the socket moves plaintext too, but stops with an error at a non-data record, so a reader that
 * can meet alerts or TLS 1.3 post-handshake messages should use {@link #read(ByteBuffer)}; when it is false (the
 * kernel lacks TLS_RX, or unread network bytes were handed over) {@link #read(ByteBuffer)} unwraps through the engine
 * given to the offload, those bytes first, and the socket carries ciphertext: never splice or relay out of it.
 *
 * <p>After the hand-off the application must not call the {@link javax.net.ssl.SSLEngine}'s {@code wrap} or
 * {@code unwrap} again: its write keys and sequence numbers now live in the kernel, and a record it made would reuse a
 * nonce; its receive side belongs to {@link #read(ByteBuffer)}. The application may still read its session
 * ({@code getSession()}: peer certificates, protocol, cipher suite, session values) and its parameters. Closing the
 * socket without {@link #close()} ends the connection without a close_notify.
 */
public interface TlsOffload extends Closeable {

    /**
     * Whether the kernel decrypts the receive direction too (TLS_RX installed). False when the kernel lacks it or the
     * application handed over unread network bytes; {@link #read(ByteBuffer)} then unwraps through the engine (so the
     * socket carries ciphertext: no splice or relay out of it).
     *
     * @return whether the kernel decrypts what the peer sends
     */
    boolean receives();

    /**
     * The protocol the connection runs.
     *
     * @return {@code "TLSv1.3"} or {@code "TLSv1.2"}
     */
    String protocol();

    /**
     * The cipher suite the connection runs, in the JDK's naming.
     *
     * @return the cipher suite, e.g. {@code "TLS_AES_128_GCM_SHA256"}
     */
    String cipherSuite();

    /**
     * Reads plaintext the peer sent: decrypted by the kernel when {@link #receives()}, else unwrapped by the engine
     * (application data only). Alerts, KeyUpdate and NewSessionTicket records are handled here and never returned as
     * data: a close_notify ends the stream (-1), a fatal alert throws, a NewSessionTicket is ignored. A KeyUpdate: with
     * the kernel decrypting, it rekeys where the kernel can (Linux 6.14+) or ends the connection (close_notify sent)
     * with a clear exception; through the engine, one without update_requested is followed, one that asks for an
     * answer (as does a TLS 1.2 renegotiation) ends the connection the same way, since the engine may no longer write.
     * A blocking socket waits; a non-blocking one returns 0 when nothing is ready.
     *
     * @param dst where the plaintext goes
     * @return the plaintext bytes read ({@code n > 0}), 0 when a non-blocking socket has nothing now, -1 after the
     *         peer's close_notify or the end of the stream
     * @throws IOException if the socket fails, the peer sent a fatal alert or a record that could not be decrypted,
     *         or a KeyUpdate (or renegotiation) that cannot be followed
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Sends close_notify through the kernel (a record of type alert, {@code TLS_SET_RECORD_TYPE}); the socket stays
     * open, and its owner closes it. A second call does nothing.
     *
     * @throws IOException if the socket fails while sending the alert
     */
    @Override
    void close() throws IOException;
}

package org.zerocopy4j;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A TLS connection whose record layer the kernel runs (Linux kTLS), made by
 * {@link ZeroCopy#offloadTls(java.nio.channels.SocketChannel, javax.net.ssl.SSLEngine, ByteBuffer)}.
 *
 * <p>The send direction always belongs to the kernel: plaintext written to the socket ({@code socket.write},
 * {@link ZeroCopy#sendfile} with headers and trailers, {@link ZeroCopy#splice}, a {@link ZeroCopy#relay} into the
 * socket) leaves as TLS application-data records, with no change to those calls. When {@link #receives()} is true the
 * kernel also decrypts: read plaintext with {@link #read(ByteBuffer)} (which handles the records that are not data);
 * splicing or relaying out of the socket then moves plaintext too, but stops with an error at a non-data record, so a
 * reader that can meet alerts or TLS 1.3 post-handshake messages should use {@link #read(ByteBuffer)}.
 *
 * <p>After the hand-off the {@link javax.net.ssl.SSLEngine} must not {@code wrap} or {@code unwrap} again: its keys
 * and sequence numbers now live in the kernel, and a record it made would reuse a nonce. The application may still
 * read its session ({@code getSession()}: peer certificates, protocol, cipher suite, session values) and its
 * parameters. Closing the socket without {@link #close()} ends the connection without a close_notify.
 */
public interface TlsOffload extends Closeable {

    /**
     * Whether the kernel decrypts the receive direction too (TLS_RX installed): {@link #read(ByteBuffer)} returns
     * plaintext. False when the kernel lacks it or the application handed over unread network bytes; then the
     * application keeps reading records itself and must not use {@link #read(ByteBuffer)}.
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
     * Reads plaintext the kernel decrypted. Alerts, KeyUpdate and NewSessionTicket records are handled here and never
     * returned as data: a close_notify ends the stream (-1), a fatal alert throws, a NewSessionTicket is ignored, a
     * KeyUpdate rekeys the receive direction where the kernel can or ends the connection with a clear exception.
     * A blocking socket waits; a non-blocking one returns 0 when nothing is ready.
     *
     * @param dst where the plaintext goes
     * @return the plaintext bytes read ({@code n > 0}), 0 when a non-blocking socket has nothing now, -1 after the
     *         peer's close_notify or the end of the stream
     * @throws IOException if the socket fails, the peer sent a fatal alert or a record the kernel could not decrypt,
     *         or a KeyUpdate the kernel cannot follow
     * @throws IllegalStateException if {@link #receives()} is false
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

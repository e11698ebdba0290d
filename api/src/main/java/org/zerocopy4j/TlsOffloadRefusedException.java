package org.zerocopy4j;

import java.io.IOException;

/**
 * {@link ZeroCopy#offloadTls} did not hand the connection to the kernel: no byte was sent, consumed or lost, the
 * {@link javax.net.ssl.SSLEngine} is unchanged and still usable, and the socket carries the same bytes as before.
 * {@link #condition()} says which condition failed (for every provider that was asked), e.g. "kernel has no tls ULP".
 *
 * <p>One thing may remain: on Linux, when the kernel took the {@code tls} ULP but refused the keys (e.g.
 * ChaCha20-Poly1305 before Linux 5.11), the socket keeps that ULP without keys, since a ULP cannot be removed. Such a
 * socket behaves as plain TCP (every byte passes unchanged; the application goes on with its engine), but a second
 * offload of that socket is refused, and the refusal says so.
 */
public final class TlsOffloadRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which condition failed. */
    private final String condition;

    /**
     * A refusal naming the failed condition.
     *
     * @param condition which condition failed; for more than one provider, each provider's reason
     */
    public TlsOffloadRefusedException(String condition) {
        super("TLS offload refused, no byte sent or consumed: " + condition);
        this.condition = condition;
    }

    /**
     * The failed condition, as the providers named it ("linux: kernel has no tls ULP (...); fallback: ...").
     *
     * @return the failed condition
     */
    public String condition() {
        return condition;
    }
}

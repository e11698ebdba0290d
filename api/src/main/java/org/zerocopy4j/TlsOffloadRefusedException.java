package org.zerocopy4j;

import java.io.IOException;

/**
 * {@link ZeroCopy#offloadTls} did not hand the connection to the kernel, and changed nothing: the socket carries the
 * same bytes as before, the {@link javax.net.ssl.SSLEngine} is still usable, and no byte was consumed or lost.
 * {@link #condition()} says which condition failed (for every provider that was asked), e.g. "kernel has no tls ULP".
 */
public final class TlsOffloadRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which condition failed. */
    private final String condition;

    /**
     * @param condition which condition failed; for more than one provider, each provider's reason
     */
    public TlsOffloadRefusedException(String condition) {
        super("TLS offload refused, nothing changed: " + condition);
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

package org.zerocopy4j.spi;

/**
 * Thrown by a provider's operation that it accepted but finds it cannot do, before any byte moved and before any
 * channel or argument changed (a socket its sendfile cannot write to, a filesystem pair its copy call refuses). The
 * façade then offers the same call to the next provider in selection order, so no provider needs to know another.
 * A provider that has moved bytes must return them as progress instead.
 */
public final class DeclinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A decline without a stack trace: it is control flow between providers, and the next provider's outcome is what
     * the caller sees.
     *
     * @param reason why this provider cannot do the call, for the message the user sees when no provider can
     */
    public DeclinedException(String reason) {
        super(reason, null, false, false);
    }
}

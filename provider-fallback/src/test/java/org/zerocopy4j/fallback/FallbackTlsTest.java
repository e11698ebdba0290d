package org.zerocopy4j.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.SocketChannel;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.Feature;
import org.zerocopy4j.TlsOffloadRefusedException;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;

/** The pure-Java provider has no kernel to hand TLS to: it declines with the reason, and the façade refuses. */
class FallbackTlsTest {

    @Test
    void theFallbackDeclinesTlsOffloadWithTheReason() throws Exception {
        FallbackProvider fallback = new FallbackProvider();
        assertEquals(Optional.of("no kernel TLS offload in the fallback provider"),
                fallback.tlsOffloadUnavailability());
        assertFalse(fallback.features().contains(Feature.TLS));
        try (SocketChannel socket = SocketChannel.open()) {
            DeclinedException e = assertThrows(DeclinedException.class,
                    () -> fallback.offloadTls(socket, SSLContext.getDefault().createSSLEngine(), null));
            assertEquals("no kernel TLS offload in the fallback provider", e.getMessage());
            TlsOffloadRefusedException refused = assertThrows(TlsOffloadRefusedException.class,
                    () -> ZeroCopy.using("fallback").offloadTls(socket, SSLContext.getDefault().createSSLEngine(),
                            null));
            assertEquals("fallback: no kernel TLS offload in the fallback provider", refused.condition());
        }
    }
}

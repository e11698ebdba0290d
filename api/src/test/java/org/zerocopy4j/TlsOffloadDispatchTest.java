package org.zerocopy4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

/** The façade's TLS offload: providers asked in order, declines collected into one refusal, Diagnostics' line. */
class TlsOffloadDispatchTest {

    /** A provider that offloads every connection, returning a fixed handle. */
    static final class Offloading extends FakeProviders.Fake {
        final TlsOffload handle = new TlsOffload() {
            @Override
            public boolean receives() {
                return false;
            }

            @Override
            public String protocol() {
                return "TLSv1.3";
            }

            @Override
            public String cipherSuite() {
                return "TLS_AES_128_GCM_SHA256";
            }

            @Override
            public int read(ByteBuffer dst) {
                throw new IllegalStateException();
            }

            @Override
            public void close() {
            }
        };

        Offloading(String name) {
            super(name, 100, null, (a, b) -> true);
        }

        @Override
        public TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound) {
            return handle;
        }

        @Override
        public Optional<String> tlsOffloadUnavailability() {
            return Optional.empty();
        }
    }

    /** A provider that declines with its own reason. */
    static final class Declining extends FakeProviders.Fake {
        Declining(String name) {
            super(name, 100, null, (a, b) -> true);
        }

        @Override
        public TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound) {
            throw new DeclinedException("kernel has no tls ULP");
        }

        @Override
        public Optional<String> tlsOffloadUnavailability() {
            return Optional.of("no tls ULP in this kernel");
        }
    }

    @Test
    void aDeclineHandsTheConnectionToTheNextProvider() throws Exception {
        Offloading second = new Offloading("second");
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(new Declining("first"), second));
        try (SocketChannel socket = SocketChannel.open()) {
            assertSame(second.handle, zc.offloadTls(socket, SSLContext.getDefault().createSSLEngine(), null));
        }
    }

    @Test
    void whenEveryProviderDeclinesTheRefusalNamesEachReason() throws Exception {
        FakeProviders.Fake plain = FakeProviders.Fake.available("plain", 0);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(new Declining("linux"), plain));
        try (SocketChannel socket = SocketChannel.open()) {
            TlsOffloadRefusedException e = assertThrows(TlsOffloadRefusedException.class,
                    () -> zc.offloadTls(socket, SSLContext.getDefault().createSSLEngine(), null));
            assertEquals("linux: kernel has no tls ULP; plain: no kernel TLS offload in the plain provider",
                    e.condition());
            assertTrue(e.getMessage().contains(e.condition()), e.getMessage());
        }
    }

    @Test
    void diagnosticsSaysWhetherTlsOffloadIsAvailableAndWhyNot() {
        FakeProviders.Fake plain = FakeProviders.Fake.available("plain", 0);
        assertEquals("unavailable: linux: no tls ULP in this kernel; plain: no kernel TLS offload in the plain provider",
                Diagnostics.tlsOffload(List.of(new Declining("linux"), plain)));
        assertEquals("available (kernel)", Diagnostics.tlsOffload(List.of(new Offloading("kernel"), plain)));
    }
}

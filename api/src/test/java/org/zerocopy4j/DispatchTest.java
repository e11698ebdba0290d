package org.zerocopy4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.FakeProviders.Fake;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

class DispatchTest {
    @TempDir
    Path dir;

    private FileChannel file() throws Exception {
        Path p = Files.createTempFile(dir, "d", ".bin");
        return FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Test
    void aDeclinedPairGoesToTheNextProviderInOrder() throws Exception {
        Fake picky = new Fake("picky", 100, null, (a, b) -> b instanceof FileChannel);
        Fake general = Fake.available("general", 0);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(picky, general));
        try (FileChannel in = file(); FileChannel out = file()) {
            WritableByteChannel stream = Channels.newChannel(new ByteArrayOutputStream());
            assertEquals(10, zc.sendfile(stream, in, 0, 10));
            assertEquals(10, zc.sendfile(out, in, 0, 10));
        }
        assertEquals(List.of("sendfile 0 10"), picky.calls);
        assertEquals(List.of("sendfile 0 10"), general.calls);
    }

    @Test
    void whenNobodyAcceptsTheMessageNamesBothClassesAndTheFallbackArtifact() throws Exception {
        Fake picky = new Fake("linux", 100, null, (a, b) -> false);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(picky));
        try (FileChannel in = file()) {
            WritableByteChannel stream = Channels.newChannel(new ByteArrayOutputStream());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> zc.sendfile(stream, in, 0, 10));
            assertTrue(e.getMessage().contains(in.getClass().getName()), e.getMessage());
            assertTrue(e.getMessage().contains(stream.getClass().getName()), e.getMessage());
            assertTrue(e.getMessage().contains("zerocopy4j-provider-fallback"), e.getMessage());
            assertTrue(e.getMessage().contains("tried: linux"), e.getMessage());
        }
    }

    /** A provider that accepts the pair, then finds it cannot do the call (a socket its sendfile cannot write to). */
    private static Fake declining(String name) {
        return new Fake(name, 100, null, (a, b) -> true) {
            @Override
            public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count,
                    SendfileOptions options) {
                calls.add("declined");
                throw new DeclinedException("sendfile(2) will not write to this socket");
            }
        };
    }

    @Test
    void aCallDeclinedAfterAcceptanceGoesToTheNextProvider() throws Exception {
        Fake bsd = declining("bsd");
        Fake general = Fake.available("fallback", 0);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(bsd, general));
        try (FileChannel in = file(); FileChannel out = file()) {
            assertEquals(10, zc.sendfile(out, in, 0, 10));
        }
        assertEquals(List.of("declined"), bsd.calls);
        assertEquals(List.of("sendfile 0 10"), general.calls);
    }

    @Test
    void aDeclinedCallWithNoProviderLeftNamesTheArtifactToAdd() throws Exception {
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(declining("bsd")));
        try (FileChannel in = file(); FileChannel out = file()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> zc.sendfile(out, in, 0, 10));
            assertTrue(e.getMessage().contains("zerocopy4j-provider-fallback"), e.getMessage());
            assertTrue(e.getMessage().contains("will not write to this socket"), e.getMessage());
            assertTrue(e.getCause() instanceof DeclinedException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnyProviderIsAsked() throws Exception {
        Fake p = Fake.available("p", 1);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(p));
        try (FileChannel in = file(); FileChannel out = file()) {
            assertEquals(0, zc.sendfile(out, in, 0, 0));
            assertEquals(0, zc.copyRange(in, 0, out, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> zc.copyRange(in, -5, out, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> zc.splice(in, 0, out, 0, -1));
            in.close();
            assertThrows(java.nio.channels.ClosedChannelException.class, () -> zc.copyRange(in, 0, out, 0, 1));
        }
        assertEquals(List.of(), p.calls, "no provider call for count 0 or bad arguments");
    }

    @Test
    void zeroCountWithPendingHeadersStillSendsThem() throws Exception {
        Fake p = Fake.available("p", 1);
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(p));
        SendfileOptions options = SendfileOptions.builder()
                .trailers(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        try (FileChannel in = file(); FileChannel out = file()) {
            zc.sendfile(out, in, 0, 0, options);
        }
        assertEquals(List.of("sendfile 0 0"), p.calls);
    }

    @Test
    void transferFullyLoopsToTheCountAndUsesTheOperationTheChannelsCallFor() throws Exception {
        Fake p = new Fake("p", 1, null, (a, b) -> true) {
            @Override
            public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) {
                calls.add("copyRange " + count);
                return Math.min(count, 4);
            }
        };
        Transfers zc = new Transfers(() -> List.<ZeroCopyProvider>of(p));
        try (FileChannel in = file(); FileChannel out = file()) {
            assertEquals(10, zc.transferFully(in, out, 10));
        }
        assertEquals(List.of("copyRange 10", "copyRange 6", "copyRange 2"), p.calls);
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/** Every error row of the API contract, against every provider, and that no byte moves when a call fails. */
@VirtualThreadsWhenAsked
class ErrorBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void nullArgumentsAreNamed(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "abc")); LoopbackPeer peer = LoopbackPeer.open()) {
            SocketChannel out = peer.sender();
            assertEquals("out", assertThrows(NullPointerException.class, () -> zc.sendfile(null, in, 0, 1)).getMessage());
            assertEquals("in", assertThrows(NullPointerException.class, () -> zc.sendfile(out, null, 0, 1)).getMessage());
            assertEquals("options", assertThrows(NullPointerException.class,
                    () -> zc.sendfile(out, in, 0, 1, null)).getMessage());
            assertThrows(NullPointerException.class, () -> zc.splice(null, out, 1));
            assertThrows(NullPointerException.class, () -> zc.splice(in, null, 1));
            assertThrows(NullPointerException.class, () -> zc.splice(in, out, 1, (SpliceFlag[]) null));
            assertThrows(NullPointerException.class, () -> zc.splice(in, out, 1, (SpliceFlag) null));
            assertThrows(NullPointerException.class, () -> zc.copyRange(null, 0, in, 0, 1));
            assertThrows(NullPointerException.class, () -> zc.transferFully(in, null, 1));
            assertThrows(NullPointerException.class, () -> zc.relay(null, out));
            assertThrows(NullPointerException.class, () -> zc.tee(null, null, 1));
            assertThrows(NullPointerException.class,
                    () -> SendfileOptions.builder().headers(ByteBuffer.allocate(1), null));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void badCountsAndOffsetsAreRefusedWithTheirName(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "abc")); LoopbackPeer peer = LoopbackPeer.open()) {
            SocketChannel out = peer.sender();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> zc.sendfile(out, in, 0, -1))
                    .getMessage().contains("count"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> zc.sendfile(out, in, -2, 1))
                    .getMessage().contains("offset"));
            IllegalArgumentException noPosition = assertThrows(IllegalArgumentException.class,
                    () -> zc.splice(in, 0, out, 5, 1));
            assertTrue(noPosition.getMessage().contains("outOffset") && noPosition.getMessage().contains("POSITION"),
                    noPosition.getMessage());
            assertThrows(IllegalArgumentException.class, () -> zc.copyRange(in, 0, in, -7, 1));
            assertEquals(0, in.position());
            assertEquals(0, peer.finish().length);
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closedChannelsAreReportedAsSuch(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        FileChannel closedFile = TestFiles.read(TestFiles.withText(dir, "abc"));
        closedFile.close();
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "abc")); LoopbackPeer peer = LoopbackPeer.open()) {
            assertThrows(ClosedChannelException.class, () -> zc.sendfile(peer.sender(), closedFile, 0, 3));
            SocketChannel closedSocket = SocketChannel.open();
            closedSocket.close();
            assertThrows(ClosedChannelException.class, () -> zc.sendfile(closedSocket, in, 0, 3));
            assertThrows(ClosedChannelException.class, () -> zc.copyRange(in, 0, closedFile, 0, 3));
            assertThrows(ClosedChannelException.class, () -> zc.relay(in, closedSocket));
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void writeOnlyInputIsNotReadableAndNothingIsSent(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path p = TestFiles.withText(dir, "secret");
        ByteBuffer header = ByteBuffer.wrap("HEADER".getBytes());
        SendfileOptions withHeader = SendfileOptions.builder().headers(header).build();
        try (FileChannel writeOnly = FileChannel.open(p, StandardOpenOption.WRITE); LoopbackPeer peer = LoopbackPeer.open();
                FileChannel target = TestFiles.write(dir.resolve("t"))) {
            assertThrows(NonReadableChannelException.class, () -> zc.sendfile(peer.sender(), writeOnly, 0, 6));
            assertThrows(NonReadableChannelException.class, () -> zc.sendfile(peer.sender(), writeOnly, 0, 6, withHeader));
            assertEquals(0, header.position(), "no header byte may leave before the input is known to be readable");
            assertThrows(NonReadableChannelException.class, () -> zc.copyRange(writeOnly, 0, target, 0, 6));
            assertThrows(NonReadableChannelException.class, () -> zc.splice(writeOnly, target, 6));
            assertEquals(0, peer.finish().length);
            assertEquals(0, target.size());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void readOnlyOutputIsNotWritableAndNothingIsConsumed(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path target = TestFiles.withText(dir, "");
        Pipe pipe = Pipe.open();
        try (FileChannel in = TestFiles.read(TestFiles.withText(dir, "payload")); FileChannel readOnly = TestFiles.read(target);
                Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            assertThrows(NonWritableChannelException.class, () -> zc.copyRange(in, 0, readOnly, 0, 7));
            assertThrows(NonWritableChannelException.class, () -> zc.sendfile(readOnly, in, 0, 7));
            sink.write(ByteBuffer.wrap("queued".getBytes()));
            assertThrows(NonWritableChannelException.class, () -> zc.splice(source, readOnly, 6));
            ByteBuffer still = ByteBuffer.allocate(6);
            while (still.hasRemaining()) {
                source.read(still);
            }
            assertEquals("queued", new String(still.array()), "the pipe's bytes must not be consumed by a failed call");
        }
        assertEquals(0, Files.size(target));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closedPeerIsAnOsErrorNamedWithErrnoForNativeProviders(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 8 << 20)); SocketPair pair = new SocketPair()) {
            pair.server.close();
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    zc.sendfile(pair.client, in, 0, 8 << 20);
                }
            });
            if (AvailableProviders.isNative(provider)) {
                NativeIOException n = assertInstanceOf(NativeIOException.class, e);
                assertTrue(Set.of("EPIPE", "ECONNRESET").contains(n.errnoName()), n.getMessage());
                assertTrue(n.getMessage().startsWith(n.call() + ": " + n.errnoName() + " ("), n.getMessage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void spliceBetweenNonPipesIntoANonBlockingSocketPointsToRelay(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (SocketPair a = new SocketPair(); SocketPair b = new SocketPair()) {
            b.client.configureBlocking(false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> zc.splice(a.server, b.client, 100));
            assertTrue(e.getMessage().contains("relay"), e.getMessage());
            IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                    () -> zc.transferFully(a.server, b.client, 100));
            assertTrue(full.getMessage().contains("non-blocking"), full.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void positionAdvancesOnlyByWhatMovedWhenTheCallFails(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        int size = 8 << 20;
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, size)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            SocketChannel out = peer.sender();
            out.configureBlocking(false);
            long sent = 0;
            long n;
            while ((n = zc.sendfile(out, in, ZeroCopy.POSITION, size)) > 0) {
                sent += n;
            }
            assertEquals(sent, in.position());
            peer.receiverEnd().close();
            out.configureBlocking(true);
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    zc.sendfile(out, in, ZeroCopy.POSITION, size);
                }
            });
            assertTrue(in.position() >= sent && in.position() <= size, "position " + in.position());
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void fileWrittenAtAnOffsetIsExactlyWhatWasSent(String provider) throws Exception {
        // A sendfile into a file at its position: also the way out for a socket-less test of "no duplicated bytes".
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("into-file");
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 100_000)); FileChannel out = TestFiles.write(target)) {
            long total = 0;
            long n;
            while ((n = zc.sendfile(out, in, total, 100_000 - total)) > 0) {
                total += n;
            }
            assertEquals(100_000, total);
        }
        assertArrayEquals(TestFiles.pattern(100_000, 0), Files.readAllBytes(target));
    }
}

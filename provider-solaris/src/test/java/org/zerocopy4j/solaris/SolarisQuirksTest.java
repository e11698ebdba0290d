package org.zerocopy4j.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.Peer;
import org.zerocopy4j.testkit.TestFiles;

/**
 * sendfilev quirks, each with a test that breaks when the provider stops handling it. On Linux they run through the
 * illumos shim, which reproduces each quirk (src/test/c/shim_solaris.c); on Solaris and illumos against the system.
 */
class SolarisQuirksTest {
    @TempDir
    Path dir;

    private final Transfers zc = ZeroCopy.using("solaris");

    @BeforeAll
    static void onSolarisOrThroughTheShim() {
        SolarisTesting.assumeServed();
    }

    @Test
    void offsetAtOrPastTheEndIsEndOfInputNotEinval() throws Exception {
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000)); Peer peer = new Peer(false)) {
            assertEquals(-1, zc.sendfile(peer.sender, in, 1000, 10));
            assertEquals(-1, zc.sendfile(peer.sender, in, 5000, 10));
            assertEquals(0, peer.finish().length);
        }
    }

    @Test
    void headersAndTrailersStillGoOutAroundAnEmptyRange() throws Exception {
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes()))
                .trailers(ByteBuffer.wrap("TAIL".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000)); Peer peer = new Peer(false)) {
            assertEquals(8, zc.sendfile(peer.sender, in, 1000, 10, options));
            assertEquals("HEADTAIL", new String(peer.finish()));
        }
    }

    @Test
    void xferredAfterEagainIsProgress() throws Exception {
        // sendfilev returns -1 with EAGAIN once the socket is full, and xferred holds what it wrote before that.
        int size = 16 << 20;
        byte[] data = TestFiles.pattern(size);
        try (FileChannel in = TestFiles.withBytes(dir, data); Peer peer = new Peer(true)) {
            peer.sender.configureBlocking(false);
            long offset = 0;
            long n;
            while ((n = zc.sendfile(peer.sender, in, offset, size - offset)) > 0) {
                offset += n;
            }
            assertEquals(0, n);
            assertTrue(offset > 0 && offset < size, "the socket buffers never filled: " + offset);
            peer.resume();
            try (Selector selector = Selector.open()) {
                peer.sender.register(selector, SelectionKey.OP_WRITE);
                while (offset < size) {
                    selector.select(100);
                    selector.selectedKeys().clear();
                    offset += zc.sendfile(peer.sender, in, offset, size - offset);
                }
            }
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void outMayBeARegularFile() throws Exception {
        byte[] data = TestFiles.pattern(100_000);
        Path target = dir.resolve("copy");
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, data);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertTrue(ZeroCopy.using("solaris").dispatchOrder().get(0).accepts(org.zerocopy4j.Feature.SENDFILE, in, out));
            assertEquals(4 + 100_000, zc.sendfile(out, in, 0, 100_000, options));
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("HEAD".getBytes());
        expected.writeBytes(data);
        assertArrayEquals(expected.toByteArray(), java.nio.file.Files.readAllBytes(target));
    }

    @Test
    void aCountPastTheEndSendsTheFileOnceAndTheTrailersOnce() throws Exception {
        // The file entry stops at the file's end (sendfilev fails with EINVAL past it): bytes after the file bytes
        // are the trailers, never more file bytes, so the trailers go out once.
        SendfileOptions options = SendfileOptions.builder().trailers(ByteBuffer.wrap("XYZ".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes()); Peer peer = new Peer(false)) {
            assertEquals(9, zc.sendfile(peer.sender, in, 0, 100, options));
            assertEquals("abcdefXYZ", new String(peer.finish()));
        }
        options = SendfileOptions.builder().trailers(ByteBuffer.wrap("XYZ".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes()); Peer peer = new Peer(false)) {
            assertEquals(9, zc.sendfile(peer.sender, in, ZeroCopy.POSITION, 100, options));
            assertEquals(6, in.position());
            assertEquals("abcdefXYZ", new String(peer.finish()));
        }
        Path target = dir.resolve("copy");
        options = SendfileOptions.builder().trailers(ByteBuffer.wrap("XYZ".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes());
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertEquals(9, zc.sendfile(out, in, ZeroCopy.POSITION, 100, options));
            assertEquals(6, in.position());
        }
        assertEquals("abcdefXYZ", new String(java.nio.file.Files.readAllBytes(target)));
    }

    @Test
    void aCountPastTheEndIsNotEinval() throws Exception {
        // sendfilev(3EXT), EINVAL: "sfv_len ... greater than the file size": the provider asks for the file's bytes.
        byte[] data = TestFiles.pattern(100_000);
        try (FileChannel in = TestFiles.withBytes(dir, data); Peer peer = new Peer(false)) {
            assertEquals(100_000, zc.sendfile(peer.sender, in, 0, 200_000));
            assertEquals(-1, zc.sendfile(peer.sender, in, 100_000, 200_000));
            assertArrayEquals(data, peer.finish());
        }
        try (FileChannel in = TestFiles.withBytes(dir, data); Peer peer = new Peer(false)) {
            assertEquals(100_000, zc.transferFully(in, peer.sender, Long.MAX_VALUE));
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void aUnixDomainSocketIsDeclinedBeforeAnyByteMoves() throws Exception {
        // illumos refuses a socket without SM_SENDFILESUPP (only TCP has it) with EOPNOTSUPP.
        Path address = dir.resolve("socket");
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000));
                java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel
                        .open(java.net.StandardProtocolFamily.UNIX)
                        .bind(java.net.UnixDomainSocketAddress.of(address));
                java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel
                        .open(java.net.UnixDomainSocketAddress.of(address));
                java.nio.channels.SocketChannel accepted = server.accept()) {
            org.junit.jupiter.api.Assertions.assertThrows(org.zerocopy4j.spi.DeclinedException.class,
                    () -> new SolarisProvider().sendfile(client, in, 0, 1000, options));
            assertEquals(4, options.headers().get(0).remaining(), "no header byte may move");
            client.close();
            assertEquals(-1, accepted.read(ByteBuffer.allocate(16)), "nothing may reach the peer");
        }
    }
}

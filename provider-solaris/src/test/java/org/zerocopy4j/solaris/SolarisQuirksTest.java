package org.zerocopy4j.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SendfileQuirkSuite;
import org.zerocopy4j.testkit.TestFiles;

/**
 * sendfilev quirks, each with a test that breaks when the provider stops handling it. On Linux they run through the
 * illumos shim, which reproduces each quirk (src/test/c/shim_solaris.c); on Solaris and illumos against the system.
 */
class SolarisQuirksTest extends SendfileQuirkSuite {
    SolarisQuirksTest() {
        super("solaris");
    }

    @BeforeAll
    static void onSolarisOrThroughTheShim() {
        SolarisTesting.assumeServed();
    }

    @Test
    void offsetAtOrPastTheEndIsEndOfInputNotEinval() throws Exception {
        assertOffsetAtOrPastTheEndIsEndOfInput(5000);
    }

    @Test
    void headersAndTrailersStillGoOutAroundAnEmptyRange() throws Exception {
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes()))
                .trailers(ByteBuffer.wrap("TAIL".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000)); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(8, zc.sendfile(peer.sender(), in, 1000, 10, options));
            assertEquals("HEADTAIL", new String(peer.finish()));
        }
    }

    @Test
    void xferredAfterEagainIsProgress() throws Exception {
        // sendfilev returns -1 with EAGAIN once the socket is full, and xferred holds what it wrote before that.
        assertProgressBeforeAFullSocketIsKept();
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
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes()); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(9, zc.sendfile(peer.sender(), in, 0, 100, options));
            assertEquals("abcdefXYZ", new String(peer.finish()));
        }
        options = SendfileOptions.builder().trailers(ByteBuffer.wrap("XYZ".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes()); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(9, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 100, options));
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
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(100_000, zc.sendfile(peer.sender(), in, 0, 200_000));
            assertEquals(-1, zc.sendfile(peer.sender(), in, 100_000, 200_000));
            assertArrayEquals(data, peer.finish());
        }
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(100_000, zc.transferFully(in, peer.sender(), Long.MAX_VALUE));
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void aUnixDomainSocketIsDeclinedBeforeAnyByteMoves() throws Exception {
        // illumos refuses a socket without SM_SENDFILESUPP (only TCP has it) with EOPNOTSUPP.
        assertUnixDomainSocketIsDeclinedBeforeAnyByteMoves(new SolarisProvider());
    }
}

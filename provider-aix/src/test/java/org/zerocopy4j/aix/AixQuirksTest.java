package org.zerocopy4j.aix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SendfileQuirkSuite;
import org.zerocopy4j.testkit.TestFiles;

/**
 * send_file quirks, each with a test that breaks when the provider stops handling it. On Linux they run through the
 * AIX shim, which returns 1 ("more to send") after every 64 KiB (src/test/c/shim_aix.c); on AIX against the system.
 */
class AixQuirksTest extends SendfileQuirkSuite {
    AixQuirksTest() {
        super("aix");
    }

    @BeforeAll
    static void onAixOrThroughTheShim() {
        AixTesting.assumeServed();
    }

    @Test
    void aSocketClosedByAnotherThreadDuringTheCallEndsItWithAsynchronousCloseException() throws Exception {
        // The JDK's close swaps the descriptor of a socket a thread is writing to for its pre-close marker; a
        // send_file made after that fails with an errno (EINVAL for a socket outside AF_INET), which is the close.
        assumeTrue(AixNative.LIBRARY.testLibrary() != null, "only the shim can hold a call until the close lands");
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(4096));
                LoopbackPeer peer = LoopbackPeer.open()) {
            ShimControl.holdNextSendFileUntilClosed();
            Thread closer = closeOnceHeld(ShimControl::holding, peer.sender());
            Exception e = assertThrows(Exception.class, () -> zc.sendfile(peer.sender(), in, 0, 4096));
            closer.join();
            assertInstanceOf(AsynchronousCloseException.class, e, "a close during the call, not: " + e);
        }
    }

    @Test
    void returnOfOneMeansCallAgainUntilEverythingIsSent() throws Exception {
        // A blocking request is complete only when send_file returns 0; stopping at 1 would cut it short.
        byte[] data = TestFiles.pattern(1 << 20);
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes()))
                .trailers(ByteBuffer.wrap("TAIL".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(4 + data.length + 4, zc.sendfile(peer.sender(), in, 0, data.length, options));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes("HEAD".getBytes());
            expected.writeBytes(data);
            expected.writeBytes("TAIL".getBytes());
            assertArrayEquals(expected.toByteArray(), peer.finish());
        }
    }

    @Test
    void bytesSentOnAFailedCallAreProgress() throws Exception {
        // A non-blocking send_file that fills the socket fails with EAGAIN, bytes_sent holding what it did send.
        assertProgressBeforeAFullSocketIsKept();
    }

    @Test
    void cacheFlagIsAcceptedACountPastTheEndIsNotEinvalAndEndOfFileIsMinusOne() throws Exception {
        // A count past the end of the file is EINVAL to send_file: the provider asks for the file's bytes only.
        byte[] data = TestFiles.pattern(200_000);
        SendfileOptions options = SendfileOptions.builder().flags(SendfileFlag.NOCACHE).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(data.length, zc.sendfile(peer.sender(), in, 0, data.length + 1000L, options));
            assertEquals(-1, zc.sendfile(peer.sender(), in, data.length, 10, options));
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void syncIsRefusedForSfSyncCacheIsNoSuchWait() throws Exception {
        SendfileOptions options = SendfileOptions.builder().flags(SendfileFlag.SYNC).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000)); LoopbackPeer peer = LoopbackPeer.open()) {
            org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                    () -> zc.sendfile(peer.sender(), in, 0, 1000, options));
            assertEquals(0, peer.finish().length);
        }
    }

    @Test
    void aCountPastTheEndSendsTheTrailersOnceAfterTheFile() throws Exception {
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("H".getBytes()))
                .trailers(ByteBuffer.wrap("XYZ".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdef".getBytes()); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(10, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, 100, options));
            assertEquals(6, in.position());
            assertEquals("HabcdefXYZ", new String(peer.finish()));
        }
    }

    @Test
    void aUnixDomainSocketIsDeclinedBeforeAnyByteMoves() throws Exception {
        assertUnixDomainSocketIsDeclinedBeforeAnyByteMoves(new AixProvider());
    }

    @Test
    void aFileTruncatedDuringTheTransferEndsItWithTheTrailers() throws Exception {
        // The next send_file of the transfer fails with EINVAL (its range now passes the end of the file): that is
        // end of file, and the trailers still follow the file bytes that went.
        int size = 8 << 20;
        byte[] data = TestFiles.pattern(size);
        SendfileOptions options = SendfileOptions.builder().trailers(ByteBuffer.wrap("TRAILER".getBytes())).build();
        java.nio.file.Path file = dir.resolve("log");
        java.nio.file.Files.write(file, data);
        try (FileChannel in = FileChannel.open(file); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            Thread truncater = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    try (FileChannel w = FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                        w.truncate(1 << 20);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    peer.resumeReading();
                }
            });
            truncater.start();
            long n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size, options);
            truncater.join();
            long position = in.position();
            byte[] received = peer.finish();
            assertEquals(received.length, n);
            assertEquals(position + 7, n, "the file bytes that went, then the trailers");
            assertEquals("TRAILER", new String(java.util.Arrays.copyOfRange(received, (int) position, received.length)));
            assertArrayEquals(java.util.Arrays.copyOf(data, (int) position),
                    java.util.Arrays.copyOf(received, (int) position));
        }
    }
}

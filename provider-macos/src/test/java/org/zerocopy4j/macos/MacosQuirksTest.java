package org.zerocopy4j.macos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SendfileQuirkSuite;
import org.zerocopy4j.testkit.TestFiles;

/**
 * Darwin sendfile(2) quirks, each with a test that breaks when the provider stops handling it. On Linux they run
 * through the Darwin shim, which reproduces each quirk (see src/test/c/shim_macos.c); on macOS against the kernel.
 */
class MacosQuirksTest extends SendfileQuirkSuite {
    MacosQuirksTest() {
        super("macos");
    }

    @BeforeAll
    static void onMacosOrThroughTheShim() {
        MacosTesting.assumeServed();
    }

    @Test
    void headersAndTrailersAroundTheFileAllArrive() throws Exception {
        // One call with both may carry no file data on Darwin: the trailers must go in a second step.
        byte[] data = TestFiles.pattern(10_000);
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes()))
                .trailers(ByteBuffer.wrap("TAIL".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(4 + 10_000 + 4, zc.sendfile(peer.sender(), in, 0, 10_000, options));
            assertArrayEquals(concat("HEAD".getBytes(), data, "TAIL".getBytes()), peer.finish());
        }
    }

    @Test
    void lenCountsTheHeaderBytes() throws Exception {
        // len covers headers + file bytes: a len of only the file count would cut the file short by the headers.
        byte[] data = TestFiles.pattern(8192);
        byte[] header = new byte[768];
        Arrays.fill(header, (byte) 'h');
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap(header)).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(768 + 4096, zc.sendfile(peer.sender(), in, 0, 4096, options));
            assertArrayEquals(concat(header, Arrays.copyOf(data, 4096)), peer.finish());
        }
    }

    @Test
    void trailerBytesAreNotCountedIntoLen() throws Exception {
        // bpo-33871: trailer lengths added to len make Darwin send that many more file bytes.
        SendfileOptions options = SendfileOptions.builder().trailers(ByteBuffer.wrap("123456789".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, "abcdefghijklmnop".getBytes()); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(5 + 9, zc.sendfile(peer.sender(), in, 0, 5, options));
            assertEquals("abcde123456789", new String(peer.finish()));
        }
    }

    @Test
    void zeroFileBytesWithHeadersNeverBecomesToEndOfFile() throws Exception {
        // len 0 means "whole file" to Darwin: a header-only request must not send any file byte.
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("only".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(5000)); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(4, zc.sendfile(peer.sender(), in, 0, 0, options));
            assertEquals("only", new String(peer.finish()));
        }
    }

    @Test
    void eintrAfterPartialProgressReturnsThatProgress() throws Exception {
        // A signal during a blocking sendfile that already sent bytes: -1/EINTR with the progress in *len.
        assumeTrue(MacosNative.LIBRARY.testLibrary() != null, "only the shim can aim a signal at one call");
        int size = 1 << 20;
        byte[] data = TestFiles.pattern(size);
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            ShimControl.interruptNextSendfileAfter(4096);
            long n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size,
                    SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes())).build());
            assertEquals(4 + 4096, n, "the header and the file bytes sent before the signal");
            assertEquals(4096, in.position(), "the position moves by the file bytes sent");
            assertEquals(size - 4096, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size - 4096));
            assertArrayEquals(concat("HEAD".getBytes(), data, new byte[0]), peer.finish());
        }
    }

    @Test
    void eagainAfterPartialProgressReturnsThatProgress() throws Exception {
        // A non-blocking Darwin sendfile that fills the socket fails with EAGAIN and the bytes it did send in len:
        // treating that as "nothing sent" resends them (pypy #3963), dropping it loses them.
        assertProgressBeforeAFullSocketIsKept();
    }

    @Test
    void offsetAtOrPastTheEndIsEndOfInput() throws Exception {
        assertOffsetAtOrPastTheEndIsEndOfInput(4000);
    }

    @Test
    void headersStayWholeOnASocketAVirtualThreadHasUsed() throws Exception {
        // JDK 21+: once a virtual thread has used a blocking SocketChannel its descriptor stays non-blocking, so a
        // platform thread's header write inside Darwin's call can be short, and xnu then adds the short count to
        // sbytes and goes on with the file (uipc_syscalls.c): file bytes inside the headers, more file bytes than
        // asked for. The headers must go out whole before any file byte.
        byte[] data = TestFiles.pattern(1 << 20);
        byte[] header = new byte[60_000];
        Arrays.fill(header, (byte) 'h');
        byte[] first = "v".getBytes();
        int responses = 20;
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            // A send buffer smaller than the header: a non-blocking header write is always short.
            peer.sender().setOption(java.net.StandardSocketOptions.SO_SNDBUF, 16 * 1024);
            // One write from a virtual thread: the JDK makes the descriptor non-blocking, and leaves it so.
            Thread virtual = startVirtual(() -> {
                try {
                    peer.sender().write(ByteBuffer.wrap(first));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            virtual.join();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(first);
            long[] counts = new long[responses];
            for (int i = 0; i < responses; i++) {
                SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap(header)).build();
                counts[i] = zc.sendfile(peer.sender(), in, 0, 100, options);
                expected.writeBytes(header);
                expected.write(data, 0, 100);
            }
            byte[] received = peer.finish();
            byte[] want = expected.toByteArray();
            assertEquals(-1, Arrays.mismatch(want, received), "first wrong byte (" + want.length + " expected, "
                    + received.length + " received)");
            for (int i = 0; i < responses; i++) {
                assertEquals(header.length + 100, counts[i], "response " + i);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SendfileQuirkSuite;
import org.zerocopy4j.testkit.TestFiles;

/**
 * FreeBSD sendfile(2) quirks, each with a test that breaks when the provider stops handling it. On Linux they run
 * through the FreeBSD shim, which reproduces each quirk (src/test/c/shim_bsd.c); on FreeBSD against the kernel.
 */
class BsdQuirksTest extends SendfileQuirkSuite {
    BsdQuirksTest() {
        super("bsd");
    }

    @BeforeAll
    static void onBsdOrThroughTheShim() {
        BsdTesting.assumeServed();
    }

    @Test
    void ebusyUnderNodiskioWithProgressReturnsThatProgress() throws Exception {
        // SF_NODISKIO stops at the first page not in memory with EBUSY and sbytes > 0: those bytes were sent.
        int size = 1 << 20;
        byte[] data = TestFiles.pattern(size);
        SendfileOptions nodiskio = SendfileOptions.builder().flags(SendfileFlag.NODISKIO).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            long offset = 0;
            int calls = 0;
            while (offset < size) {
                long n = zc.sendfile(peer.sender(), in, offset, size - offset, nodiskio);
                assertTrue(n > 0, "NODISKIO call " + calls + " at " + offset + " returned " + n);
                offset += n;
                calls++;
            }
            assertEquals(size, offset);
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void eintrWithProgressReturnsThatProgress() throws Exception {
        // A signal during a blocking sendfile that already sent bytes: -1/EINTR with sbytes > 0 (pysendfile #4).
        assumeTrue(BsdNative.LIBRARY.testLibrary() != null, "only the shim can aim a signal at one call");
        int size = 1 << 20;
        byte[] data = TestFiles.pattern(size);
        ByteBuffer header = ByteBuffer.wrap(TestFiles.pattern(100));
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            ShimControl.interruptNextSendfileAfter(4096);
            long n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size,
                    SendfileOptions.builder().headers(header).build());
            assertEquals(100 + 4096, n, "the header and the file bytes sent before the signal");
            assertEquals(4096, in.position(), "the position moves by the file bytes sent");
            assertEquals(0, header.remaining(), "the header went out");
            assertEquals(size - 4096, zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, size - 4096));
            byte[] expected = new byte[100 + size];
            System.arraycopy(TestFiles.pattern(100), 0, expected, 0, 100);
            System.arraycopy(data, 0, expected, 100, size);
            assertArrayEquals(expected, peer.finish());
        }
    }

    @Test
    void aSocketClosedByAnotherThreadDuringTheCallEndsItWithAsynchronousCloseException() throws Exception {
        // The JDK's close swaps the descriptor of a socket a thread is writing to for its pre-close marker; a
        // sendfile made after that fails with an errno (EPIPE or ENOTCONN), which is the close, as the JDK reports.
        assumeTrue(BsdNative.LIBRARY.testLibrary() != null, "only the shim can hold a call until the close lands");
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(4096));
                LoopbackPeer peer = LoopbackPeer.open()) {
            ShimControl.holdNextSendfileUntilClosed();
            Thread closer = closeOnceHeld(ShimControl::holding, peer.sender());
            Exception e = assertThrows(Exception.class, () -> zc.sendfile(peer.sender(), in, 0, 4096));
            closer.join();
            assertInstanceOf(AsynchronousCloseException.class, e, "a close during the call, not: " + e);
        }
    }

    /**
     * Headers written before the call (more than one vector holds) are on the wire when a close fails the call: the
     * request returns them, as the JDK's own write does with bytes it moved, and the next call reports the close.
     */
    @Test
    void headersSentBeforeACloseThatFailsTheCallAreReturned() throws Exception {
        assumeTrue(BsdNative.LIBRARY.testLibrary() != null, "only the shim can hold a call until the close lands");
        List<ByteBuffer> headers = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // more than one vector's 64 entries: written before the call
            headers.add(ByteBuffer.wrap(new byte[10]));
        }
        long headerBytes = 10L * headers.size();
        SendfileOptions options = SendfileOptions.builder().headers(headers.toArray(new ByteBuffer[0])).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(4096));
                LoopbackPeer peer = LoopbackPeer.open()) {
            ShimControl.holdNextSendfileUntilClosed();
            Thread closer = closeOnceHeld(ShimControl::holding, peer.sender());
            long n = zc.sendfile(peer.sender(), in, 0, 4096, options);
            closer.join();
            assertEquals(headerBytes, n, "the headers that went out before the close");
            assertEquals(headerBytes, peer.finish().length);
            assertThrows(ClosedChannelException.class, () -> zc.sendfile(peer.sender(), in, 0, 4096, options));
        }
    }

    @Test
    void eagainWithProgressReturnsThatProgress() throws Exception {
        assertProgressBeforeAFullSocketIsKept();
    }

    @Test
    void headersFileAndTrailersInOneCallAreCountedBySbytes() throws Exception {
        byte[] data = TestFiles.pattern(10_000);
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes()))
                .trailers(ByteBuffer.wrap("TAIL".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(4 + 6000 + 4, zc.sendfile(peer.sender(), in, 0, 6000, options));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes("HEAD".getBytes());
            expected.write(data, 0, 6000);
            expected.writeBytes("TAIL".getBytes());
            assertArrayEquals(expected.toByteArray(), peer.finish());
        }
    }

    @Test
    void noFileBytesNeverBecomesNbytesZero() throws Exception {
        // nbytes 0 means "to end of file": a header-only request must not send any file byte.
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("only".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(5000)); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(4, zc.sendfile(peer.sender(), in, 0, 0, options));
            assertEquals("only", new String(peer.finish()));
        }
    }

    @Test
    void hintFlagsAndSyncAreAccepted() throws Exception {
        byte[] data = TestFiles.pattern(100_000);
        SendfileOptions options = SendfileOptions.builder()
                .flags(SendfileFlag.SYNC, SendfileFlag.NOCACHE, SendfileFlag.MNOWAIT).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
            long sent = 0;
            while (sent < data.length) {
                sent += zc.sendfile(peer.sender(), in, sent, data.length - sent, options);
            }
            assertArrayEquals(data, peer.finish());
        }
    }

    @Test
    void headersAndTrailersAtTheEndOfTheFileAllArrive() throws Exception {
        // kern_sendfile.c sends the headers only while file bytes remain: at (or past) the end of the file the call
        // would return 0 with no header on the wire, and the trailers alone after it.
        byte[] data = TestFiles.pattern(1000);
        for (long offset : new long[] {1000, 5000}) {
            SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEADER".getBytes()))
                    .trailers(ByteBuffer.wrap("T".getBytes())).build();
            try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.open()) {
                assertEquals(7, zc.sendfile(peer.sender(), in, offset, 4096, options));
                assertEquals("HEADERT", new String(peer.finish()));
            }
        }
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEADER".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, new byte[0]); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(6, zc.sendfile(peer.sender(), in, 0, 4096, options));
            assertEquals("HEADER", new String(peer.finish()));
        }
    }

    @Test
    void nodiskioOnABlockingChannelNeverReturnsZeroForAFullSocket() throws Exception {
        // A virtual thread's blocking channel has an O_NONBLOCK descriptor (JDK 21+): a full socket gives EAGAIN, and
        // a blocking channel must wait for room rather than return 0 (0 is NODISKIO's "not in memory" only).
        byte[] data = TestFiles.pattern(32 * 1024);
        SendfileOptions nodiskio = SendfileOptions.builder().flags(SendfileFlag.NODISKIO).build();
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            java.util.concurrent.atomic.AtomicLong result = new java.util.concurrent.atomic.AtomicLong(-2);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            // One write from a virtual thread: the JDK makes the descriptor non-blocking, and leaves it so.
            startVirtual(() -> {
                try {
                    peer.sender().write(ByteBuffer.wrap(new byte[] {1}));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }).join();
            expected.write(1);
            peer.sender().configureBlocking(false);
            // Fill until not even one byte fits 50 ms later (the kernel frees room as data moves into the peer's
            // receive buffer until its window closes).
            ByteBuffer fill = ByteBuffer.wrap(new byte[1 << 20]);
            while (true) {
                while (peer.sender().write(fill) > 0) {
                    if (!fill.hasRemaining()) {
                        expected.write(fill.array(), 0, fill.position());
                        fill.clear();
                    }
                }
                expected.write(fill.array(), 0, fill.position());
                fill.clear();
                Thread.sleep(50);
                if (peer.sender().write(ByteBuffer.wrap(new byte[1])) == 0) {
                    break;
                }
                expected.write(0);
            }
            peer.sender().configureBlocking(true);
            Thread sender = startVirtual(() -> {
                try {
                    result.set(zc.sendfile(peer.sender(), in, 0, data.length, nodiskio));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            Thread.sleep(300);
            peer.resumeReading();
            sender.join();
            assertEquals(null, failure.get());
            long n = result.get();
            assertTrue(n > 0, "a blocking channel returned " + n + " for a full socket");
            expected.write(data, 0, (int) n);
            assertArrayEquals(expected.toByteArray(), peer.finish());
        }
    }
}

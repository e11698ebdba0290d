package org.zerocopy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * What every POSIX provider's sendfile quirk test checks in the same way: each OS's quirk test (BSD, macOS, Solaris,
 * AIX) subclasses this, keeps its own tests, names and comments (the quirk is the OS's), and calls the shared checks.
 * Runs on the provider's OS, or on Linux through its OS shim.
 */
public abstract class SendfileQuirkSuite {
    @TempDir
    protected Path dir;

    /** The façade with only the provider under test. */
    protected final Transfers zc;

    protected SendfileQuirkSuite(String provider) {
        zc = ZeroCopy.using(provider);
    }

    /**
     * A non-blocking sendfile into a socket whose peer holds back its reads: the calls' progress up to the full
     * socket (a failed call that had sent bytes reports them) is kept, the next call returns 0, and once the peer
     * reads, the rest follows with no byte lost or sent twice.
     */
    protected void assertProgressBeforeAFullSocketIsKept() throws Exception {
        int size = 16 << 20;
        byte[] data = TestFiles.pattern(size);
        try (FileChannel in = TestFiles.withBytes(dir, data); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            peer.sender().configureBlocking(false);
            long offset = 0;
            long n;
            while ((n = zc.sendfile(peer.sender(), in, offset, size - offset)) > 0) {
                offset += n;
            }
            assertEquals(0, n);
            assertTrue(offset > 0 && offset < size, "the socket buffers never filled: " + offset);
            peer.resumeReading();
            try (Selector selector = Selector.open()) {
                peer.sender().register(selector, SelectionKey.OP_WRITE);
                while (offset < size) {
                    selector.select(100);
                    selector.selectedKeys().clear();
                    offset += zc.sendfile(peer.sender(), in, offset, size - offset);
                }
            }
            assertArrayEquals(data, peer.finish());
        }
    }

    /** A Unix domain socket, which the OS's sendfile refuses, is declined before any header byte moves. */
    protected void assertUnixDomainSocketIsDeclinedBeforeAnyByteMoves(ZeroCopyProvider provider) throws Exception {
        Path address = dir.resolve("socket");
        SendfileOptions options = SendfileOptions.builder().headers(ByteBuffer.wrap("HEAD".getBytes())).build();
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000));
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                        .bind(UnixDomainSocketAddress.of(address));
                SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(address));
                SocketChannel accepted = server.accept()) {
            assertThrows(DeclinedException.class, () -> provider.sendfile(client, in, 0, 1000, options));
            assertEquals(4, options.headers().get(0).remaining(), "no header byte may move");
            client.close();
            assertEquals(-1, accepted.read(ByteBuffer.allocate(16)), "nothing may reach the peer");
        }
    }

    /** An offset at the end of a 1000-byte file, or at {@code pastTheEnd}, is end of input (-1), and sends nothing. */
    protected void assertOffsetAtOrPastTheEndIsEndOfInput(long pastTheEnd) throws Exception {
        try (FileChannel in = TestFiles.withBytes(dir, TestFiles.pattern(1000)); LoopbackPeer peer = LoopbackPeer.open()) {
            assertEquals(-1, zc.sendfile(peer.sender(), in, 1000, 10));
            assertEquals(-1, zc.sendfile(peer.sender(), in, pastTheEnd, 10));
            assertEquals(0, peer.finish().length);
        }
    }

    /**
     * Starts {@code body} on a new virtual thread (JDK 21+, found by reflection: the tests compile for 17); skips the
     * test on a JDK without them.
     */
    protected static Thread startVirtual(Runnable body) throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "no virtual threads before JDK 21");
            return null;
        }
        Object builder = ofVirtual.invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, body);
    }

    /**
     * Starts a thread that closes {@code channel} once {@code holding} says the shim holds the next system call (the
     * JDK's close then swaps the descriptor under it, and the call fails with the errno that close leaves); join it
     * after the call.
     */
    protected static Thread closeOnceHeld(BooleanSupplier holding, Channel channel) {
        Thread closer = new Thread(() -> {
            try {
                while (!holding.getAsBoolean()) {
                    Thread.sleep(1);
                }
                channel.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();
        return closer;
    }
}

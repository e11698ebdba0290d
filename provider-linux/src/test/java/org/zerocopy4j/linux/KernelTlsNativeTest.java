package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.Errno;

/**
 * The kTLS natives' own layouts, checked where no tls ULP exists: on a plain TCP socket the kernel ignores a SOL_TLS
 * control message on send and gives none on receive, so the bytes and the msghdr/iovec/cmsg buffers are what is
 * checked; setsockopt(SOL_TLS) is refused by TCP; a key or IV of the wrong length is refused before any call.
 */
class KernelTlsNativeTest {

    @Test
    void sendAndReceiveWithRecordTypesMoveTheBytesOfAPlainSocket() throws Exception {
        SocketChannel[] pair = Fixtures.socketPair();
        try (SocketChannel a = pair[0]; SocketChannel b = pair[1];
                ChannelCall out = ChannelCall.of(LinuxNative.IO, null, null, a, ChannelKind.SOCKET).open();
                ChannelCall in = ChannelCall.of(LinuxNative.IO, b, ChannelKind.SOCKET, null, null).open()) {
            byte[] text = "a record's plaintext".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer send = ByteBuffer.allocateDirect(64);
            send.position(7);
            send.put(text);
            assertEquals(text.length, LinuxNative.tlsSend(out.outFd(), 23, send, 7, text.length, 0));
            ByteBuffer receive = ByteBuffer.allocateDirect(64);
            int[] type = {99};
            long n = LinuxNative.tlsReceive(in.inFd(), receive, 3, 40, 0, type);
            assertEquals(text.length, n);
            assertEquals(-1, type[0], "no TLS_GET_RECORD_TYPE message without kTLS");
            byte[] got = new byte[text.length];
            receive.position(3);
            receive.get(got);
            assertArrayEquals(text, got);
            assertEquals(-Errno.EINVAL, LinuxNative.tlsSend(out.outFd(), 23, send, 60, 10, 0), "past the buffer");
            assertEquals(-Errno.EINVAL, LinuxNative.tlsReceive(in.inFd(), ByteBuffer.allocate(8), 0, 8, 0, type),
                    "a heap buffer");
        }
    }

    @Test
    void cryptoInfoOfTheWrongShapeIsRefusedBeforeTheCallAndPlainTcpRefusesSolTls() throws Exception {
        SocketChannel[] pair = Fixtures.socketPair();
        try (SocketChannel a = pair[0]; SocketChannel b = pair[1];
                ChannelCall out = ChannelCall.of(LinuxNative.IO, null, null, a, ChannelKind.SOCKET).open()) {
            int fd = out.outFd();
            byte[] seq = new byte[8];
            assertEquals(-Errno.EINVAL, LinuxNative.tlsCrypto(fd, LinuxNative.TLS_TX, LinuxNative.TLS_1_3,
                    LinuxNative.TLS_AES_GCM_128, new byte[32], new byte[8], new byte[4], seq), "a 32-byte AES-128 key");
            assertEquals(-Errno.EINVAL, LinuxNative.tlsCrypto(fd, LinuxNative.TLS_TX, LinuxNative.TLS_1_3,
                    LinuxNative.TLS_CHACHA20_POLY1305, new byte[32], new byte[12], new byte[4], seq),
                    "a salt for ChaCha20");
            assertEquals(-Errno.EINVAL, LinuxNative.tlsCrypto(fd, LinuxNative.TLS_TX, LinuxNative.TLS_1_3, 53,
                    new byte[16], new byte[8], new byte[4], seq), "AES-CCM is not offered");
            // The right shape reaches the kernel, which refuses SOL_TLS on a socket without the tls ULP.
            assertEquals(-Errno.ENOPROTOOPT, LinuxNative.tlsCrypto(fd, LinuxNative.TLS_TX, LinuxNative.TLS_1_3,
                    LinuxNative.TLS_AES_GCM_256, new byte[32], new byte[8], new byte[4], seq));
        }
    }

    /** The call TLS_RX is installed under holds the socket's read side as well as its write side. */
    @Test
    void theReceiveKeyCallHoldsBothSidesOfTheSocket() throws Exception {
        SocketChannel[] pair = Fixtures.socketPair();
        try (SocketChannel a = pair[0]; SocketChannel b = pair[1]) {
            b.write(ByteBuffer.wrap(new byte[] {42}));
            java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
            Thread reader;
            Thread writer;
            try (ChannelCall call = KernelTls.bothSides(a)) {
                reader = new Thread(() -> {
                    try {
                        if (a.read(ByteBuffer.allocate(1)) == 1) {
                            read.countDown();
                        }
                    } catch (java.io.IOException e) {
                        // the latch stays up: the assertion below says so
                    }
                });
                writer = new Thread(() -> {
                    try {
                        if (a.write(ByteBuffer.wrap(new byte[] {7})) == 1) {
                            written.countDown();
                        }
                    } catch (java.io.IOException e) {
                        // the latch stays up: the assertion below says so
                    }
                });
                reader.start();
                writer.start();
                org.junit.jupiter.api.Assertions.assertFalse(read.await(300,
                        java.util.concurrent.TimeUnit.MILLISECONDS), "a socket.read waits while the call holds the"
                        + " read side");
                org.junit.jupiter.api.Assertions.assertFalse(written.await(10,
                        java.util.concurrent.TimeUnit.MILLISECONDS), "a socket.write waits while the call holds the"
                        + " write side");
            }
            org.junit.jupiter.api.Assertions.assertTrue(read.await(10, java.util.concurrent.TimeUnit.SECONDS),
                    "the read goes on after the call");
            org.junit.jupiter.api.Assertions.assertTrue(written.await(10, java.util.concurrent.TimeUnit.SECONDS),
                    "the write goes on after the call");
            reader.join();
            writer.join();
        }
    }
}

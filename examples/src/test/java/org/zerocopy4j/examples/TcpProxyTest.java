package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy with iperf3 and socat on the far ends. */
class TcpProxyTest {
    private static final long CHUNK = 1 << 20;

    @ParameterizedTest(name = "buffer mode {0}, virtual threads {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void iperf3ThroughTheProxyDeliversEveryByte(boolean buffer, boolean virtual) throws Exception {
        assumeTrue(!virtual || Threads.virtualAvailable(), "virtual threads need JDK 21+");
        Clients.require("iperf3");
        int backendPort = freePort();
        Process server = Clients.start(List.of("iperf3", "-s", "-1", "-B", "127.0.0.1", "-p",
                String.valueOf(backendPort)));
        try (TcpProxy proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", backendPort), buffer, virtual)) {
            Clients.Result r = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                // iperf3 -s needs a moment to listen; the proxy then cannot reach it and closes the client.
                r = Clients.run(30, List.of("iperf3", "-c", "127.0.0.1", "-p",
                        String.valueOf(proxy.address().getPort()), "-t", "2", "-J"));
                if (r.exit() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(0, r.exit(), r.out() + r.err());
            long sent = bytes(r.out(), "sum_sent");
            long received = bytes(r.out(), "sum_received");
            assertTrue(sent > 0, r.out());
            // iperf3 (3.12) stops counting at the receiver when the end of the test arrives on its control
            // connection, so what is still in flight is never counted, without a proxy too. The counts must agree
            // up to what the kernel's buffers on the path can hold: two sockets each way plus the relay's pipe.
            assertTrue(received <= sent, "received " + received + " > sent " + sent);
            long inFlight = 2 * (maxBuffer("tcp_wmem") + maxBuffer("tcp_rmem")) + CHUNK;
            assertTrue(sent - received <= inFlight, "sent " + sent + ", received " + received
                    + ": more missing than the path's buffers hold (" + inFlight + ")");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** socat sends a file, half-closes; the backend answers only after its end of input, through the proxy. */
    @ParameterizedTest(name = "buffer mode {0}")
    @ValueSource(booleans = {false, true})
    void halfCloseIsPassedOnBothWays(boolean buffer) throws Exception {
        Clients.require("socat");
        Path payload = Scratch.random(Files.createTempFile(Scratch.dir(), "half-", ".bin"), 16_000_000, 7);
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                TcpProxy proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", backend.getLocalPort()), buffer, false)) {
            Thread answer = new Thread(() -> digestThenAnswer(backend));
            answer.start();
            // -t 10: after its input ends, socat half-closes and waits up to 10 s for the answer.
            Clients.Result r = Clients.run(30, List.of("socat", "-t", "10", "-",
                    "TCP:127.0.0.1:" + proxy.address().getPort()), payload);
            answer.join(10_000);
            assertEquals(0, r.exit(), r.err());
            assertEquals("sha256 " + Scratch.sha256(payload) + "\n", r.out());
        } finally {
            Files.delete(payload);
        }
    }

    /**
     * More connections than carriers, each direction a relay on a virtual thread: a relay waiting for its input must
     * park, not hold its carrier, or the other connections stop. 256 connections, 1 MiB each way, byte-exact.
     */
    @Test
    void aVirtualThreadProxyCarriesManyMoreConnectionsThanCores() throws Exception {
        assumeTrue(Threads.virtualAvailable(), "virtual threads need JDK 21+");
        int connections = 256;
        byte[] payload = new byte[1 << 20];
        new java.util.Random(13).nextBytes(payload);
        Threads vt = Threads.of(true);
        try (ServerSocketChannel echo = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1024);
                TcpProxy proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0),
                        (InetSocketAddress) echo.getLocalAddress(), false, true)) {
            vt.start("echo-accept", () -> echoEverything(echo, vt));
            InetSocketAddress address = proxy.address();
            List<CompletableFuture<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                CompletableFuture<byte[]> answer = new CompletableFuture<>();
                answers.add(answer);
                vt.start("client", () -> roundTrip(address, payload, answer));
            }
            for (CompletableFuture<byte[]> a : answers) {
                assertArrayEquals(payload, a.get(60, TimeUnit.SECONDS));
            }
        }
    }

    private static void echoEverything(ServerSocketChannel listener, Threads vt) {
        try {
            while (true) {
                SocketChannel c = listener.accept();
                vt.start("echo", () -> {
                    try (c) {
                        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                        while (c.read(b.clear()) >= 0) {
                            b.flip();
                            while (b.hasRemaining()) {
                                c.write(b);
                            }
                        }
                    } catch (IOException e) {
                        // the test fails on the client side if bytes went missing
                    }
                });
            }
        } catch (IOException closed) {
            // the listener closed at the end of the test
        }
    }

    private static void roundTrip(InetSocketAddress proxy, byte[] payload, CompletableFuture<byte[]> answer) {
        try (SocketChannel c = SocketChannel.open(proxy)) {
            Thread writer = Threads.of(true).start("writer", () -> {
                try {
                    ByteBuffer b = ByteBuffer.wrap(payload);
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                    c.shutdownOutput();
                } catch (IOException e) {
                    answer.completeExceptionally(e);
                }
            });
            ByteBuffer back = ByteBuffer.allocate(payload.length + 1);
            while (c.read(back) >= 0 && back.hasRemaining()) {
                // until the proxy passes the echo's end of stream on
            }
            writer.join();
            answer.complete(Arrays.copyOf(back.array(), back.position()));
        } catch (Exception e) {
            answer.completeExceptionally(e);
        }
    }

    private static void digestThenAnswer(ServerSocket backend) {
        try (Socket s = backend.accept(); InputStream in = s.getInputStream()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[65536];
            for (int n; (n = in.read(b)) >= 0; ) {
                md.update(b, 0, n);
            }
            // Reached only if the proxy passed the client's half-close on; the answer then needs the other half open.
            s.getOutputStream().write(("sha256 " + HexFormat.of().formatHex(md.digest()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The largest size the kernel lets a TCP socket's buffer grow to. */
    private static long maxBuffer(String sysctl) throws IOException {
        String[] v = Files.readAllLines(Path.of("/proc/sys/net/ipv4", sysctl)).get(0).trim().split("\\s+");
        return Long.parseLong(v[2]);
    }

    private static long bytes(String json, String section) {
        Matcher m = Pattern.compile("\"" + section + "\"\\s*:\\s*\\{[^}]*?\"bytes\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), "no " + section + " in " + json);
        return Long.parseLong(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

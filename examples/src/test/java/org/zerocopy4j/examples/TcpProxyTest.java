package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy with iperf3 and socat on the far ends. */
class TcpProxyTest {
    private static final long CHUNK = 1 << 20;

    @ParameterizedTest(name = "buffer mode {0}")
    @ValueSource(booleans = {false, true})
    void iperf3ThroughTheProxyDeliversEveryByte(boolean buffer) throws Exception {
        Clients.require("iperf3");
        int backendPort = freePort();
        Process server = Clients.start(List.of("iperf3", "-s", "-1", "-B", "127.0.0.1", "-p",
                String.valueOf(backendPort)));
        try (TcpProxy proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", backendPort), buffer, false)) {
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

package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The server and the proxy in a JVM of their own under {@code ulimit -n 256}: clients open connections until accept()
 * fails with EMFILE, then let go. The program must log the failure, wait it out and serve the next client, not exit.
 */
class AcceptFailureTest {
    private static final int LIMIT = 256;
    /** Comfortably more than the child's descriptors: the rest wait in the listen backlog (1024). */
    private static final int CLIENTS = 400;

    @Test
    void theServerOutOfDescriptorsLogsWaitsAndServesAgain() throws Exception {
        Path root = Files.createTempDirectory(Scratch.dir(), "emfile-");
        Files.writeString(root.resolve("a.txt"), "still serving");
        try (ChildJvm server = ChildJvm.start(LIMIT, "server", "--root", root.toString(), "--port", "0")) {
            Attempt get = () -> {
                try (Raw c = new Raw(server.port)) {
                    return c.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .readUntilClosed(2_000).text();
                }
            };
            // A server that has served: every class on the path is loaded (from a directory here, which would need
            // a descriptor per class file; the runnable jar does not).
            assertTrue(get.run().startsWith("HTTP/1.1 200 "));
            exhaustThenRelease(server.port);
            assertTrue(server.alive(), "the server ended: " + server.describeExit());
            String reply = retry(get);
            assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.endsWith("still serving"), reply);
            assertTrue(server.alive(), "the server ended: " + server.describeExit());
            assertLoggedOnceOrTwice(server.stderr());
        } finally {
            Scratch.deleteTree(root);
        }
    }

    @Test
    void theProxyOutOfDescriptorsLogsWaitsAndRelaysAgain() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> echoAll(echo), "echo-backend");
            backend.setDaemon(true);
            backend.start();
            try (ChildJvm proxy = ChildJvm.start(LIMIT, "proxy", "--backend", "127.0.0.1:" + echo.getLocalPort(),
                    "--port", "0")) {
                Attempt ping = () -> {
                    try (Socket s = new Socket("127.0.0.1", proxy.port)) {
                        s.setSoTimeout(2_000);
                        s.getOutputStream().write("ping through the proxy".getBytes(StandardCharsets.US_ASCII));
                        s.shutdownOutput();
                        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    }
                };
                assertEquals("ping through the proxy", ping.run());
                exhaustThenRelease(proxy.port);
                assertTrue(proxy.alive(), "the proxy ended: " + proxy.describeExit());
                String reply = retry(ping);
                assertEquals("ping through the proxy", reply);
                assertTrue(proxy.alive(), "the proxy ended: " + proxy.describeExit());
                assertLoggedOnceOrTwice(proxy.stderr());
            }
        }
    }

    /** Opens connections until the child has had time to run out of descriptors, then closes them all. */
    private static void exhaustThenRelease(int port) throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                } catch (IOException refused) {
                    s.close();
                    break; // the program is gone: the caller's check says so
                }
                held.add(s);
            }
            Thread.sleep(1_500);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // The connections' threads see the ends and close their sockets; the accept loop's back-off runs out.
        Thread.sleep(1_500);
    }

    /**
     * Logged, and rate-limited: a line for the first failure of accept (and, in the proxy, of the backend connect),
     * perhaps a summary per 10 s, not one line per failed attempt.
     */
    private static void assertLoggedOnceOrTwice(String stderr) {
        long lines = stderr.lines().filter(l -> l.contains("Too many open files")).count();
        assertTrue(lines >= 1 && lines <= 6, "expected the EMFILE logged a few times at most, got " + lines
                + " lines:\n" + stderr);
    }

    interface Attempt {
        String run() throws IOException;
    }

    private static String retry(Attempt a) throws Exception {
        IOException last = null;
        for (int i = 0; i < 20; i++) {
            try {
                return a.run();
            } catch (IOException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("no answer after 20 attempts", last);
    }

    private static void echoAll(ServerSocket listener) {
        try {
            while (true) {
                Socket s = listener.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the client went away: nothing to echo to
                    }
                }, "echo");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test ended
        }
    }
}

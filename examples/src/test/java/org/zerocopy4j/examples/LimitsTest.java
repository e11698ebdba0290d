package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's limits, set small through its own flags, against clients that hold it: slow heads, idle keep-alive,
 * huge heads and uploads, stalled uploads and downloads, more connections than allowed.
 */
class LimitsTest {
    private static Path root;
    private static ChildJvm server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory(Scratch.dir(), "limits-");
        Files.writeString(root.resolve("a.txt"), "a-content");
        Scratch.random(root.resolve("big.bin"), 64 << 20, 11);
        server = ChildJvm.start(0, "server", "--root", root.toString(), "--port", "0", "--header-timeout", "300ms",
                "--idle-timeout", "300ms", "--io-timeout", "2s", "--max-head-size", "1k", "--max-upload",
                "1m");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Scratch.deleteTree(root);
    }

    /** A head dripped one byte at a time never ends: the deadline counts from its start, not from the last byte. */
    @Test
    void aHeadNotCompleteWithinTheHeaderTimeoutGets408() throws Exception {
        try (Raw c = new Raw(server.port)) {
            c.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            long start = System.nanoTime();
            Raw.Reply r = new Raw.Reply("", false, 0);
            while (System.nanoTime() - start < 3_000_000_000L && r.text().isEmpty() && !r.closed()) {
                try {
                    c.send("a");
                } catch (IOException closedByServer) {
                    r = c.readUntilClosed(500);
                    break;
                }
                r = c.readUntil("\r\n\r\n", 50);
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            assertEquals("408", r.status(), r.text());
            assertTrue(millis < 2_000, "408 after " + millis + " ms with a 300 ms header timeout");
            assertTrue(c.readUntilClosed(2_000).closed(), "the connection stayed open after 408");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosed() throws Exception {
        try (Raw c = new Raw(server.port)) {
            Raw.Reply first = c.send("GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n").readUntil("a-content", 3_000);
            assertEquals("200", first.status(), first.text());
            Raw.Reply idle = c.readUntilClosed(3_000);
            assertTrue(idle.closed(), "still open after " + idle.millis() + " ms idle, 300 ms allowed");
            assertEquals("", idle.text(), "nothing is sent on an idle close");
        }
    }

    @Test
    void aHeadOverTheMaximumGets431() throws Exception {
        try (Raw c = new Raw(server.port)) {
            Raw.Reply r = c.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2_000) + "\r\n\r\n")
                    .readUntilClosed(3_000);
            assertEquals("431", r.status(), r.text());
            assertTrue(r.closed(), "open after 431");
        }
    }

    @Test
    void anUploadOverTheMaximumGets413BeforeContinue() throws Exception {
        try (Raw c = new Raw(server.port)) {
            Raw.Reply r = c.send("PUT /huge.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000000000\r\n"
                    + "Expect: 100-continue\r\n\r\n").readUntil("\r\n\r\n", 3_000);
            assertEquals("413", r.status(), r.text());
            assertTrue(c.readUntilClosed(2_000).closed(), "open after 413");
        }
        assertFalse(Files.exists(root.resolve("huge.bin")));
        try (Raw c = new Raw(server.port)) {
            String body = "x".repeat(1 << 20);
            Raw.Reply r = c.send("PUT /max.bin HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).readUntilClosed(5_000);
            assertEquals("201", r.status(), "an upload of exactly the maximum is taken: " + r.text());
        }
        assertEquals(1 << 20, Files.size(root.resolve("max.bin")));
        Files.delete(root.resolve("max.bin"));
    }

    /** While an upload runs, its temporary file exists; no GET may reach it, by any name it has on disk. */
    @Test
    void theGrowingTemporaryFileOfAnUploadIsNotServed() throws Exception {
        try (Raw upload = new Raw(server.port)) {
            upload.send("PUT /growing.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n" + "u".repeat(100));
            Path part = null;
            for (int i = 0; i < 40 && part == null; i++) {
                part = findPart().orElse(null);
                Thread.sleep(25);
            }
            assertTrue(part != null, "no temporary file found under the root");
            String target = "/" + root.relativize(part).toString();
            try (Raw c = new Raw(server.port)) {
                Raw.Reply r = c.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .readUntilClosed(3_000);
                assertEquals("404", r.status(), "GET " + target + ": " + r.text());
                assertFalse(r.text().contains("uuuu"), "GET " + target + " served the growing upload");
            }
            Raw.Reply done = upload.send("u".repeat(100)).readUntil("\r\n\r\n", 3_000);
            assertEquals("201", done.status(), done.text());
        }
        assertEquals("u".repeat(200), Files.readString(root.resolve("growing.bin")));
        Files.delete(root.resolve("growing.bin"));
    }

    @Test
    void aStalledUploadIsClosedAndItsTemporaryFileDeleted() throws Exception {
        try (Raw c = new Raw(server.port)) {
            Raw.Reply r = c.send("PUT /stalled.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
                    .readUntilClosed(8_000);
            assertTrue(r.closed(), "a stalled upload held its connection " + r.millis() + " ms; 2000 ms allowed");
        }
        Thread.sleep(200);
        assertEquals(Optional.empty(), findPart(), "temporary file left");
        assertFalse(Files.exists(root.resolve("stalled.bin")));
    }

    /** A client that asks for a large file and never reads holds a thread; after the I/O timeout it is let go. */
    @Test
    void aDownloadNobodyReadsIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port)) {
            s.setReceiveBufferSize(64 << 10);
            s.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            Thread.sleep(5_000);
            s.setSoTimeout(10_000);
            long got = 0;
            try (InputStream in = s.getInputStream()) {
                byte[] b = new byte[1 << 16];
                for (int n; (n = in.read(b)) >= 0; ) {
                    got += n;
                }
            } catch (IOException resetOrTimeout) {
                // counted below
            }
            assertTrue(got < 64 << 20, "the whole file arrived after 5 s unread: the server waited for the reader");
        }
    }

    /** At the cap the server stops accepting; the next client waits in the backlog until a connection ends. */
    @Test
    void connectionsOverTheCapWaitForAFreeSlot() throws Exception {
        try (ChildJvm capped = ChildJvm.start(0, "server", "--root", root.toString(), "--port", "0",
                "--max-connections", "2"); Raw one = new Raw(capped.port); Raw two = new Raw(capped.port);
                Raw three = new Raw(capped.port)) {
            Raw.Reply early = three.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(1_500);
            assertEquals("", early.text(), "a third connection was served with a cap of 2");
            one.close();
            Raw.Reply later = three.readUntilClosed(5_000);
            assertTrue(later.text().startsWith("HTTP/1.1 200 ") && later.text().endsWith("a-content"),
                    later.text());
        }
    }

    /** The proxy's cap: a proxied connection holds two sockets, a pipe and two threads until both directions end. */
    @Test
    void proxiedConnectionsOverTheCapWaitForAFreeSlot() throws Exception {
        try (ChildJvm backend = ChildJvm.start(0, "server", "--root", root.toString(), "--port", "0");
                ChildJvm proxy = ChildJvm.start(0, "proxy", "--backend", "127.0.0.1:" + backend.port, "--port", "0",
                        "--max-connections", "1");
                Raw one = new Raw(proxy.port); Raw two = new Raw(proxy.port)) {
            Raw.Reply first = one.send("GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n").readUntil("a-content", 5_000);
            assertTrue(first.text().endsWith("a-content"), first.text());
            Raw.Reply early = two.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .readUntilClosed(1_500);
            assertEquals("", early.text(), "a second connection was proxied with a cap of 1");
            one.close();
            Raw.Reply later = two.readUntilClosed(5_000);
            assertTrue(later.text().startsWith("HTTP/1.1 200 ") && later.text().endsWith("a-content"),
                    later.text());
        }
    }

    private static Optional<Path> findPart() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).findFirst();
        }
    }
}

package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The file server driven by curl, the way its users would reach it. */
class FileServerTest {
    private static final long BIG = 256L << 20;

    private static Path base;
    private static Path root;
    private static FileServer server;
    private static String url;

    @BeforeAll
    static void start() throws IOException {
        base = Files.createTempDirectory(Scratch.dir(), "server-");
        root = Files.createDirectory(base.resolve("www"));
        server = FileServer.start(root, new InetSocketAddress("127.0.0.1", 0), FileServer.Mode.ZEROCOPY, true);
        url = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Scratch.deleteTree(base);
    }

    @BeforeEach
    void curl() {
        Clients.require("curl");
    }

    @Test
    void getOfA256MiBFileIsByteExact() throws Exception {
        Path file = Scratch.random(root.resolve("big.bin"), BIG, 1);
        Path got = base.resolve("big.got");
        Clients.Result r = curl("-o", got.toString(), url + "/big.bin");
        assertEquals("200 " + BIG, r.out().trim());
        assertEquals(Scratch.sha256(file), Scratch.sha256(got));
        Files.delete(file);
        Files.delete(got);
    }

    @Test
    void rangesReturnTheRequestedBytes() throws Exception {
        Path file = Scratch.random(root.resolve("r.bin"), 100_000, 2);
        byte[] all = Files.readAllBytes(file);
        assertRange(all, "0-99", 0, 100);
        assertRange(all, "-1000", all.length - 1000, 1000);
        assertRange(all, "99990-", 99_990, 10);
        assertRange(all, "99000-200000", 99_000, 1000);
        Clients.Result r = curl("-D", "-", "-o", "/dev/null", "-r", "100000-", url + "/r.bin");
        assertTrue(r.out().startsWith("HTTP/1.1 416 "), r.out());
        assertTrue(r.out().contains("Content-Range: bytes */100000\r\n"), r.out());
    }

    @Test
    void rangePast4GiBOnASparseFile() throws Exception {
        Path file = root.resolve("sparse.bin");
        long size = 5L << 30;
        long at = (4L << 30) + 123_456_789L;
        byte[] marker = "bytes past four gibibytes".getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            f.seek(at);
            f.write(marker);
        }
        try {
            Clients.Result r = curl("-D", "-", "-r", at + "-" + (at + marker.length - 1), url + "/sparse.bin");
            assertTrue(r.out().contains("Content-Range: bytes " + at + "-" + (at + marker.length - 1) + "/" + size),
                    r.out());
            assertTrue(r.out().endsWith("\r\n\r\n" + new String(marker, StandardCharsets.US_ASCII) + "206 "
                    + marker.length + "\n"), r.out());
            Clients.Result tail = curl("-o", "/dev/null", "-r", "-" + (size - at), url + "/sparse.bin");
            assertEquals("206 " + (size - at), tail.out().trim());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void putOfA256MiBUploadIsStoredByteExact() throws Exception {
        Path source = Scratch.random(base.resolve("upload.src"), BIG, 3);
        Clients.Result r = curl("-o", "/dev/null", "-T", source.toString(), url + "/uploaded.bin");
        assertEquals("201 0", r.out().trim());
        assertEquals(Scratch.sha256(source), Scratch.sha256(root.resolve("uploaded.bin")));
        try (var s = Files.walk(root)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary file left");
        }
        Files.delete(source);
        Files.delete(root.resolve("uploaded.bin"));
    }

    /** curl waits for 100 Continue first; a client that sends head and body together is served too. */
    @Test
    void putWhoseBodyArrivesWithTheHead() throws Exception {
        byte[] body = "a small body that travels in the same write as the request head".getBytes(
                StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("PUT /early.txt HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                    + "\r\n\r\n" + new String(body, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[200];
            int n = s.getInputStream().read(reply);
            assertTrue(new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 201 "));
        }
        assertArrayEquals(body, Files.readAllBytes(root.resolve("early.txt")));
        Files.delete(root.resolve("early.txt"));
    }

    @Test
    void twoHundredParallelDownloadsAreByteExact() throws Exception {
        Path file = Scratch.random(root.resolve("p.bin"), 1 << 20, 4);
        Path outDir = Files.createDirectory(base.resolve("parallel"));
        List<String> args = new ArrayList<>(List.of("--parallel", "--parallel-immediate", "--parallel-max", "200"));
        for (int i = 0; i < 200; i++) {
            args.addAll(List.of("-o", outDir.resolve("d" + i).toString(), url + "/p.bin?n=" + i));
        }
        Clients.Result r = curl(args.toArray(String[]::new));
        assertEquals(200, r.out().lines().filter(l -> l.equals("200 " + (1 << 20))).count(), r.out());
        String expected = Scratch.sha256(file);
        for (int i = 0; i < 200; i++) {
            assertEquals(expected, Scratch.sha256(outDir.resolve("d" + i)), "download " + i);
        }
        Scratch.deleteTree(outDir);
        Files.delete(file);
    }

    @Test
    void noRequestReachesOutsideTheRoot() throws Exception {
        String secret = "outside the served root";
        Files.writeString(base.resolve("secret.txt"), secret);
        Files.createSymbolicLink(root.resolve("escape"), base.resolve("secret.txt"));
        for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/a/%2E%2E/../secret.txt",
                "/..%2fsecret.txt", "/escape")) {
            Clients.Result r = curl("--path-as-is", "-D", "-", url + path);
            String status = r.out().substring(9, 12);
            assertTrue(status.equals("400") || status.equals("404"), path + ": " + r.out());
            assertFalse(r.out().contains(secret), path + " leaked the file");
        }
    }

    @Test
    void headSendsTheLengthAndNoBody() throws Exception {
        // Larger than curl's 16 KiB read buffer, so a wrongly sent body cannot vanish into one read.
        Scratch.random(root.resolve("h.bin"), 1_000_000, 5);
        Clients.Result r = curl("-I", url + "/h.bin");
        assertTrue(r.out().startsWith("HTTP/1.1 200 "), r.out());
        assertTrue(r.out().contains("Content-Length: 1000000\r\n"), r.out());
        assertTrue(r.out().endsWith("\r\n\r\n200 0\n"), r.out());
        // A body sent after a HEAD would wait unread on the kept-alive connection; curl then will not reuse it.
        String perTransfer = "%{http_code} %{size_download} %{num_connects}\n";
        Clients.Result next = curl("-I", "-w", perTransfer, url + "/h.bin", "--next", "-s", "-w", perTransfer, "-o",
                "/dev/null", url + "/h.bin");
        assertTrue(next.out().endsWith("200 0 1\n200 1000000 0\n"), next.out());
    }

    @Test
    void keepAliveReusesTheConnectionAndCloseIsHonoured() throws Exception {
        Scratch.random(root.resolve("k.bin"), 5_000, 6);
        // num_connects: connections this transfer opened; 0 means it reused the previous one.
        String perTransfer = "%{http_code} %{num_connects}\n";
        String twice = curl("-w", perTransfer, "-o", "/dev/null", "-o", "/dev/null", url + "/k.bin",
                url + "/k.bin").out();
        assertEquals(List.of("200 1", "200 0"), twice.lines().toList());
        String closing = curl("-H", "Connection: close", "-w", perTransfer, "-o", "/dev/null", "-o", "/dev/null",
                url + "/k.bin", url + "/k.bin").out();
        assertEquals(List.of("200 1", "200 1"), closing.lines().toList());
    }

    @Test
    void missingFilesAndBadRequests() throws Exception {
        assertEquals("404 0", curl("-o", "/dev/null", url + "/nothing-here").out().trim());
        assertEquals("400 0", curl("-o", "/dev/null", "--request-target", "no-slash", url + "/").out().trim());
        assertEquals("400 0", curl("-o", "/dev/null", url + "/bad%zzescape").out().trim());
        assertEquals("405 0", curl("-o", "/dev/null", "-X", "DELETE", url + "/x").out().trim());
    }

    private static void assertRange(byte[] all, String spec, int first, int count) throws Exception {
        Path got = base.resolve("range.got");
        Clients.Result r = curl("-o", got.toString(), "-r", spec, url + "/r.bin");
        assertEquals("206 " + count, r.out().trim(), spec);
        byte[] expected = new byte[count];
        System.arraycopy(all, first, expected, 0, count);
        assertArrayEquals(expected, Files.readAllBytes(got), spec);
        Files.delete(got);
    }

    /** curl printing "status bytes-downloaded" after each transfer. */
    static Clients.Result curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "-w", "%{http_code} %{size_download}\n"));
        cmd.addAll(List.of(args));
        Clients.Result r = Clients.run(120, cmd);
        assertEquals(0, r.exit(), "curl failed: " + r.err());
        return r;
    }
}

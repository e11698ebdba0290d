package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file server with {@code --tls}, reached by curl: through the kernel's record layer where it has kTLS, through
 * SSLEngine where the offload is refused (this machine) or {@code --tls-engine} asks for it. Either way the bytes
 * match and the connection ends with close_notify (curl reports no unexpected EOF).
 */
class HttpsServerTest {
    private static final char[] PASSWORD = "examples-test".toCharArray();

    private static Path base;
    private static Path root;
    private static FileServer offloading;
    private static FileServer engineOnly;
    private static FileServer plain;
    private static TcpProxy proxy;
    private static TcpProxy engineProxy;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory(Scratch.dir(), "https-");
        root = Files.createDirectory(base.resolve("www"));
        Path keystore = base.resolve("server.p12");
        // Made at test time, never committed: a throwaway self-signed key for 127.0.0.1.
        Clients.Result r = Clients.run(120, List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD)));
        assertEquals(0, r.exit(), r.err());
        offloading = FileServer.start(root, new InetSocketAddress("127.0.0.1", 0), FileServer.Mode.ZEROCOPY, true,
                Limits.DEFAULTS, TlsConnection.Config.load(keystore, PASSWORD, false));
        engineOnly = FileServer.start(root, new InetSocketAddress("127.0.0.1", 0), FileServer.Mode.ZEROCOPY, true,
                Limits.DEFAULTS, TlsConnection.Config.load(keystore, PASSWORD, true));
        plain = FileServer.start(root, new InetSocketAddress("127.0.0.1", 0), FileServer.Mode.ZEROCOPY, true);
        proxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0), plain.address(), false, true,
                TlsConnection.Config.load(keystore, PASSWORD, false));
        engineProxy = TcpProxy.start(new InetSocketAddress("127.0.0.1", 0), plain.address(), false, true,
                TlsConnection.Config.load(keystore, PASSWORD, true));
    }

    @AfterAll
    static void stop() throws IOException {
        if (offloading != null) {
            offloading.close();
        }
        for (Closeable c : new Closeable[] {engineOnly, plain, proxy, engineProxy}) {
            if (c != null) {
                c.close();
            }
        }
        Scratch.deleteTree(base);
    }

    @BeforeEach
    void curl() {
        Clients.require("curl");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 16383, 16384, 16385, 3 << 20})
    void getIsByteExactOverTls13AndTls12(long size) throws Exception {
        Path file = Scratch.random(root.resolve("f" + size), size, size);
        for (FileServer s : List.of(offloading, engineOnly)) {
            for (List<String> tls : List.of(List.of("--tlsv1.3"), List.of("--tlsv1.2", "--tls-max", "1.2"))) {
                Path got = base.resolve("got");
                Files.deleteIfExists(got);
                Clients.Result r = curl(s, tls, "-o", got.toString(), "@/f" + size);
                assertEquals("200 " + size, r.out().trim());
                assertEquals(Scratch.sha256(file), Scratch.sha256(got), tls.toString());
            }
        }
    }

    @ParameterizedTest(name = "engine only: {0}")
    @ValueSource(booleans = {false, true})
    void keepAliveRangesAndMissingFilesWork(boolean engine) throws Exception {
        FileServer s = engine ? engineOnly : offloading;
        Path file = Scratch.random(root.resolve("k.bin"), 100_000, 7);
        Path a = base.resolve("a");
        Path b = base.resolve("b");
        // Two requests on one connection (curl reuses it), then a range and a 404.
        Clients.Result r = curl(s, List.of(), "-o", a.toString(), "@/k.bin", "-o", b.toString(), "@/k.bin");
        assertEquals("200 100000\n200 100000", r.out().trim());
        assertEquals(Scratch.sha256(file), Scratch.sha256(a));
        assertEquals(Scratch.sha256(file), Scratch.sha256(b));
        assertEquals("206 1000", curl(s, List.of("-r", "500-1499"), "-o", "/dev/null", "@/k.bin").out().trim());
        assertEquals("404 0", curl(s, List.of(), "-o", "/dev/null", "@/absent").out().trim());
    }

    /** The proxy terminates TLS in front of a plain server: keep-alive downloads through it are byte-exact. */
    @ParameterizedTest(name = "engine only: {0}")
    @ValueSource(booleans = {false, true})
    void proxyTerminatesTls(boolean engine) throws Exception {
        Path file = Scratch.random(root.resolve("p.bin"), 5_000_000, 11);
        Path a = base.resolve("pa");
        Path b = base.resolve("pb");
        int port = (engine ? engineProxy : proxy).address().getPort();
        Clients.Result r = curl(port, List.of(), "-o", a.toString(), "@/p.bin", "-o", b.toString(), "@/p.bin");
        assertEquals("200 5000000\n200 5000000", r.out().trim());
        assertEquals(Scratch.sha256(file), Scratch.sha256(a));
        assertEquals(Scratch.sha256(file), Scratch.sha256(b));
    }

    private static Clients.Result curl(FileServer s, List<String> options, String... rest)
            throws IOException, InterruptedException {
        return curl(s.address().getPort(), options, rest);
    }

    private static Clients.Result curl(int port, List<String> options, String... rest)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "-k", "-w", "%{http_code} %{size_download}\n"));
        cmd.addAll(options);
        String url = "https://127.0.0.1:" + port;
        for (String r : rest) {
            cmd.add(r.startsWith("@/") ? url + r.substring(1) : r);
        }
        Clients.Result r = Clients.run(120, cmd);
        assertEquals(0, r.exit(), "curl failed: " + r.err());
        assertFalse(r.err().toLowerCase().contains("unexpected eof"), r.err());
        return r;
    }
}

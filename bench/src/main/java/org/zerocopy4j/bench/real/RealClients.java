package org.zerocopy4j.bench.real;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.zerocopy4j.bench.MachineCpu;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/**
 * The example server and proxy against plain-JDK modes of themselves and against nginx, HAProxy and socat, loaded by
 * wrk and iperf3 as separate processes. Each row records the server's or proxy's process CPU and the whole machine's
 * CPU, which also holds the client's and the kernel's share: a design that moves work out of the server (into
 * softirq, another process) cannot hide it there.
 */
public final class RealClients implements Closeable {
    public static final String SERVER = "server-zerocopy";
    public static final String SERVER_TRANSFER_TO = "server-transferTo";
    public static final String NGINX = "nginx";
    public static final String PROXY = "proxy-relay";
    public static final String PROXY_BUFFER = "proxy-buffer";
    public static final String HAPROXY = "haproxy";
    static final int WRK_SECONDS = 5;
    static final int IPERF_SECONDS = 5;

    private final Path dir;
    private final Servers servers;
    private final List<Daemon> running = new ArrayList<>();
    private final List<String> serverNotes = new ArrayList<>();
    private List<Daemon> http;

    public RealClients(Path work) throws IOException {
        this.dir = Files.createTempDirectory(work, "zerocopy4j-real-");
        this.servers = new Servers(dir);
    }

    public List<Callable<Scenario>> plan() {
        return List.of(() -> http(4096), () -> http(1 << 20), this::proxies);
    }

    private Scenario http(long size) throws IOException {
        String h = Options.human(size);
        String id = "wrk-" + h.replace(" ", "").toLowerCase();
        String title = "7. wrk -t1 -c16 -d" + WRK_SECONDS + "s, GET of a " + h + " file";
        List<String> notes = new ArrayList<>();
        List<Variant> v = new ArrayList<>();
        if (!installed("wrk", notes)) {
            return new Scenario(7, id, title, true, null, null, v, notes);
        }
        if (http == null) {
            startHttp();
        }
        for (Daemon d : http) {
            String url = "http://127.0.0.1:" + d.port + "/" + h.replace(" ", "");
            v.add(new Variant(idOf(d), d.name, kindOf(d), () -> measure(d, () -> LoadClients.wrk(url, WRK_SECONDS,
                    size, dir))));
        }
        notes.addAll(serverNotes);
        notes.add("machine CPU includes wrk's own, the same work for every row; the example server runs in its own"
                + " JVM (JIT and GC threads count as its CPU)");
        boolean haveNginx = http.stream().anyMatch(d -> d.name.equals(NGINX));
        return new Scenario(7, id, title, true, haveNginx ? NGINX : null, SERVER_TRANSFER_TO, v, notes);
    }

    private void startHttp() throws IOException {
        Path www = Files.createDirectories(dir.resolve("www"));
        for (long size : List.of(4096L, 1L << 20)) {
            byte[] b = new byte[(int) size];
            new java.util.Random(size).nextBytes(b);
            Files.write(www.resolve(Options.human(size).replace(" ", "")), b);
        }
        http = new ArrayList<>();
        for (String mode : List.of("zerocopy", "transferTo", "transferTo-nagle")) {
            http.add(track(servers.fileServer(www, mode)));
        }
        if (installed("nginx", serverNotes)) {
            http.add(track(servers.nginx(www)));
            serverNotes.add("nginx: sendfile on, tcp_nodelay on, one worker, access log off, keep-alive unlimited");
        }
        for (Daemon d : http) {
            if (d.name.startsWith("example")) {
                serverNotes.add(d.name + ": \"" + d.banner() + "\"");
            }
        }
    }

    private Scenario proxies() throws IOException {
        String title = "8. iperf3 -t " + IPERF_SECONDS + " through a proxy on 127.0.0.1";
        List<String> notes = new ArrayList<>();
        List<Variant> v = new ArrayList<>();
        if (!installed("iperf3", notes)) {
            return new Scenario(8, "iperf3-proxy", title, false, null, null, v, notes);
        }
        // The file servers are done: stop them so their JVMs take nothing from the proxies' run.
        for (Daemon d : http == null ? List.<Daemon>of() : http) {
            d.close();
            running.remove(d);
        }
        Daemon backend = track(servers.iperf3Server());
        List<Daemon> proxies = new ArrayList<>();
        proxies.add(track(servers.proxy(backend.port, "relay")));
        proxies.add(track(servers.proxy(backend.port, "buffer")));
        if (installed("haproxy", notes)) {
            proxies.add(track(servers.haproxy(backend.port)));
            notes.add("HAProxy: mode tcp, option splice-auto, nbthread 1");
        }
        if (installed("socat", notes)) {
            proxies.add(track(servers.socat(backend.port)));
            notes.add("socat: TCP-LISTEN,fork to TCP (its children's CPU counts as its own)");
        }
        for (Daemon d : proxies) {
            if (d.name.startsWith("example")) {
                notes.add(d.name + ": \"" + d.banner() + "\"");
            }
            v.add(new Variant(idOf(d), d.name, kindOf(d), () -> measure(d, () -> LoadClients.iperf3(d.port,
                    IPERF_SECONDS, dir))));
        }
        notes.add("bytes: what iperf3's receiver counted; machine CPU includes both iperf3 ends, the same work for"
                + " every row");
        boolean haveHaproxy = proxies.stream().anyMatch(d -> d.name.equals(HAPROXY));
        return new Scenario(8, "iperf3-proxy", title, false, haveHaproxy ? HAPROXY : null, PROXY_BUFFER, v, notes);
    }

    @FunctionalInterface
    private interface Run {
        LoadClients.Load run() throws Exception;
    }

    /** One client run, with the server's process-tree CPU and the machine's CPU read around it. */
    private static Measured measure(Daemon d, Run client) throws Exception {
        long machine0 = MachineCpu.nowNs();
        long client0 = ProcessCpu.reapedChildrenNs();
        long cpu0 = ProcessCpu.treeNs(d.pid());
        LoadClients.Load l = client.run();
        long cpu1 = ProcessCpu.treeNs(d.pid());
        long client1 = ProcessCpu.reapedChildrenNs();
        long machine1 = MachineCpu.nowNs();
        if (cpu0 < 0 || cpu1 < 0) {
            throw new IOException(d.name + " is gone: " + d.tail());
        }
        return new Measured(l.bytes(), l.requests(), l.wallNs(), cpu1 - cpu0, -1,
                MachineCpu.between(machine0, machine1), MachineCpu.between(client0, client1));
    }

    private static String idOf(Daemon d) {
        return switch (d.name) {
            case "example server zerocopy" -> SERVER;
            case "example server transferTo" -> SERVER_TRANSFER_TO;
            case "example server transferTo-nagle" -> "server-transferTo-nagle";
            case "example proxy relay" -> PROXY;
            case "example proxy buffer" -> PROXY_BUFFER;
            default -> d.name;
        };
    }

    private static Kind kindOf(Daemon d) {
        if (d.name.endsWith("zerocopy") || d.name.endsWith("relay")) {
            return Kind.ZEROCOPY;
        }
        return d.name.startsWith("example") ? Kind.JDK : Kind.C;
    }

    private Daemon track(Daemon d) {
        running.add(d);
        return d;
    }

    private static boolean installed(String binary, List<String> notes) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, binary))) {
                return true;
            }
        }
        notes.add(binary + " not found on PATH (Debian package " + binary + "): its rows are left out");
        return false;
    }

    @Override
    public void close() throws IOException {
        for (Daemon d : running) {
            d.close();
        }
        running.clear();
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

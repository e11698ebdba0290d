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
    public static final int WRK_SECONDS = 5;
    public static final int IPERF_SECONDS = 5;
    /**
     * The equal offered loads, below every server's saturation on 2 cores (issue 24 measured 48k-67k 4 KiB
     * requests/s at saturation on a quiet machine): requests per second by file size, and the proxies' bit rate.
     */
    static final int RATE_4K = 10_000;
    static final int RATE_1M = 1_000;
    static final String PROXY_RATE = "2G";
    /** A row whose achieved rate falls this far below the offered one did not hold it: marked as saturated. */
    static final double HELD = 0.97;

    private final Path dir;
    private final List<String> threadKinds;
    private final List<String> without;
    private final Servers servers;
    private final List<Daemon> running = new ArrayList<>();
    private final List<String> serverNotes = new ArrayList<>();
    private List<Daemon> http;
    private List<Daemon> proxies;
    private final List<String> proxyNotes = new ArrayList<>();

    /** @param threads virtual, platform or both: which kinds of thread the example programs run with */
    public RealClients(Path work, String threads, List<String> without) throws IOException {
        this.without = List.copyOf(without);
        this.threadKinds = threads.equals("both") ? List.of("virtual", "platform") : List.of(threads);
        this.dir = Files.createTempDirectory(work, "zerocopy4j-real-");
        this.servers = new Servers(dir);
    }

    public List<Callable<Scenario>> plan() {
        return List.of(() -> http(4096, 0), () -> http(4096, RATE_4K), () -> http(1 << 20, 0),
                () -> http(1 << 20, RATE_1M), () -> proxies(null), () -> proxies(PROXY_RATE));
    }

    /** GETs of one file: as fast as wrk goes (rate 0, saturation), or at a constant offered rate under h2load. */
    private Scenario http(long size, int rate) throws IOException {
        String h = Options.human(size);
        String id = (rate == 0 ? "wrk-" : "rate-") + h.replace(" ", "").toLowerCase();
        String title = rate == 0 ? "7. wrk -t1 -c16 -d" + WRK_SECONDS + "s, GET of a " + h + " file (saturation)"
                : String.format(java.util.Locale.ROOT, "7. h2load --h1 -t1 -c16 at a constant %,d requests/s for %d"
                        + " s, GET of a %s file (equal offered load)", rate, WRK_SECONDS, h);
        String client = rate == 0 ? "wrk" : "h2load";
        List<String> notes = new ArrayList<>();
        List<Variant> v = new ArrayList<>();
        if (!installed(client, notes)) {
            return new Scenario(7, id, title, true, null, null, v, notes);
        }
        if (http == null) {
            startHttp();
        }
        for (Daemon d : http) {
            String url = "http://127.0.0.1:" + d.port + "/" + h.replace(" ", "");
            if (rate == 0) {
                v.add(new Variant(idOf(d), d.name, kindOf(d), () -> measure(d, () -> LoadClients.wrk(url, WRK_SECONDS,
                        size, dir))));
            } else {
                v.add(new Variant(idOf(d), d.name, kindOf(d), () -> held(d, rate, measure(d,
                        () -> LoadClients.h2load(url, rate, WRK_SECONDS, size, dir)))));
            }
        }
        notes.addAll(serverNotes);
        notes.add("machine CPU includes " + client + "'s own, the same work for every row; the example server runs in"
                + " its own JVM (JIT and GC threads count as its CPU)");
        if (rate == 0) {
            notes.add("at saturation every row's machine CPU per request is about 2 cores / its request rate: read"
                    + " it as throughput; the equal-load table below is the cost");
        } else {
            notes.add(String.format(java.util.Locale.ROOT, "every row is offered the same %,d requests/s (h2load"
                    + " --rps: 16 connections on a fixed schedule); a row that answers fewer than %.0f%% of them"
                    + " fails as saturated, since its CPU per request would not be at the same load", rate,
                    HELD * 100));
        }
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
        for (String threads : threadKinds) {
            for (String mode : List.of("zerocopy", "transferTo", "transferTo-nagle")) {
                if (mode.equals("transferTo-nagle") && !threads.equals(threadKinds.get(0))) {
                    continue; // Nagle's cost does not depend on the thread kind: one row is enough.
                }
                keep(http, servers.fileServer(www, mode, threads));
            }
        }
        if (installed("nginx", serverNotes)) {
            keep(http, servers.nginx(www));
            serverNotes.add("nginx: sendfile on, tcp_nodelay on, one worker, access log off, keep-alive unlimited");
        }
        for (Daemon d : http) {
            if (d.name.startsWith("example")) {
                serverNotes.add(d.name + ": \"" + d.banner() + "\"");
            }
        }
    }

    /** iperf3 through each proxy: as fast as it goes (bitrate null), or paced at one bit rate for every proxy. */
    private Scenario proxies(String bitrate) throws IOException {
        String id = bitrate == null ? "iperf3-proxy" : "iperf3-proxy-rate";
        String title = "8. iperf3 -t " + IPERF_SECONDS + " through a proxy on 127.0.0.1" + (bitrate == null
                ? " (saturation)" : ", paced at -b " + bitrate + "bit/s (equal offered load)");
        List<String> notes = new ArrayList<>();
        List<Variant> v = new ArrayList<>();
        if (!installed("iperf3", notes)) {
            return new Scenario(8, id, title, false, null, null, v, notes);
        }
        if (proxies == null) {
            startProxies();
        }
        notes.addAll(proxyNotes);
        for (Daemon d : proxies) {
            if (bitrate == null) {
                v.add(new Variant(idOf(d), d.name, kindOf(d), () -> measure(d, () -> LoadClients.iperf3(d.port,
                        IPERF_SECONDS, null, dir))));
            } else {
                double bits = Double.parseDouble(bitrate.replace("G", "")) * 1e9;
                v.add(new Variant(idOf(d), d.name, kindOf(d), () -> heldBits(d, bits, measure(d,
                        () -> LoadClients.iperf3(d.port, IPERF_SECONDS, bitrate, dir)))));
            }
        }
        notes.add("bytes: what iperf3's receiver counted; machine CPU includes both iperf3 ends, the same work for"
                + " every row");
        boolean haveHaproxy = proxies.stream().anyMatch(d -> d.name.equals(HAPROXY));
        return new Scenario(8, id, title, false, haveHaproxy ? HAPROXY : null, PROXY_BUFFER, v, notes);
    }

    private void startProxies() throws IOException {
        List<String> notes = proxyNotes;
        // The file servers are done: stop them so their JVMs take nothing from the proxies' run.
        for (Daemon d : http == null ? List.<Daemon>of() : http) {
            d.close();
            running.remove(d);
        }
        Daemon backend = track(servers.iperf3Server());
        proxies = new ArrayList<>();
        for (String threads : threadKinds) {
            keep(proxies, servers.proxy(backend.port, "relay", threads));
            keep(proxies, servers.proxy(backend.port, "buffer", threads));
        }
        if (installed("haproxy", notes)) {
            keep(proxies, servers.haproxy(backend.port));
            notes.add("HAProxy: mode tcp, option splice-auto, nbthread 1");
        }
        if (installed("socat", notes)) {
            keep(proxies, servers.socat(backend.port));
            notes.add("socat: TCP-LISTEN,fork to TCP (its children's CPU counts as its own)");
        }
        for (Daemon d : proxies) {
            if (d.name.startsWith("example")) {
                notes.add(d.name + ": \"" + d.banner() + "\"");
            }
        }
    }

    /** Fails a constant-rate row whose server did not answer the offered requests: it was saturated. */
    private static Measured held(Daemon d, int rate, Measured m) throws IOException {
        double achieved = m.calls() / (m.wallNs() / 1e9);
        if (achieved < rate * HELD) {
            throw new IOException(String.format(java.util.Locale.ROOT, "%s answered %.0f of the %d requests/s"
                    + " offered: saturated, so its CPU per request is not at the equal load", d.name, achieved, rate));
        }
        return m;
    }

    private static Measured heldBits(Daemon d, double bitsPerSecond, Measured m) throws IOException {
        double achieved = m.bytes() * 8 / (m.wallNs() / 1e9);
        if (achieved < bitsPerSecond * HELD) {
            throw new IOException(String.format(java.util.Locale.ROOT, "%s carried %.2f of the %.2f Gbit/s"
                    + " offered: saturated, so its CPU per GB is not at the equal load", d.name, achieved / 1e9,
                    bitsPerSecond / 1e9));
        }
        return m;
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

    /** Stable ids: the virtual-thread rows keep the ids the targets name; platform-thread rows add "-platform". */
    private static String idOf(Daemon d) {
        if (!d.name.startsWith("example ")) {
            return d.name;
        }
        String[] w = d.name.split(" ");
        String base = switch (w[2]) {
            case "zerocopy" -> SERVER;
            case "transferTo" -> SERVER_TRANSFER_TO;
            case "transferTo-nagle" -> "server-transferTo-nagle";
            case "relay" -> PROXY;
            case "buffer" -> PROXY_BUFFER;
            default -> w[1] + "-" + w[2];
        };
        return w.length > 3 && w[3].equals("platform") ? base + "-platform" : base;
    }

    private static Kind kindOf(Daemon d) {
        if (d.name.contains(" zerocopy") || d.name.contains(" relay")) {
            return Kind.ZEROCOPY;
        }
        return d.name.startsWith("example") ? Kind.JDK : Kind.C;
    }

    /** True for the scenarios that drive every row as hard as it goes (wrk, iperf3 unpaced). */
    public static boolean atSaturation(String scenarioId) {
        return scenarioId.startsWith("wrk-") || scenarioId.equals("iperf3-proxy");
    }

    /** True for the scenarios that start their servers (the first HTTP one, the first proxy one). */
    public static boolean startsServers(String scenarioId) {
        return scenarioId.equals("wrk-4kib") || scenarioId.equals("iperf3-proxy");
    }

    private Daemon track(Daemon d) {
        running.add(d);
        return d;
    }

    /** Adds a started daemon to a row list, unless --without names its row: then it is stopped again. */
    private void keep(List<Daemon> rows, Daemon d) {
        String id = idOf(d);
        if (without.stream().anyMatch(id::contains)) {
            d.close();
            return;
        }
        rows.add(track(d));
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

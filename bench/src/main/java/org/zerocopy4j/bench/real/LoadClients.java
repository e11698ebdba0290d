package org.zerocopy4j.bench.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk and the iperf3 client, run to completion, their reports parsed into what the bench records. */
final class LoadClients {
    private static final Pattern WRK_TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m),");
    private static final Pattern WRK_ERRORS = Pattern.compile("(Non-2xx or 3xx responses: \\d+|Socket errors: .*)");

    /** What one client run moved: responses or bytes, over how long. */
    record Load(long requests, long bytes, long wallNs) {
    }

    private LoadClients() {
    }

    /** wrk -t1 -c16 -dNs: one client thread, 16 keep-alive connections. */
    static Load wrk(String url, int seconds, long bodyBytes, Path dir) throws IOException, InterruptedException {
        String out = run(List.of("wrk", "-t1", "-c16", "-d" + seconds + "s", url), seconds + 30, dir);
        Matcher errors = WRK_ERRORS.matcher(out);
        if (errors.find()) {
            throw new IOException("wrk saw errors (" + errors.group(1) + "):\n" + out);
        }
        Matcher m = WRK_TOTAL.matcher(out);
        if (!m.find()) {
            throw new IOException("no request count in wrk's output:\n" + out);
        }
        long requests = Long.parseLong(m.group(1));
        double t = Double.parseDouble(m.group(2));
        double unitNs = switch (m.group(3)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        return new Load(requests, requests * bodyBytes, (long) (t * unitNs));
    }

    private static final Pattern H2LOAD_DONE = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored,"
            + " (\\d+) timeout");
    private static final Pattern H2LOAD_TIME = Pattern.compile("finished in ([0-9.]+)(us|ms|s),");

    /**
     * h2load over HTTP/1.1 at a constant offered rate: 16 keep-alive connections, each sending {@code ratePerSecond
     * / 16} requests a second on a fixed schedule whether or not the server kept up (h2load's --rps), for N seconds.
     * The wall time is the run's length, so a server that cannot hold the rate shows a lower request rate.
     */
    static Load h2load(String url, int ratePerSecond, int seconds, long bodyBytes, Path dir) throws IOException,
            InterruptedException {
        int clients = 16;
        String out = run(List.of("h2load", "--h1", "-t1", "-c" + clients, "--rps=" + (ratePerSecond / clients),
                "-D", String.valueOf(seconds), url), seconds + 30, dir);
        Matcher m = H2LOAD_DONE.matcher(out);
        if (!m.find()) {
            throw new IOException("no request count in h2load's output:\n" + out);
        }
        long succeeded = Long.parseLong(m.group(4));
        if (Long.parseLong(m.group(5)) + Long.parseLong(m.group(6)) + Long.parseLong(m.group(7)) > 0) {
            throw new IOException("h2load saw failed, errored or timed-out requests:\n" + out);
        }
        Matcher t = H2LOAD_TIME.matcher(out);
        if (!t.find()) {
            throw new IOException("no run time in h2load's output:\n" + out);
        }
        double unitNs = switch (t.group(2)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return new Load(succeeded, succeeded * bodyBytes, (long) (Double.parseDouble(t.group(1)) * unitNs));
    }

    /**
     * iperf3 -c through a proxy for N seconds. The bytes are what the receiver counted (iperf3 stops counting
     * there at the end of the test, so data still in flight is not included, for every proxy alike).
     */
    static Load iperf3(int port, int seconds, String bitrate, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", "127.0.0.1", "-p", String.valueOf(port),
                "-t", String.valueOf(seconds), "-J"));
        if (bitrate != null) {
            // A constant offered rate (iperf3 paces the sender), the same for every proxy.
            cmd.addAll(List.of("-b", bitrate));
        }
        String json = run(cmd, seconds + 30, dir);
        long bytes = number(json, "sum_received", "bytes");
        double seconds2 = Double.parseDouble(field(json, "sum_received", "seconds"));
        if (bytes <= 0) {
            throw new IOException("iperf3 moved nothing:\n" + json);
        }
        return new Load(1, bytes, (long) (seconds2 * 1e9));
    }

    private static long number(String json, String section, String key) throws IOException {
        return (long) Double.parseDouble(field(json, section, key));
    }

    private static String field(String json, String section, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + section + "\"\\s*:\\s*\\{[^}]*?\"" + key + "\"\\s*:\\s*([0-9.eE+-]+)")
                .matcher(json);
        if (!m.find()) {
            throw new IOException("no " + section + "." + key + " in iperf3's report:\n" + json);
        }
        return m.group(1);
    }

    private static String run(List<String> cmd, int timeoutSeconds, Path dir) throws IOException,
            InterruptedException {
        Path out = Files.createTempFile(dir, "client-", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

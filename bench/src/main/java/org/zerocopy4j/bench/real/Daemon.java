package org.zerocopy4j.bench.real;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process the bench started (an example program, nginx, HAProxy, socat, iperf3): ready once its port
 * accepts, stopped by {@link #close}, its output kept in a log file for when it fails.
 */
final class Daemon implements Closeable {
    final String name;
    final int port;
    private final Process process;
    private final Path log;

    private Daemon(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static Daemon start(String name, int port, Path dir, List<String> command) throws IOException {
        Path log = dir.resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Daemon d = new Daemon(name, port, p, log);
        try {
            d.awaitPort();
        } catch (IOException e) {
            d.close();
            throw e;
        }
        return d;
    }

    long pid() {
        return process.pid();
    }

    /** The first line it printed: the example programs say there which threads and mode they run. */
    String banner() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitPort() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + tail());
            }
            if (listening(port)) {
                return;
            }
            sleep(50);
        }
        throw new IOException(name + " did not listen on port " + port + " within 20 s: " + tail());
    }

    /**
     * Whether some socket listens on the port, from /proc/net: a probe connection would count as a client (iperf3
     * would take it for a test, a proxy would open a backend connection for it).
     */
    private static boolean listening(int port) {
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no IPv6, or no /proc: keep waiting on the other table
            }
        }
        return false;
    }

    String tail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // SIGTERM first: nginx and HAProxy stop their workers on it. socat's forked children outlive their parent,
        // so whatever the tree still holds afterwards is killed too.
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}

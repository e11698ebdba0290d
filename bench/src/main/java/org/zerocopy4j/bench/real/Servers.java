package org.zerocopy4j.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the servers and proxies the real-client bench compares, each on a free port of 127.0.0.1, configured in the
 * scratch directory and run as the current user.
 */
final class Servers {
    private final Path dir;

    Servers(Path dir) {
        this.dir = dir;
    }

    /** The example file server in a JVM of its own, from the bench's own class path (which carries it). */
    Daemon fileServer(Path root, String mode, String threads) throws IOException {
        int port = Daemon.freePort();
        return Daemon.start("example server " + mode + " " + threads, port, dir,
                java("org.zerocopy4j.examples.FileServer", "--root", root.toString(), "--port", String.valueOf(port),
                        "--mode", mode, "--threads", threads));
    }

    Daemon proxy(int backend, String mode, String threads) throws IOException {
        int port = Daemon.freePort();
        return Daemon.start("example proxy " + mode + " " + threads, port, dir,
                java("org.zerocopy4j.examples.TcpProxy", "--backend", "127.0.0.1:" + backend, "--port",
                        String.valueOf(port), "--mode", mode, "--threads", threads));
    }

    /** nginx as a static file server with sendfile on and one worker, as its documentation tunes it for this. */
    Daemon nginx(Path root) throws IOException {
        int port = Daemon.freePort();
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        String user = System.getProperty("user.name");
        String conf = String.join("\n",
                // As root, nginx would switch its worker to nobody, who may not read the files: keep our user.
                user.equals("root") ? "user root root;" : "",
                "daemon off;",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("error.log") + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  tcp_nodelay on;",
                "  keepalive_requests 100000000;",
                "  keepalive_timeout 60s;",
                "  default_type application/octet-stream;",
                "  client_body_temp_path " + prefix.resolve("body") + ";",
                "  proxy_temp_path " + prefix.resolve("proxy") + ";",
                "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";",
                "  scgi_temp_path " + prefix.resolve("scgi") + ";",
                "  server { listen 127.0.0.1:" + port + "; root " + root + "; }",
                "}", "");
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        return Daemon.start("nginx", port, dir, List.of("nginx", "-p", prefix.toString(), "-e",
                prefix.resolve("error.log").toString(), "-c", file.toString()));
    }

    /** HAProxy in TCP mode, one thread, splicing where it judges it pays (option splice-auto). */
    Daemon haproxy(int backend) throws IOException {
        int port = Daemon.freePort();
        String conf = String.join("\n",
                "global",
                "  nbthread 1",
                "defaults",
                "  mode tcp",
                "  option splice-auto",
                "  timeout connect 5s",
                "  timeout client 60s",
                "  timeout server 60s",
                "listen relay",
                "  bind 127.0.0.1:" + port,
                "  server backend 127.0.0.1:" + backend, "");
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, conf);
        return Daemon.start("haproxy", port, dir, List.of("haproxy", "-db", "-f", file.toString()));
    }

    /** socat forking a child per connection; iperf3 opens two (control and data). */
    Daemon socat(int backend) throws IOException {
        int port = Daemon.freePort();
        return Daemon.start("socat", port, dir, List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "TCP:127.0.0.1:" + backend));
    }

    Daemon iperf3Server() throws IOException {
        int port = Daemon.freePort();
        return Daemon.start("iperf3 server", port, dir, List.of("iperf3", "-s", "-B", "127.0.0.1", "-p",
                String.valueOf(port)));
    }

    private static List<String> java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}

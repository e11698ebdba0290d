package org.zerocopy4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Counts the system calls one thread makes, by attaching {@code strace -c} to that thread alone (the rest of the JVM
 * is not traced). strace slows the traced thread down a lot, so this runs apart from the timed rounds.
 */
public final class SyscallCounting {

    private static final int ATTACH_SECONDS = 30;

    private SyscallCounting() {
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Null when counting works here, else why not. */
    public static String unavailableReason() {
        if (!Files.isSymbolicLink(Path.of("/proc/thread-self"))) {
            return "no /proc/thread-self (not Linux)";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "strace"))) {
                return null;
            }
        }
        return "strace is not installed";
    }

    /** Runs {@code body} on the calling thread under strace and returns calls per syscall name. */
    public static Map<String, Long> count(Callable<?> body, Path scratch) throws Exception {
        String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        Path report = Files.createTempFile(scratch, "strace-", ".txt");
        Process strace = new ProcessBuilder("strace", "-c", "-p", tid, "-o", report.toString())
                .redirectErrorStream(true).start();
        try {
            awaitAttached(strace);
            body.call();
        } finally {
            // SIGTERM makes strace detach and write its summary.
            strace.destroy();
            if (!strace.waitFor(30, TimeUnit.SECONDS)) {
                strace.destroyForcibly();
            }
        }
        try {
            return parse(Files.readAllLines(report));
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /**
     * Waits for strace's "attached" line, on a helper thread so that a strace that neither attaches nor exits cannot
     * hang the run; afterwards the helper keeps draining strace's output so it never blocks on a full pipe.
     */
    private static void awaitAttached(Process strace) throws IOException, InterruptedException {
        CompletableFuture<Void> attached = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(strace.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    if (line.contains("attached")) {
                        attached.complete(null);
                    } else if (!attached.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // strace went away; the future below reports it
            }
            attached.completeExceptionally(new IOException("strace could not attach: " + seen.toString().trim()));
        }, "zc-bench-strace-out");
        reader.setDaemon(true);
        reader.start();
        try {
            attached.get(ATTACH_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        } catch (TimeoutException e) {
            throw new IOException("strace did not attach within " + ATTACH_SECONDS + " s");
        }
    }

    /** Rows of strace -c: "% time, seconds, usecs/call, calls, [errors], syscall". */
    static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : lines) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 5 || !Character.isDigit(t[0].charAt(0))) {
                continue;
            }
            String name = t[t.length - 1];
            if (name.equals("total")) {
                continue;
            }
            try {
                calls.put(name, Long.parseLong(t[3]));
            } catch (NumberFormatException e) {
                // a header or separator line
            }
        }
        return calls;
    }
}

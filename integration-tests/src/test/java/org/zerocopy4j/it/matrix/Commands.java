package org.zerocopy4j.it.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the matrix scripts with a hard time bound, so no cell can hang the build. */
final class Commands {

    private Commands() {}

    /** Exit code, or 124 (as timeout(1) reports it) when the bound is hit and the whole tree is killed. */
    static int run(List<String> command, Map<String, String> env, Path log, Duration limit)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                return process.exitValue();
            }
            return 124;
        } finally {
            // Also when the test thread is interrupted (a JUnit timeout): no VM or emulated JVM may
            // outlive its cell and compete with the next one.
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The last line a script printed that is not one of its log lines: how the scripts return a path. */
    static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank() && !lines.get(i).startsWith("[matrix ")) {
                return lines.get(i).trim();
            }
        }
        throw new IOException("no result line in " + log);
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Real client programs (curl, iperf3, socat) run as separate processes. A missing one skips the test on a developer's
 * machine and fails it under CI=true, where .ci/run installed it.
 */
final class Clients {

    record Result(int exit, String out, String err) {
    }

    private Clients() {
    }

    static void require(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return;
            }
        }
        String why = binary + " is not installed (Debian package " + binary + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; CI=true needs it");
        }
        Assumptions.abort(why);
    }

    static Result run(int timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        return run(timeoutSeconds, command, null);
    }

    /** Runs a command to its end with {@code stdin} (or nothing) as its input. */
    static Result run(int timeoutSeconds, List<String> command, Path stdin) throws IOException, InterruptedException {
        // Output goes to files, so a chatty process never blocks on a full pipe while we wait for it.
        Path out = Files.createTempFile(Scratch.dir(), "out-", ".txt");
        Path err = Files.createTempFile(Scratch.dir(), "err-", ".txt");
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            b.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process p = b.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command.get(0) + " did not finish in " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A long-running process (a server); its output is discarded. */
    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}

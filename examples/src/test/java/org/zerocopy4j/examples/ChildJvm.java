package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One example program ({@code Launcher server|proxy ...}) in a JVM of its own, as users run it: its flags parsed by its
 * own main, its own descriptor limit when asked for, and its exit observable. Output goes to files under scratch.
 */
final class ChildJvm implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+),");

    private final Process process;
    private final Path out;
    private final Path err;
    final int port;

    private ChildJvm(Process process, Path out, Path err, int port) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.port = port;
    }

    /**
     * Starts the launcher with {@code args} and waits for its "listening on" line.
     *
     * @param maxDescriptors the soft and hard RLIMIT_NOFILE of the child, or 0 to inherit ours
     */
    static ChildJvm start(int maxDescriptors, String... args) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 22) {
            java.add("--enable-native-access=ALL-UNNAMED");
        }
        java.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), "org.zerocopy4j.examples.Launcher"));
        java.addAll(List.of(args));
        List<String> command = new ArrayList<>();
        if (maxDescriptors > 0) {
            // bash's ulimit without -S/-H sets both limits, so the JVM cannot raise its soft limit back up.
            command.addAll(List.of("bash", "-c", "ulimit -n " + maxDescriptors + " && exec \"$@\"", "bash"));
        }
        command.addAll(java);
        Path out = Files.createTempFile(Scratch.dir(), "child-out-", ".txt");
        Path err = Files.createTempFile(Scratch.dir(), "child-err-", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ChildJvm(p, out, err, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        fail("child did not start: " + command + "\nstdout: " + Files.readString(out) + "\nstderr: "
                + Files.readString(err));
        throw new AssertionError();
    }

    boolean alive() {
        return process.isAlive();
    }

    String describeExit() throws IOException {
        return process.isAlive() ? "running" : "exited with status " + process.exitValue() + ", stderr: "
                + stderr();
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}

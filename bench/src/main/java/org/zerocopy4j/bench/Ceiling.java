package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C program (src/main/c) run as a subprocess doing the same loops as the Java variants. Its start-up is not
 * measured: it times its own loop and prints the figures.
 */
public final class Ceiling {
    private static final String RESOURCE = "native/zc-ceiling";

    private final Path binary;

    private Ceiling(Path binary) {
        this.binary = binary;
    }

    /** Copies the binary the build put among the classes to {@code dir}; null when this build has none. */
    public static Ceiling extract(Path dir) throws IOException {
        try (InputStream in = Ceiling.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Path target = dir.resolve("zc-ceiling");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            return new Ceiling(target);
        }
    }

    /** A trial running one mode of the C program. */
    public Trial trial(String... args) {
        return () -> run(args);
    }

    Measured run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        // The machine's CPU spans the whole process, its start-up (about a millisecond) included: the program
        // cannot see the receiver's CPU from inside its own loop.
        long machine0 = MachineCpu.nowNs();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("C ceiling did not finish within 300 s: " + cmd);
        }
        long machine = MachineCpu.between(machine0, MachineCpu.nowNs());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("C ceiling " + cmd + " exited " + p.exitValue() + ": " + out);
        }
        Map<String, Long> f = new HashMap<>();
        for (String kv : out.split("\\s+")) {
            String[] parts = kv.split("=", 2);
            if (parts.length == 2) {
                f.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        for (String key : List.of("bytes", "calls", "wall_ns", "cpu_ns")) {
            if (!f.containsKey(key)) {
                throw new IOException("C ceiling printed no " + key + ": " + out);
            }
        }
        return new Measured(f.get("bytes"), f.get("calls"), f.get("wall_ns"), f.get("cpu_ns"), -1, machine);
    }
}

package org.zerocopy4j.it.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/** Where the matrix finds its payload and scripts, and what it does when a tool is missing. */
final class MatrixEnv {

    private MatrixEnv() {}

    static Path payload() {
        return path("zerocopy4j.matrix.payload");
    }

    static Path scripts() {
        return path("zerocopy4j.matrix.scripts");
    }

    static Path out(String cell) throws IOException {
        Path dir = path("zerocopy4j.matrix.out").resolve(cell);
        Files.createDirectories(dir);
        return dir;
    }

    static Path table() {
        return path("zerocopy4j.matrix.table");
    }

    /** CI must never turn a missing tool into a green build, so there a skip becomes a failure. */
    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Extra launcher filters for quick runs, e.g. -Dzerocopy4j.matrix.select=--include-classname=.*Sendfile.* */
    static Map<String, String> suiteEnv() {
        String select = System.getProperty("zerocopy4j.matrix.select", "").trim();
        return select.isEmpty() ? Map.of() : Map.of("ZC_SUITE_ARGS", select);
    }

    static boolean linuxProviderPackaged() throws IOException {
        try (var jars = Files.list(payload().resolve("lib"))) {
            return jars.anyMatch(j -> j.getFileName().toString().startsWith("zerocopy4j-provider-linux-"));
        }
    }

    /** Skips (or, on CI, fails) the cells of a kind that the build was told not to run. */
    static void requireSelected(String kind) {
        Set<String> cells = Arrays.stream(System.getProperty("zerocopy4j.matrix.cells", "all").split(","))
                .map(String::trim).collect(Collectors.toSet());
        Assumptions.assumeTrue(cells.contains("all") || cells.contains(kind),
                () -> "matrix cells of kind " + kind + " not selected by -Dzerocopy4j.matrix.cells");
    }

    /** One loud line naming what to install, then a skip, or a failure under CI=true. */
    static void requireTool(String what, boolean present, String install) {
        if (present) {
            return;
        }
        String line = "[zerocopy4j matrix] " + what + " is missing: " + install
                + (ci() ? " (CI=true: failing)" : " -- these matrix cells are SKIPPED");
        System.err.println(line);
        if (ci()) {
            fail(line);
        }
        Assumptions.abort(line);
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the matrix through failsafe (mvn verify)");
        }
        return Path.of(value);
    }
}

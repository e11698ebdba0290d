package org.zerocopy4j.it.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * target/matrix.md: one row per cell and provider.  Each cell writes its own row file, so IT classes
 * running in any order (or only some of them) still add up to one table.
 */
final class MatrixTable {

    private static final String HEADER = """
            | cell | provider | passed | failed | skipped | seconds | environment |
            |---|---|---|---|---|---|---|
            """;

    private MatrixTable() {}

    /** Records a cell's rows; a cell that produced no provider run still gets a row saying so. */
    static synchronized void record(String order, String cell, List<ProviderRun> runs, String environment,
            String problem) throws IOException {
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ProviderRun run : runs) {
            SuiteReport r = run.report();
            rows.add(String.join(" | ", "| " + cell, run.provider(), String.valueOf(r.passed()),
                    String.valueOf(r.failed()), String.valueOf(r.skipped()), String.valueOf(run.seconds()),
                    environment(r, environment) + " |"));
            if (!r.failures().isEmpty()) {
                notes.add("- " + cell + " / " + run.provider() + " failed: " + String.join(", ", r.failures()));
            }
            if (run.exit() != 0 && r.failures().isEmpty()) {
                notes.add("- " + cell + " / " + run.provider() + ": launcher exit " + run.exit()
                        + " (see " + run.dir().resolve("console.txt") + ")");
            }
        }
        if (runs.isEmpty()) {
            rows.add("| " + cell + " | - | 0 | - | - | - | " + environment + " |");
        }
        if (problem != null) {
            notes.add("- " + cell + ": " + problem);
        }
        Path dir = rowsDir();
        Files.writeString(dir.resolve(order + ".rows"), String.join("\n", rows) + "\n");
        Files.writeString(dir.resolve(order + ".notes"), notes.isEmpty() ? "" : String.join("\n", notes) + "\n");
        Files.writeString(MatrixEnv.table(), render());
    }

    static String render() throws IOException {
        StringBuilder table = new StringBuilder(HEADER);
        StringBuilder notes = new StringBuilder();
        try (var files = Files.list(rowsDir())) {
            for (Path f : files.sorted().toList()) {
                (f.toString().endsWith(".rows") ? table : notes).append(Files.readString(f));
            }
        }
        return "## zerocopy4j behaviour matrix\n\n" + table
                + (notes.length() > 0 ? "\n" + notes : "");
    }

    private static String environment(SuiteReport r, String environment) {
        String java = r.properties().getOrDefault("java.version", "?");
        String kernel = r.properties().getOrDefault("os.version", "?");
        String arch = r.properties().getOrDefault("os.arch", "?");
        return environment + "; Java " + java + ", kernel " + kernel + ", " + arch;
    }

    private static Path rowsDir() throws IOException {
        Path dir = MatrixEnv.table().resolveSibling("matrix").resolve("rows");
        Files.createDirectories(dir);
        return dir;
    }
}

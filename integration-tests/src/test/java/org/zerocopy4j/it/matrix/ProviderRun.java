package org.zerocopy4j.it.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the payload in one cell with one provider selected, as run-suite.sh left it. */
record ProviderRun(String provider, int exit, long seconds, SuiteReport report, Path dir) {

    /** What org.zerocopy4j.Diagnostics printed in the cell with this provider requested. */
    String diagnostics() {
        try {
            return Files.readString(dir.resolve("diagnostics.txt"));
        } catch (IOException e) {
            return "(no diagnostics: " + e.getMessage() + ")";
        }
    }

    /** Every provider run found under a cell's results directory. */
    static List<ProviderRun> collect(Path results) throws IOException {
        List<ProviderRun> runs = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return runs;
        }
        try (var dirs = Files.list(results)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path exit = dir.resolve("exit");
                if (!Files.exists(exit)) {
                    continue;
                }
                String[] parts = Files.readString(exit).trim().split("\\s+");
                runs.add(new ProviderRun(dir.getFileName().toString(), Integer.parseInt(parts[0]),
                        Long.parseLong(parts[1]), SuiteReport.read(dir), dir));
            }
        }
        return runs;
    }
}

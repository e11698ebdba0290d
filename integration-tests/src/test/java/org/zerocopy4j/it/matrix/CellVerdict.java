package org.zerocopy4j.it.matrix;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * What a green cell promises a user: the suite really ran there with every packaged provider, ran
 * some tests, and none failed.  Records the cell's table rows first, so a failing cell is in the table too.
 */
final class CellVerdict {

    private CellVerdict() {}

    static void check(String order, String cell, String environment, Path results, String problem)
            throws IOException {
        List<ProviderRun> runs = ProviderRun.collect(results);
        String env = environment + libc(results);
        MatrixTable.record(order, cell, runs, env, problem);

        List<String> expected = MatrixEnv.linuxProviderPackaged() ? List.of("linux", "fallback") : List.of("fallback");
        List<Executable> checks = new ArrayList<>();
        for (String provider : expected) {
            ProviderRun run = runs.stream().filter(r -> r.provider().equals(provider)).findFirst().orElse(null);
            checks.add(() -> assertTrue(run != null,
                    () -> cell + ": the " + provider + " provider never ran" + (problem == null ? "" : " (" + problem + ")")));
            if (run == null) {
                continue;
            }
            SuiteReport r = run.report();
            String where = cell + " / " + provider;
            String diagnostics = run.diagnostics();
            checks.add(() -> assertTrue(diagnostics.contains("Chosen: " + provider),
                    () -> where + ": the provider was not usable here; Diagnostics said:\n" + diagnostics));
            checks.add(() -> assertTrue(r.tests() > 0, () -> where + ": no test ran; launcher output:\n"
                    + Commands.tail(run.dir().resolve("console.txt"), 30)));
            checks.add(() -> assertTrue(r.failed() == 0, () -> where + ": " + r.failed() + " failed: " + r.failures()));
            checks.add(() -> assertTrue(run.exit() == 0, () -> where + ": launcher exit " + run.exit() + "\n"
                    + Commands.tail(run.dir().resolve("console.txt"), 30)));
        }
        assertAll(cell, checks);
    }

    private static String libc(Path results) throws IOException {
        Path libc = results.resolve("libc");
        return Files.exists(libc) ? ", " + Files.readString(libc).trim() : "";
    }
}

package org.zerocopy4j.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Clears the previous build's rows when the matrix starts and prints target/matrix.md once all matrix
 * ITs are done, so the table closes the build log.  Only the
 * failsafe run sets the table property; surefire and the payload's own launcher runs load this and do
 * nothing.
 */
public final class MatrixPrinter implements LauncherSessionListener {

    /** Rows left in target/ by an earlier build must not pass for this build's results. */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String table = System.getProperty("zerocopy4j.matrix.table");
        if (table == null) {
            return;
        }
        Path rows = Path.of(table).resolveSibling("matrix").resolve("rows");
        try {
            Files.deleteIfExists(Path.of(table));
            if (Files.isDirectory(rows)) {
                try (var files = Files.list(rows)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear the previous matrix rows", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String table = System.getProperty("zerocopy4j.matrix.table");
        if (table == null || !Files.exists(Path.of(table))) {
            return;
        }
        try {
            System.out.println("\n" + Files.readString(Path.of(table)) + "\n(written to " + table + ")");
        } catch (java.io.IOException e) {
            System.err.println("[zerocopy4j matrix] cannot print " + table + ": " + e.getMessage());
        }
    }
}

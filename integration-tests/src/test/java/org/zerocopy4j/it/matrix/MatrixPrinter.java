package org.zerocopy4j.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prints target/matrix.md once all matrix ITs are done, so the table closes the build log.  Only the
 * failsafe run sets the table property; surefire and the payload's own launcher runs load this and do
 * nothing.
 */
public final class MatrixPrinter implements LauncherSessionListener {

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

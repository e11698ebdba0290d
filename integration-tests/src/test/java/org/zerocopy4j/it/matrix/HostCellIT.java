package org.zerocopy4j.it.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The machine's own kernel and the build's JDK: the payload as a user would run it, outside Maven. */
class HostCellIT {

    // The suite's 120 s default is for single transfers; a cell boots a VM or builds an image.
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    @Test
    void payloadPassesOnTheHost() throws Exception {
        MatrixEnv.requireSelected("host");
        Path out = MatrixEnv.out("host");
        Path results = out.resolve("results");
        int rc = Commands.run(List.of("sh", MatrixEnv.payload().resolve("run-suite.sh").toString(),
                        results.toString(), System.getProperty("java.home")),
                MatrixEnv.suiteEnv(), out.resolve("cell.log"), Duration.ofMinutes(20));
        CellVerdict.check("00-host", "host", "host kernel, build JDK", results,
                rc == 0 ? null : "run-suite.sh exit " + rc);
    }
}

package org.zerocopy4j.it.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** arm64: Debian's arm64 JDK and the provider's aarch64 library, the whole suite under qemu-user. */
class Arm64CellIT {

    // The suite's 120 s default is for single transfers; a cell boots a VM or builds an image.
    @Timeout(value = 35, unit = TimeUnit.MINUTES)
    @Test
    void payloadPassesOnArm64() throws Exception {
        MatrixEnv.requireSelected("arm64");
        MatrixEnv.requireTool("debootstrap", MatrixEnv.onPath("debootstrap"), "apt-get install debootstrap");
        MatrixEnv.requireTool("qemu-aarch64-static", MatrixEnv.onPath("qemu-aarch64-static"),
                "apt-get install qemu-user-static");

        Path out = MatrixEnv.out("arm64");
        Path guest = out.resolve("guest");
        int rc = Commands.run(List.of("bash", MatrixEnv.scripts().resolve("arm64.sh").toString(),
                        MatrixEnv.payload().toString(), guest.toString()),
                MatrixEnv.suiteEnv(), out.resolve("arm64.log"), Duration.ofMinutes(30));
        CellVerdict.check("30-arm64", "arm64 bookworm + openjdk-17 (qemu-user, no child JVMs)", "Debian bookworm arm64",
                guest.resolve("results"),
                rc == 0 ? null : "arm64.sh exit " + rc + ": " + Commands.tail(out.resolve("arm64.log"), 5));
    }
}

package org.zerocopy4j.it.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * arm64: Debian's arm64 JDK and the provider's aarch64 library under qemu-user.  Emulated JVMs are
 * slow, so the cell runs a smoke subset of the suite unless zerocopy4j.matrix.arm64.full=true.
 */
class Arm64CellIT {

    /** sendfile, splice, copyRange and the relay, byte-exact: the calls whose ABI differs per architecture. */
    static final List<String> SMOKE = List.of(
            "--select-class=org.zerocopy4j.it.SendfileBehaviourTest",
            "--select-class=org.zerocopy4j.it.SpliceBehaviourTest");

    @Test
    void payloadPassesOnArm64() throws Exception {
        MatrixEnv.requireSelected("arm64");
        MatrixEnv.requireTool("debootstrap", MatrixEnv.onPath("debootstrap"), "apt-get install debootstrap");
        MatrixEnv.requireTool("qemu-aarch64-static", MatrixEnv.onPath("qemu-aarch64-static"),
                "apt-get install qemu-user-static");

        Path out = MatrixEnv.out("arm64");
        Path guest = out.resolve("guest");
        List<String> command = new ArrayList<>(List.of("bash", MatrixEnv.scripts().resolve("arm64.sh").toString(),
                MatrixEnv.payload().toString(), guest.toString()));
        boolean full = Boolean.getBoolean("zerocopy4j.matrix.arm64.full");
        if (!full && MatrixEnv.suiteEnv().isEmpty()) {
            command.addAll(SMOKE);
        }
        int rc = Commands.run(command, MatrixEnv.suiteEnv(), out.resolve("arm64.log"), Duration.ofMinutes(30));
        CellVerdict.check("30-arm64", "arm64 bookworm + openjdk-17 (qemu-user" + (full ? ")" : ", smoke subset)"),
                "Debian bookworm arm64", guest.resolve("results"),
                rc == 0 ? null : "arm64.sh exit " + rc + ": " + Commands.tail(out.resolve("arm64.log"), 5));
    }
}

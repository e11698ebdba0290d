package org.zerocopy4j.it.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian kernels under QEMU (software emulation): the syscall behaviour of each kernel with the host's
 * own userland and JDK.  The bookworm-backports cell also gets an xfs disk so copyRange really reflinks.
 */
class KernelCellsIT {

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource({
        "20, bullseye,           5.10, ''",
        "21, bookworm,           6.1,  ''",
        "22, bookworm-backports, 6.12, xfs",
        "23, trixie-backports,   7.3,  ''",
    })
    void payloadPassesUnderKernel(String order, String suite, String version, String disk) throws Exception {
        MatrixEnv.requireSelected("kernel");
        MatrixEnv.requireTool("qemu-system-x86_64", MatrixEnv.onPath("qemu-system-x86_64"),
                "apt-get install qemu-system-x86");
        MatrixEnv.requireTool("a static busybox", Files.exists(Path.of("/bin/busybox")),
                "apt-get install busybox-static");
        if (!disk.isEmpty()) {
            MatrixEnv.requireTool("mkfs.xfs", MatrixEnv.onPath("mkfs.xfs"), "apt-get install xfsprogs");
        }

        String cell = "kernel " + version + " (" + suite + (disk.isEmpty() ? "" : ", " + disk + " disk") + ")";
        Path out = MatrixEnv.out("kernel-" + suite);
        Path guest = out.resolve("guest");
        int rc = Commands.run(List.of("bash", MatrixEnv.scripts().resolve("vm.sh").toString(), suite,
                        MatrixEnv.payload().toString(), guest.toString(), System.getProperty("java.home"), disk),
                withTimeout(MatrixEnv.suiteEnv()), out.resolve("vm.log"), Duration.ofMinutes(25));
        String problem = rc == 0 ? null : "VM exit " + rc + ": " + Commands.tail(out.resolve("vm.log"), 3)
                + " / console: " + Commands.tail(guest.resolve("console.log"), 5);
        String env = "QEMU TCG, host userland" + scratch(guest);
        CellVerdict.check(order + "-kernel", cell, env, guest.resolve("results"), problem);
    }

    private static Map<String, String> withTimeout(Map<String, String> env) {
        var all = new java.util.HashMap<>(env);
        all.put("ZC_VM_TIMEOUT", "1200");
        return all;
    }

    private static String scratch(Path guest) throws java.io.IOException {
        Path fs = guest.resolve("scratch-fs");
        return Files.exists(fs) ? ", tmpdir on " + Files.readString(fs).trim() : ", tmpdir on tmpfs";
    }
}

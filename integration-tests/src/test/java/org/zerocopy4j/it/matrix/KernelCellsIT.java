package org.zerocopy4j.it.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian kernels under QEMU (software emulation): the syscall behaviour of each kernel with the host's
 * own userland and JDK.  The 6.12 cell also gets an xfs disk so copyRange really reflinks.  VMs boot two
 * at a time (one vCPU each), the cells report in order.
 */
class KernelCellsIT {

    record Kernel(String order, String suite, String version, String disk) {
        String cell() {
            return "kernel " + version + " (" + suite + (disk.isEmpty() ? "" : ", " + disk + " disk") + ")";
        }

        Path out() throws IOException {
            return MatrixEnv.out("kernel-" + suite);
        }
    }

    static final List<Kernel> KERNELS = List.of(
            new Kernel("20", "bullseye", "5.10", ""),
            new Kernel("21", "bookworm", "6.1", ""),
            new Kernel("22", "bookworm-backports", "6.12", "xfs"),
            new Kernel("23", "trixie-backports", "7.3", ""));

    private static final Duration VM_LIMIT = Duration.ofMinutes(20);
    private static ExecutorService pool;
    private static final Map<Kernel, Future<Integer>> RUNS = new LinkedHashMap<>();

    static List<Kernel> kernels() {
        return KERNELS;
    }

    /** -Dzerocopy4j.matrix.kernels=7.3,6.1 boots only those (a quick run); unset or "all" boots every kernel. */
    static boolean selected(Kernel kernel) {
        String only = System.getProperty("zerocopy4j.matrix.kernels", "all").trim();
        return only.isEmpty() || only.equals("all") || List.of(only.split("\\s*,\\s*")).contains(kernel.version());
    }

    // The suite's 120 s default is for single transfers; a cell boots a VM or builds an image.
    @Timeout(value = 50, unit = TimeUnit.MINUTES)
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void payloadPassesUnderKernel(Kernel kernel) throws Exception {
        MatrixEnv.requireSelected("kernel");
        org.junit.jupiter.api.Assumptions.assumeTrue(selected(kernel),
                () -> "kernel " + kernel.version() + " not selected by -Dzerocopy4j.matrix.kernels");
        MatrixEnv.requireTool("qemu-system-x86_64", MatrixEnv.onPath("qemu-system-x86_64"),
                "apt-get install qemu-system-x86");
        MatrixEnv.requireTool("a static busybox", Files.exists(Path.of("/bin/busybox")),
                "apt-get install busybox-static");
        MatrixEnv.requireTool("mkfs.xfs", MatrixEnv.onPath("mkfs.xfs"), "apt-get install xfsprogs");

        int rc = startAll().get(kernel).get(2 * VM_LIMIT.toMinutes() + 5, TimeUnit.MINUTES);
        Path guest = kernel.out().resolve("guest");
        Path log = kernel.out().resolve("vm.log");
        String problem = rc == 0 ? null : "VM exit " + rc + ": " + Commands.tail(log, 3)
                + " / console: " + Commands.tail(guest.resolve("console.log"), 5);
        CellVerdict.check(kernel.order() + "-kernel", kernel.cell(), "QEMU TCG, host userland" + tmpdir(guest),
                guest.resolve("results"), problem);
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static synchronized Map<Kernel, Future<Integer>> startAll() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(Integer.getInteger("zerocopy4j.matrix.vms", 2));
            for (Kernel kernel : KERNELS) {
                if (!selected(kernel)) {
                    continue;
                }
                RUNS.put(kernel, pool.submit(() -> boot(kernel)));
            }
        }
        return RUNS;
    }

    private static int boot(Kernel kernel) throws Exception {
        Map<String, String> env = new HashMap<>(MatrixEnv.suiteEnv());
        env.put("ZC_VM_TIMEOUT", String.valueOf(VM_LIMIT.toSeconds()));
        return Commands.run(List.of("bash", MatrixEnv.scripts().resolve("vm.sh").toString(), kernel.suite(),
                        MatrixEnv.payload().toString(), kernel.out().resolve("guest").toString(),
                        System.getProperty("java.home"), kernel.disk()),
                env, kernel.out().resolve("vm.log"), VM_LIMIT.plusMinutes(5));
    }

    private static String tmpdir(Path guest) throws IOException {
        Path fs = guest.resolve("scratch-fs");
        return Files.exists(fs) ? ", tmpdir on " + Files.readString(fs).trim() : ", tmpdir on tmpfs";
    }
}

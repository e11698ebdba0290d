package org.zerocopy4j.it.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Debian releases as containers: each one's C library and packaged JDK under the host kernel.  Images
 * are built here from debootstrap (nothing can be pulled) and cached by content hash.
 */
class ContainerCellsIT {

    // The suite's 120 s default is for single transfers; a cell boots a VM or builds an image.
    @Timeout(value = 50, unit = TimeUnit.MINUTES)
    @ParameterizedTest(name = "{1} + {2}")
    @CsvSource({
        "10, bullseye, openjdk-17-jre-headless, 17",
        "11, bookworm, openjdk-17-jre-headless, 17",
        "12, trixie,   openjdk-21-jre-headless, 21",
        "13, trixie,   openjdk-25-jre-headless, 25",
        "14, sid,      openjdk-26-jre-headless, 26",
        "15, sid,      openjdk-27-jre-headless, 27",
        "16, sid,      openjdk-28-jre-headless, 28",
    })
    void payloadPassesInContainer(String order, String suite, String jdk, int major) throws Exception {
        MatrixEnv.requireSelected("container");
        MatrixEnv.requireTool("debootstrap", MatrixEnv.onPath("debootstrap"), "apt-get install debootstrap");
        MatrixEnv.requireTool("a running Docker daemon", MatrixEnv.onPath("docker") && dockerAnswers(),
                "apt-get install docker.io, then start dockerd");

        String cell = suite + " + openjdk-" + major + " (container)";
        Path out = MatrixEnv.out("container-" + suite + "-" + major);
        Path log = out.resolve("image.log");
        int rc = Commands.run(List.of("bash", MatrixEnv.scripts().resolve("image.sh").toString(), suite, jdk),
                Map.of(), log, Duration.ofMinutes(25));
        String problem = null;
        if (rc != 0) {
            problem = "image build failed (exit " + rc + "): " + Commands.tail(log, 5).replace('\n', ' ');
        } else {
            problem = runIn(Commands.lastLine(log), out, major);
        }
        CellVerdict.check(order + "-container", cell, "Debian " + suite, out.resolve("results"), problem);
    }

    private static String runIn(String image, Path out, int major) {
        // No network inside: everything the suite needs is on loopback.  The payload is read-only.
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("none")
                .withEnv(MatrixEnv.suiteEnv())
                .withFileSystemBind(MatrixEnv.payload().toString(), "/payload", BindMode.READ_ONLY)
                .withFileSystemBind(out.toString(), "/out", BindMode.READ_WRITE)
                .withCommand("sh", "/payload/run-suite.sh", "/out/results",
                        "/usr/lib/jvm/java-" + major + "-openjdk-amd64")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(20)))) {
            container.start();
            return null;
        } catch (RuntimeException e) {
            return "container run failed: " + e.getMessage();
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

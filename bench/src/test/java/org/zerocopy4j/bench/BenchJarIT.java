package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user runs it, in its own JVM: the manifest's main class, the providers' merged service files
 * and the C ceiling carried inside all have to work for the README's command to.
 */
@EnabledOnOs(OS.LINUX)
class BenchJarIT {
    private static final String JAR_PROPERTY = "zerocopy4j.bench.jar";
    private static final Path JAR = Path.of(System.getProperty(JAR_PROPERTY, "target/zerocopy4j-bench.jar"));

    @BeforeAll
    static void onlyAfterPackaging() {
        // Failsafe sets the property once the jar is built; a surefire run picked up by a -Dtest pattern has no jar.
        assumeTrue(System.getProperty(JAR_PROPERTY) != null, "needs the packaged jar: runs under failsafe");
    }

    private static String run(Path dir, int expectedExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jar did not finish: " + out);
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }

    @Test
    void helpNamesTheOptions(@TempDir Path tmp) throws Exception {
        String out = run(tmp, 0, "--help");

        for (String flag : List.of("--quick", "--paths", "--sizes", "--out", "--jmh")) {
            assertTrue(out.contains(flag), out);
        }
    }

    @Test
    void jarRunsProvidersAndTheCeiling(@TempDir Path tmp) throws Exception {
        String out = run(tmp, 0, "--smoke", "--paths", "1,6", "--out", "res", "--work", tmp.toString());

        JsonNode json = ReportFiles.check(tmp.resolve("res"));
        List<String> ids = ReportFiles.variantIds(json, "file-socket-");
        assertTrue(ids.contains("zc-fallback"), "fallback provider not found through the shaded services: " + ids);
        assertTrue(ids.contains("c-sendfile"), "C ceiling not carried in the jar: " + ids);
        assertTrue(Files.readString(tmp.resolve("res/results.md")).contains("| C sendfile *"), out);
    }

    @Test
    void jmhListsTheBenchmarks(@TempDir Path tmp) throws Exception {
        String out = run(tmp, 0, "--jmh", "-l");

        for (String b : List.of("FileToSocketBenchmark", "SmallResponseBenchmark", "RelayBenchmark",
                "UploadBenchmark", "FileCopyBenchmark")) {
            assertTrue(out.contains("org.zerocopy4j.bench.jmh." + b + ".transfer"), out);
        }
    }
}

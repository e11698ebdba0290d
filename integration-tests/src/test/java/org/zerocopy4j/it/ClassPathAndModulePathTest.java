package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Runs {@code org.zerocopy4j.Diagnostics} in a fresh JVM with the real jars (or class directories) of the api, the
 * providers and slf4j-api, once on the class path and once on the module path, so both discovery routes
 * (META-INF/services and {@code provides}) are proven.
 */
class ClassPathAndModulePathTest {

    /** The api, provider and slf4j-api entries of this test's own class path. */
    static String libraryPath() {
        String cp = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        List<String> keep = Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .filter(e -> e.contains("zerocopy4j-api") || e.contains("zerocopy4j-provider")
                        || e.contains("zerocopy4j-native-internal")
                        || e.contains("slf4j-api") || isModuleDir(e))
                .distinct()
                .collect(Collectors.toList());
        return String.join(File.pathSeparator, keep);
    }

    /** In a reactor build without jars, a dependency is its module's target/classes directory. */
    private static boolean isModuleDir(String entry) {
        Path p = Paths.get(entry);
        return p.endsWith(Paths.get("target", "classes")) && !p.toString().contains("integration-tests")
                && p.resolve("module-info.class").toFile().exists();
    }

    private static Result run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + cmd);
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    @Test
    void classPathFindsProvidersThroughServicesFiles() throws Exception {
        Result r = run(List.of("-cp", libraryPath(), "org.zerocopy4j.Diagnostics"));
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("fallback"), r.output);
        assertTrue(r.output.contains("Chosen: "), r.output);
    }

    @Test
    void modulePathFindsProvidersThroughModuleDeclarations() throws Exception {
        List<String> args = new ArrayList<>(List.of("--module-path", libraryPath()));
        if (Runtime.version().feature() >= 24) {
            args.add("--enable-native-access=ALL-MODULE-PATH");
        }
        args.addAll(List.of("-m", "org.zerocopy4j/org.zerocopy4j.Diagnostics"));
        Result r = run(args);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("fallback"), r.output);
        assertTrue(r.output.contains("Chosen: "), r.output);
    }

    @Test
    void theApiAloneRunsItsDiagnosticsAndSaysWhatToAdd() throws Exception {
        String api = Arrays.stream(libraryPath().split(File.pathSeparator))
                .filter(e -> e.contains("zerocopy4j-api") || e.replace('\\', '/').endsWith("api/target/classes"))
                .findFirst().orElseThrow();
        Result r = api.endsWith(".jar") ? run(List.of("-jar", api))
                : run(List.of("-cp", api, "org.zerocopy4j.Diagnostics"));
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("no zerocopy4j provider is available"), r.output);
        assertTrue(r.output.contains("zerocopy4j-provider-fallback"), r.output);
    }

    @Test
    void overrideNamesTheProviderAndAnUnknownNameFailsListingCandidates() throws Exception {
        Result chosen = run(List.of("-Dzerocopy4j.provider=fallback", "-cp", libraryPath(),
                "org.zerocopy4j.Diagnostics"));
        assertEquals(0, chosen.exit, chosen.output);
        assertTrue(chosen.output.contains("Chosen: fallback"), chosen.output);
        Result unknown = run(List.of("-Dzerocopy4j.provider=vms", "-cp", libraryPath(), "org.zerocopy4j.Diagnostics"));
        assertEquals(1, unknown.exit, unknown.output);
        assertTrue(unknown.output.contains("'vms' was not found"), unknown.output);
        assertTrue(unknown.output.contains("fallback (priority 0): available"), unknown.output);
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A write that fails part-way (EFBIG past a file-size limit; ENOSPC and a quota behave the same) neither loses nor
 * duplicates a byte: the input's position advances by exactly what reached the output, a
 * {@link org.zerocopy4j.NativeIOException} says how many bytes that was, and a retry from the position yields the
 * input exactly. A call may instead return the short count, as write(2) does. The limit is set with {@code ulimit -f} on a child JVM, which ignores SIGXFSZ, so the write past
 * it returns short and the next one fails with EFBIG.
 */
class PartialWriteBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeToAnAppendOutputThatFillsUpAdvancesByWhatWasWritten(String provider) throws Exception {
        Map<String, String> facts = child(provider, "copy-append");
        assertPartial(provider, facts);
        assertEquals("true", facts.get("exact"), "the first output's new bytes and the retry's are the input");
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void copyRangeAtAnOffsetThatFillsUpAdvancesByWhatWasWritten(String provider) throws Exception {
        Map<String, String> facts = child(provider, "copy-offset");
        assertPartial(provider, facts);
        assertEquals("true", facts.get("exact"), "the first output's new bytes and the retry's are the input");
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anUploadThatFillsUpSaysWhatReachedTheFile(String provider) throws Exception {
        Map<String, String> facts = child(provider, "upload-offset");
        assertTrue(facts.containsKey("exception"), "the upload past the limit did not fail: " + facts);
        if (countsDelivered(provider, facts)) {
            assertEquals("true", facts.get("native"), "linux's failure is a NativeIOException");
            assertEquals(facts.get("written"), facts.get("reported"),
                    "bytesTransferred() against the bytes that reached the file: " + facts);
        }
    }

    private static void assertPartial(String provider, Map<String, String> facts) {
        long written = Long.parseLong(facts.get("written"));
        assertTrue(written > 0 && written < FileSizeLimitChild.INPUT,
                "the first write was not partial (written " + written + "): " + facts);
        assertEquals(written, Long.parseLong(facts.get("advanced")),
                "the input's position against the bytes that reached the output: " + facts);
        if (!facts.containsKey("exception")) {
            // A kernel copy stops at the limit and returns what it wrote, as write(2) does: the next call fails.
            assertEquals(written, Long.parseLong(facts.get("returned")), "the short count returned: " + facts);
            return;
        }
        if (countsDelivered(provider, facts)) {
            assertEquals("true", facts.get("native"), "linux's failure is a NativeIOException: " + facts);
            assertEquals(written, Long.parseLong(facts.get("reported")),
                    "bytesTransferred() against the bytes that reached the output: " + facts);
        }
    }

    /**
     * Whether the failure must say how many bytes were delivered: every NativeIOException does; Linux serves these
     * calls itself and must throw one. A provider that hands the call on (the OS shims decline an APPEND output) or
     * the fallback reports the JDK's own IOException, whose count the position tells.
     */
    private static boolean countsDelivered(String provider, Map<String, String> facts) {
        return "linux".equals(provider) || "true".equals(facts.get("native"));
    }

    /** Runs {@link FileSizeLimitChild} under {@code ulimit -f}; its {@code key=value} lines. */
    private Map<String, String> child(String provider, String scenario) throws Exception {
        Path bash = Paths.get("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash to set a file-size limit with");
        List<String> cmd = new ArrayList<>();
        cmd.add(bash.toString());
        cmd.add("-c");
        cmd.add("ulimit -f " + FileSizeLimitChild.LIMIT / 1024 + " && exec \"$@\"");
        cmd.add("bash");
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Djava.io.tmpdir=" + dir);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("zerocopy4j.")) {
                cmd.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("jdk.module.path",
                ""));
        cmd.add(FileSizeLimitChild.class.getName());
        cmd.add(provider);
        cmd.add(scenario);
        Path work = Files.createDirectory(dir.resolve(scenario));
        cmd.add(work.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end");
        assertEquals(0, p.exitValue(), "the child failed:\n" + output);
        Map<String, String> facts = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }
}

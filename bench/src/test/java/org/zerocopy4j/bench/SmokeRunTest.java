package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's --smoke run, in process: every path once with tiny sizes. It checks that each variant moves
 * the right bytes and that the reports come out complete and parseable; the figures themselves mean nothing here.
 */
@EnabledOnOs(OS.LINUX)
class SmokeRunTest {

    @Test
    void smokeRunWritesCompleteReports(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--smoke", "--out", out.toString(), "--work", tmp.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8), System.err);
        String printed = log.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, printed);
        JsonNode json = ReportFiles.check(out);

        // Every path the issue names ran, and the C ceiling rows are there to divide by.
        for (String prefix : List.of("file-socket-", "small-4kib", "header-4kib", "relay-", "upload-",
                "file-copy-default-")) {
            assertTrue(!ReportFiles.variantIds(json, prefix).isEmpty(), "no variants for " + prefix);
        }
        assertTrue(ReportFiles.variantIds(json, "file-socket-").containsAll(
                List.of("jdk-heap-loop", "jdk-stream-transferTo", "jdk-channel-transferTo", "zc-fallback",
                        "c-sendfile", "c-splice-1m")));
        assertTrue(ReportFiles.variantIds(json, "relay-").containsAll(List.of("jdk-direct-1m", "c-splice-1m")));
        assertTrue(ReportFiles.variantIds(json, "header-4kib").contains("c-send-more-sendfile"));
        // HTTP responses with bodies that dwarf the header.
        assertTrue(ReportFiles.variantIds(json, "header-1mib").contains("jdk-write-transferTo"));
        assertTrue(ReportFiles.variantIds(json, "header-16mib").contains("jdk-write-transferTo"));
        // The whole machine's CPU is recorded next to the sending thread's, and every CPU target says which it judges.
        for (JsonNode s : json.path("scenarios")) {
            for (JsonNode v : s.path("variants")) {
                for (JsonNode sample : v.path("samples")) {
                    assertTrue(sample.path("machineCpuNs").asLong() >= 0, v.path("id") + ": " + sample);
                }
            }
        }
        for (JsonNode t : json.path("targets")) {
            String name = t.path("name").asText();
            assertTrue(!name.contains("CPU") || name.endsWith("[thread CPU]") || name.endsWith("[machine CPU]"),
                    name);
        }
        // The bare JNI sendfile in the same JVM, the library's own floor, beside the C ceiling.
        assertTrue(ReportFiles.variantIds(json, "small-4kib").contains("jni-sendfile"));
        assertTrue(ReportFiles.variantIds(json, "file-copy-default-").contains("c-copy-file-range"));
        if (Providers.available(Providers.LINUX)) {
            assertTrue(ReportFiles.variantIds(json, "file-socket-").contains("zc-linux"));
        }
        // The xfs scenario either ran or says why not.
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("xfs loop image"), md);
        assertEquals(15, json.path("targets").size(), json.path("targets").toString());
        assertTrue(printed.contains("wrote "), printed);
        assertTrue(Files.list(tmp).allMatch(p -> p.equals(out)), "scratch files left behind in " + tmp);
    }

    @Test
    void pathsLimitWhatRuns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        int code = Main.run(new String[] {"--smoke", "--paths", "2", "--sizes", "4k", "--count", "20", "--out",
                out.toString(), "--work", tmp.toString()}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), System.err);

        assertEquals(0, code);
        JsonNode json = ReportFiles.check(out);
        for (JsonNode s : json.path("scenarios")) {
            assertEquals(2, s.path("path").asInt(), s.toString());
        }
        // Without path 6 there are no C rows, and the report says so.
        assertTrue(ReportFiles.variantIds(json, "small-").stream()
                .noneMatch(id -> id.startsWith("c-") || id.startsWith("jni-")));
        assertTrue(Files.readString(out.resolve("results.md")).contains("C ceiling rows off"));
    }

    @Test
    void helpAndBadArguments() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, Main.run(new String[] {"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--quick"));
        assertEquals(2, Main.run(new String[] {"--paths", "9"}, o, e));
        assertEquals(2, Main.run(new String[] {"--frobnicate"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --frobnicate"));
    }
}

package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;

/** Checks a run's output directory the way a reader would use it: parses each file and looks at what it says. */
final class ReportFiles {

    private ReportFiles() {
    }

    /** Asserts all three files are there and well-formed; returns the parsed JSON. */
    static JsonNode check(Path out) throws Exception {
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
        String md = Files.readString(out.resolve("results.md"));
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("results.svg").toFile());

        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertTrue(json.path("environment").path("kernel").asText().contains("Linux"), json.toString());
        assertTrue(md.contains("- jdk: "), md);
        assertTrue(md.contains("## Targets"), md);

        JsonNode scenarios = json.path("scenarios");
        assertTrue(scenarios.size() > 0, "no scenarios in " + json);
        int bars = 0;
        for (JsonNode s : scenarios) {
            assertTrue(md.contains("## " + s.path("title").asText()), "results.md lacks " + s.path("title"));
            for (JsonNode v : s.path("variants")) {
                assertFalse(v.has("failure"), v.path("id") + " failed: " + v.path("failure"));
                JsonNode samples = v.path("samples");
                assertTrue(samples.size() > 0, v.path("id") + " has no samples");
                for (JsonNode sample : samples) {
                    assertTrue(sample.path("bytes").asLong() > 0, sample.toString());
                    assertTrue(sample.path("wallNs").asLong() > 0, sample.toString());
                    assertTrue(sample.path("cpuNs").asLong() >= 0, sample.toString());
                }
                assertTrue(md.contains("| " + v.path("label").asText()), "results.md lacks row " + v.path("label"));
                bars++;
            }
        }
        // Legend squares plus one bar per measured variant.
        assertEquals(bars + Variant.Kind.values().length, svg.getElementsByTagName("rect").getLength() - 1);
        return json;
    }

    static List<String> variantIds(JsonNode json, String scenarioPrefix) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : json.path("scenarios")) {
            if (s.path("id").asText().startsWith(scenarioPrefix)) {
                s.path("variants").forEach(v -> ids.add(v.path("id").asText()));
            }
        }
        return ids;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}

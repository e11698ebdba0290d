package org.zerocopy4j.it.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Counts from the JUnit XML that the console launcher wrote for one provider run. */
record SuiteReport(int tests, int failed, int skipped, List<String> failures, Map<String, String> properties) {

    int passed() {
        return tests - failed - skipped;
    }

    static SuiteReport read(Path dir) throws IOException {
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        Map<String, String> properties = new HashMap<>();
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            Element suite = parse(file);
            tests += count(suite, "tests");
            failed += count(suite, "failures") + count(suite, "errors");
            skipped += count(suite, "skipped");
            NodeList props = suite.getElementsByTagName("property");
            for (int i = 0; i < props.getLength(); i++) {
                Element p = (Element) props.item(i);
                properties.putIfAbsent(p.getAttribute("name"), p.getAttribute("value"));
            }
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                if (c.getElementsByTagName("failure").getLength() + c.getElementsByTagName("error").getLength() > 0) {
                    failures.add(c.getAttribute("classname") + "." + c.getAttribute("name"));
                }
            }
        }
        return new SuiteReport(tests, failed, skipped, List.copyOf(failures), Map.copyOf(properties));
    }

    private static Element parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("unreadable JUnit XML " + file + ": " + e.getMessage(), e);
        }
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}

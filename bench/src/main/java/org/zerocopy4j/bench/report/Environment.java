package org.zerocopy4j.bench.report;

import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;

/** The machine, kernel and JDK a run happened on: figures mean nothing without them. */
public record Environment(Map<String, String> facts) {

    public static Environment capture(Options o) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        f.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM");
        f.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        f.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        f.put("providers", Providers.describe());
        f.put("run", o.preset() + ": bulk " + sizes(o.bulkSizes()) + ", small " + sizes(o.smallSizes()) + " x "
                + o.count() + ", " + o.rounds() + " measured round(s) after " + o.warmupRounds() + " warm-up");
        f.put("jfr", o.jfr().equals("off") ? "no recording" : "recording in the bench's JVM, --jfr " + o.jfr());
        return new Environment(f);
    }

    private static String sizes(List<Long> sizes) {
        return sizes.isEmpty() ? "none" : String.join("/", sizes.stream().map(Options::human).toList());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or hidden: the arch below still says something
        }
        return System.getProperty("os.arch");
    }
}

package org.zerocopy4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The command line, parsed; presets first, then explicit flags override them. */
public record Options(boolean help, String preset, List<Long> bulkSizes, List<Long> smallSizes, int count,
        int rounds, int warmupRounds, Set<Integer> paths, Path out, Path work, boolean realClients, String jfr,
        String threads, boolean ignoreLoad, List<String> without) {

    /** The values of {@code --threads}. */
    public static final List<String> THREAD_MODES = List.of("virtual", "platform", "both");

    /** The values of {@code --jfr}. */
    public static final List<String> JFR_MODES = List.of("off", "default", "all", "compare");

    public static final long SMALL_LIMIT = 1 << 20;

    public static final String USAGE = String.join("\n",
            "usage: java -jar zerocopy4j-bench.jar [--quick | --smoke] [options]",
            "",
            "Measures zerocopy4j's providers against the JDK and a C program doing the raw system calls, on",
            "127.0.0.1 only. Variants of one transfer run interleaved (A B A B ...), so compare the ratios.",
            "",
            "  --quick         256 MiB bulk files, 20,000 small responses, 3 rounds: under 2 minutes on 2 cores",
            "  --smoke         one tiny round of everything (1 MiB, 200 responses): checks that it all works;",
            "                  its figures mean nothing",
            "  --paths LIST    which paths, comma-separated (default all):",
            "                    1 file->TCP   2 small responses   3 TCP->TCP relay   4 TCP->file upload",
            "                    5 file->file (+ xfs reflink when root with xfsprogs)   6 the C ceiling rows",
            "  --sizes LIST    e.g. 1g,4k,64k: sizes >= 1m are bulk transfers, smaller ones small-response files",
            "  --count N       small responses per round (default 100000)",
            "  --rounds N      measured rounds (default 5), after one unrecorded warm-up round",
            "  --out DIR       where results.md, results.svg and results.json go (default bench-results)",
            "  --work DIR      where scratch files go (default the system temp directory)",
            "  --real-clients  instead of the paths: the example HTTP server and TCP proxy under wrk and iperf3,",
            "                  against their plain-JDK modes, nginx, HAProxy and socat (5 rounds unless --rounds;",
            "                  about 5 minutes; needs wrk, h2load, iperf3, nginx, haproxy, socat installed).",
            "                  Waits up to 2 minutes for the 1-minute load average to fall below 0.5 and",
            "                  refuses to start otherwise; leaves out a round whose load average rose above 1.5",
            "  --threads KIND  virtual, platform or both (default): the example server's and proxy's threads",
            "  --without LIST  --real-clients without the rows whose id contains one of these, comma-separated",
            "                  (e.g. nagle,socat,transferTo-platform,buffer-platform to fit 12 minutes)",
            "  --ignore-load   --real-clients on a loaded machine anyway: the report is marked \"loaded machine,",
            "                  not a measurement\" and keeps every round (for development runs only)",
            "  --jfr MODE      a JFR recording in the bench's own JVM while the paths run, to measure what",
            "                  zerocopy4j's events cost: off (default: no recording), default (the JDK's",
            "                  default settings; zerocopy4j.Transfer only for calls of 20 ms or more), all",
            "                  (the same with every zerocopy4j.Transfer, threshold 0, no stack trace), compare",
            "                  (no recording, but the 4 KiB path's linux row runs 3 more times, each under",
            "                  the JDK's default settings: Transfer off, at 20 ms, every call; ratios in one run)",
            "  --jmh ARGS...   run the JMH benchmarks instead, passing ARGS to JMH (try --jmh -h)",
            "  --help          this text");

    public static Options parse(String... args) {
        String preset = "full";
        for (String a : args) {
            if (a.equals("--quick") || a.equals("--smoke")) {
                preset = a.substring(2);
            }
        }
        List<Long> sizes = switch (preset) {
            case "quick" -> List.of(256L << 20, 4096L, 65536L);
            case "smoke" -> List.of(1L << 20, 4096L);
            default -> List.of(1L << 30, 4096L, 65536L);
        };
        int count = switch (preset) {
            case "quick" -> 20_000;
            case "smoke" -> 200;
            default -> 100_000;
        };
        int rounds = preset.equals("full") ? 5 : preset.equals("quick") ? 3 : 1;
        int warmup = preset.equals("smoke") ? 0 : 1;
        Set<Integer> paths = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6));
        Path out = Path.of("bench-results");
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        boolean help = false;
        boolean realClients = false;
        boolean roundsGiven = false;
        String jfr = "off";
        String threads = "both";
        boolean ignoreLoad = false;
        List<String> without = List.of();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--quick", "--smoke" -> { }
                case "--paths" -> paths = parsePaths(value(args, ++i, a));
                case "--sizes" -> sizes = parseSizes(value(args, ++i, a));
                case "--count" -> count = positive(value(args, ++i, a), a);
                case "--rounds" -> {
                    rounds = positive(value(args, ++i, a), a);
                    roundsGiven = true;
                }
                case "--real-clients" -> realClients = true;
                case "--ignore-load" -> ignoreLoad = true;
                case "--without" -> without = List.of(value(args, ++i, a).split(","));
                case "--threads" -> {
                    threads = value(args, ++i, a);
                    if (!THREAD_MODES.contains(threads)) {
                        throw new IllegalArgumentException("--threads is one of " + THREAD_MODES + ": " + threads);
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--jfr" -> {
                    jfr = value(args, ++i, a);
                    if (!JFR_MODES.contains(jfr)) {
                        throw new IllegalArgumentException("--jfr is one of " + JFR_MODES + ": " + jfr);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n\n" + USAGE);
            }
        }
        if (realClients && !roundsGiven) {
            // Issue 24: medians of at least 5 interleaved rounds.
            rounds = 5;
        }
        if (paths.equals(Set.of(6))) {
            throw new IllegalArgumentException("path 6 adds the C rows to paths 1-5: give at least one of them too");
        }
        List<Long> bulk = new ArrayList<>();
        List<Long> small = new ArrayList<>();
        for (long s : sizes) {
            (s >= SMALL_LIMIT ? bulk : small).add(s);
        }
        // Ascending, so the largest bulk size runs last and is the one the targets judge.
        bulk.sort(null);
        small.sort(null);
        return new Options(help, preset, List.copyOf(bulk), List.copyOf(small), count, rounds, warmup,
                Set.copyOf(paths), out, work, realClients, jfr, threads, ignoreLoad,
                without);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value\n\n" + USAGE);
        }
        return args[i];
    }

    private static int positive(String v, String flag) {
        int n = Integer.parseInt(v);
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be positive: " + v);
        }
        return n;
    }

    private static Set<Integer> parsePaths(String list) {
        Set<Integer> set = new TreeSet<>();
        for (String p : list.split(",")) {
            int n = Integer.parseInt(p.trim());
            if (n < 1 || n > 6) {
                throw new IllegalArgumentException("paths are 1 to 6: " + p);
            }
            set.add(n);
        }
        return set;
    }

    static List<Long> parseSizes(String list) {
        List<Long> sizes = new ArrayList<>();
        for (String s : list.split(",")) {
            sizes.add(parseSize(s.trim()));
        }
        return sizes;
    }

    /** "4k", "64K", "256m", "1g" or plain bytes; binary units, as the KiB/MiB/GiB are. */
    public static long parseSize(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        long n = Long.parseLong(t) * unit;
        if (n <= 0) {
            throw new IllegalArgumentException("size must be positive: " + s);
        }
        return n;
    }

    /** "4 KiB", "256 MiB", "1 GiB". */
    public static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}

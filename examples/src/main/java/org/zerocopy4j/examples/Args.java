package org.zerocopy4j.examples;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** "--name value" options and bare "--flag"s; a missing required one stops the program with its usage. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final String usage;

    Args(String[] args, String usage) {
        this.usage = usage;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (!a.startsWith("--")) {
                fail("unexpected argument " + a);
            }
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(a, args[++i]);
            } else {
                flags.add(a);
            }
        }
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            fail(name + " is required");
        }
        return v;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * {@code --threads virtual|platform} (default virtual), or the older bare {@code legacyFlag} for platform threads:
     * true for virtual threads.
     */
    boolean virtualThreads(String legacyFlag) {
        String v = values.getOrDefault("--threads", flags.contains(legacyFlag) ? "platform" : "virtual");
        if (flags.contains(legacyFlag) && v.equals("virtual")) {
            fail(legacyFlag + " and --threads virtual contradict each other");
        }
        return switch (v) {
            case "virtual" -> true;
            case "platform" -> false;
            default -> {
                fail("--threads is virtual or platform: " + v);
                yield false;
            }
        };
    }

    /** A duration flag in milliseconds: {@code 300ms}, {@code 10s}, {@code 2m}; a bare number is seconds. */
    long millis(String name, long otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        String s = v.toLowerCase(Locale.ROOT);
        long unit = 1_000;
        if (s.endsWith("ms")) {
            unit = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            s = s.substring(0, s.length() - 1);
        }
        return number(name, v, s) * unit;
    }

    /** A size flag in bytes: {@code 4096}, {@code 16k}, {@code 1m}, {@code 2g} (powers of 1024). */
    long bytes(String name, long otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        String s = v.toLowerCase(Locale.ROOT);
        int shift = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long n = number(name, v, shift == 0 ? s : s.substring(0, s.length() - 1));
        if (n > Long.MAX_VALUE >> shift) {
            fail(name + " " + v + " is too large");
        }
        return n << shift;
    }

    /** A plain count. */
    long count(String name, long otherwise) {
        String v = values.get(name);
        return v == null ? otherwise : number(name, v, v);
    }

    private long number(String name, String value, String digits) {
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            fail(name + ": cannot read \"" + value + "\"");
        }
        return Long.parseLong(digits);
    }

    void fail(String why) {
        System.err.println(why + "\n" + usage);
        System.exit(2);
    }
}

package org.zerocopy4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes, offsets and constants the project's cross-build declarations give (the zc_facts section of the object
 * native-common/cross/facts.c compiles to for one target), and the same facts read from sources generated on the real
 * systems: Go's golang.org/x/sys/unix (ztypes_*.go, zerrors_*.go, Debian's golang-golang-x-sys-dev) and Rust's libc
 * crate (Debian's librust-libc-dev). Only LP64 targets: every pointer, long and size_t is 8 bytes.
 */
public final class CrossFacts {
    /** Debian's install locations of the two sources. */
    public static final Path GO_UNIX = Path.of("/usr/share/gocode/src/golang.org/x/sys/unix");
    public static final Path CARGO_REGISTRY = Path.of("/usr/share/cargo/registry");

    private CrossFacts() {
    }

    /** The facts table of a relocatable object: 48-byte NUL-padded names and 64-bit values, in the zc_facts section. */
    public static Map<String, Long> read(Path object) {
        ByteBuffer b;
        try {
            b = ByteBuffer.wrap(Files.readAllBytes(object)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long shoff = b.getLong(40);
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        int shstrndx = b.getShort(62) & 0xffff;
        int names = Math.toIntExact(b.getLong(Math.toIntExact(shoff + (long) shstrndx * shentsize) + 24));
        for (int i = 0; i < shnum; i++) {
            int sh = Math.toIntExact(shoff + (long) i * shentsize);
            if (cString(b, names + b.getInt(sh)).equals("zc_facts")) {
                int offset = Math.toIntExact(b.getLong(sh + 24));
                int size = Math.toIntExact(b.getLong(sh + 32));
                Map<String, Long> facts = new LinkedHashMap<>();
                for (int p = offset; p + 56 <= offset + size; p += 56) {
                    facts.put(cString(b, p), b.getLong(p + 48));
                }
                return facts;
            }
        }
        throw new IllegalArgumentException(object + " has no zc_facts section");
    }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        return new String(b.array(), at, end - at, StandardCharsets.US_ASCII);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(String literal) {
        String s = literal.replace("_", "");
        boolean negative = s.startsWith("-");
        s = negative ? s.substring(1) : s;
        long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        return negative ? -v : v;
    }

    // ---- Go: golang.org/x/sys/unix ----

    private static final Pattern GO_CONST =
            Pattern.compile("(?m)^\\s+([A-Z][A-Za-z0-9_]*)\\s*=\\s*(?:syscall\\.Errno\\()?(-?0x[0-9a-fA-F]+|-?\\d+)\\)?\\s*$");

    /** Every numeric constant of the given Go files (NAME = 0x.. or NAME = syscall.Errno(0x..)). */
    public static Map<String, Long> goConstants(Path... files) {
        Map<String, Long> constants = new HashMap<>();
        for (Path f : files) {
            Matcher m = GO_CONST.matcher(text(f));
            while (m.find()) {
                constants.put(m.group(1), number(m.group(2)));
            }
        }
        return constants;
    }

    /** A struct's layout: "sizeof" and each field's offset, by field name. */
    public record Layout(long size, long align, Map<String, Long> offsets) {
    }

    /** The layout of Go struct {@code type} in a ztypes file, computed with C's rules (cgo generated it so). */
    public static Layout goLayout(Path ztypes, String type) {
        String source = text(ztypes);
        Matcher m = Pattern.compile("(?ms)^type " + Pattern.quote(type) + " struct \\{\\n(.*?)^\\}").matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException(ztypes + " has no struct " + type);
        }
        List<String[]> fields = new ArrayList<>();
        for (String line : m.group(1).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2) {
                fields.add(new String[] {f[0], f[1]});
            }
        }
        return layout(fields, t -> goType(ztypes, t));
    }

    private static long[] goType(Path ztypes, String t) {
        if (t.startsWith("*")) {
            return new long[] {8, 8};
        }
        Matcher array = Pattern.compile("\\[(\\d+)\\](.+)").matcher(t);
        if (array.matches()) {
            long[] e = goType(ztypes, array.group(2));
            return new long[] {e[0] * Long.parseLong(array.group(1)), e[1]};
        }
        switch (t) {
            case "int8": case "uint8": case "byte": return new long[] {1, 1};
            case "int16": case "uint16": return new long[] {2, 2};
            case "int32": case "uint32": return new long[] {4, 4};
            case "int64": case "uint64": case "int": case "uint": case "uintptr": return new long[] {8, 8};
            default:
                Layout l = goLayout(ztypes, t);
                return new long[] {l.size(), l.align()};
        }
    }

    // ---- Rust: the libc crate ----

    /** The libc crate's unix sources in Debian's registry (the newest version there). */
    public static Path rustLibcUnix() {
        try (var dirs = Files.list(CARGO_REGISTRY)) {
            return dirs.filter(d -> d.getFileName().toString().matches("libc-\\d.*")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no libc crate in "
                            + CARGO_REGISTRY)).resolve("src/unix");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern RUST_CONST =
            Pattern.compile("pub const ([A-Z][A-Z0-9_]*): [^=;]+= (-?0x[0-9a-fA-F_]+|-?[0-9_]+|[A-Z][A-Z0-9_]*)(?: as [:\\w]+)?;");

    /**
     * Every constant of the given files, with every value each is given (a name may have several under different
     * cfg attributes); a constant defined as another's name takes that one's values.
     */
    public static Map<String, Set<Long>> rustConstants(Path... files) {
        Map<String, Set<Long>> constants = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        for (Path f : files) {
            Matcher m = RUST_CONST.matcher(text(f));
            while (m.find()) {
                if (Character.isLetter(m.group(2).charAt(0))) {
                    aliases.put(m.group(1), m.group(2));
                } else {
                    constants.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(number(m.group(2)));
                }
            }
        }
        aliases.forEach((name, target) -> {
            if (constants.containsKey(target)) {
                constants.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(constants.get(target));
            }
        });
        return constants;
    }

    /** The layout of {@code pub struct name} in a libc crate file, with LP64 C types. */
    public static Layout rustLayout(Path file, String name) {
        Matcher m = Pattern.compile("(?s)pub struct " + Pattern.quote(name) + " \\{(.*?)\\}").matcher(text(file));
        if (!m.find()) {
            throw new IllegalArgumentException(file + " has no struct " + name);
        }
        List<String[]> fields = new ArrayList<>();
        for (String field : m.group(1).split(",")) {
            Matcher f = Pattern.compile("pub (\\w+): (.+)").matcher(field.strip());
            if (f.matches()) {
                fields.add(new String[] {f.group(1), f.group(2).strip()});
            }
        }
        return layout(fields, CrossFacts::rustType);
    }

    /** Size and alignment of a libc crate type on an LP64 target. */
    public static long[] rustType(String t) {
        if (t.startsWith("*")) {
            return new long[] {8, 8};
        }
        switch (t.replace("::", "")) {
            case "c_char": case "c_uchar": case "i8": case "u8": return new long[] {1, 1};
            case "c_short": case "c_ushort": case "i16": case "u16": return new long[] {2, 2};
            case "c_int": case "c_uint": case "i32": case "u32": return new long[] {4, 4};
            case "c_long": case "c_ulong": case "i64": case "u64": case "off_t": case "size_t": case "ssize_t":
            case "isize": case "usize": return new long[] {8, 8};
            default: throw new IllegalArgumentException("unknown libc type " + t);
        }
    }

    /** The right-hand side of {@code pub type name = ...;} in the given files, or null. */
    public static String rustTypeAlias(String name, Path... files) {
        Pattern p = Pattern.compile("pub type " + Pattern.quote(name) + " = ([^;]+);");
        for (Path f : files) {
            Matcher m = p.matcher(text(f));
            if (m.find()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    private static Layout layout(List<String[]> fields, java.util.function.Function<String, long[]> sizeOf) {
        long offset = 0;
        long align = 1;
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String[] f : fields) {
            long[] sa = sizeOf.apply(f[1]);
            offset = (offset + sa[1] - 1) / sa[1] * sa[1];
            offsets.put(f[0], offset);
            offset += sa[0];
            align = Math.max(align, sa[1]);
        }
        return new Layout((offset + align - 1) / align * align, align, offsets);
    }

    /** One independent source's values for a fact. */
    public record Evidence(String source, Set<Long> values) {
    }

    /**
     * What the Go and Rust sources say about each of {@code ours}' facts: Go's ztypes/zerrors for {@code goOsArch}
     * (e.g. freebsd_amd64) and the libc crate files {@code rustFiles} (the target's chain, e.g. unix/mod.rs,
     * unix/bsd/mod.rs, ...). Layout facts come from Go's Stat_t, Iovec and Timespec and from the libc crate's structs
     * of the same C name; sizeof of a scalar type from the crate's type alias.
     */
    public static Map<String, List<Evidence>> evidence(Map<String, Long> ours, String goOsArch, Path... rustFiles) {
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, Evidence> add =
                (fact, e) -> evidence.computeIfAbsent(fact, k -> new ArrayList<>()).add(e);
        Path ztypes = GO_UNIX.resolve("ztypes_" + goOsArch + ".go");
        Path zerrors = GO_UNIX.resolve("zerrors_" + goOsArch + ".go");
        Map<String, Long> go = goConstants(zerrors);
        Map<String, Set<Long>> rust = rustConstants(rustFiles);
        String goName = "Go " + zerrors.getFileName();
        for (String fact : ours.keySet()) {
            if (go.containsKey(fact)) {
                add.accept(fact, new Evidence(goName, Set.of(go.get(fact))));
            }
            if (rust.containsKey(fact)) {
                add.accept(fact, new Evidence("Rust libc", rust.get(fact)));
            }
        }
        String goTypes = "Go " + ztypes.getFileName();
        Map<String, String[]> goStructs = Map.of("struct stat", new String[] {"Stat_t", "st_size", "Size"},
                "struct iovec", new String[] {"Iovec", "iov_len", "Len"},
                "struct timespec", new String[] {"Timespec", null, null});
        goStructs.forEach((c, g) -> {
            Layout l = goLayout(ztypes, g[0]);
            add.accept("sizeof(" + c + ")", new Evidence(goTypes, Set.of(l.size())));
            if (g[1] != null) {
                add.accept("offsetof(" + c + "," + g[1] + ")", new Evidence(goTypes, Set.of(l.offsets().get(g[2]))));
            }
        });
        Pattern layoutFact = Pattern.compile("(sizeof|offsetof)\\((?:struct )?(\\w+)(?:,(\\w+))?\\)");
        for (String fact : ours.keySet()) {
            Matcher m = layoutFact.matcher(fact);
            if (!m.matches()) {
                continue;
            }
            String type = m.group(2);
            for (Path f : rustFiles) {
                if (text(f).contains("pub struct " + type + " {")) {
                    Layout l;
                    try {
                        l = rustLayout(f, type);
                    } catch (IllegalArgumentException typeNotResolvedHere) {
                        continue; // fields of the crate's own aliases (time_t, ino_t): Go states those structs
                    }
                    Long v = m.group(1).equals("sizeof") ? Long.valueOf(l.size()) : l.offsets().get(m.group(3));
                    if (v != null) {
                        add.accept(fact, new Evidence("Rust libc " + f.getParent().getFileName() + "/"
                                + f.getFileName(), Set.of(v)));
                    }
                }
            }
            if (m.group(1).equals("sizeof") && m.group(3) == null && !fact.contains("struct")) {
                String alias = rustTypeAlias(type, rustFiles);
                if (alias != null) {
                    try {
                        add.accept(fact, new Evidence("Rust libc type " + type + " = " + alias,
                                Set.of(rustType(alias)[0])));
                    } catch (IllegalArgumentException unknown) {
                        // an alias of another alias: not resolved here, the fact needs another source
                    }
                }
            }
        }
        return evidence;
    }

    /** Every fact whose value a source contradicts, and every fact no source states, each with its values. */
    public static List<String> disagreements(Map<String, Long> ours, Map<String, List<Evidence>> evidence,
            Set<String> unchecked) {
        List<String> wrong = new ArrayList<>();
        ours.forEach((fact, value) -> {
            List<Evidence> said = evidence.getOrDefault(fact, List.of());
            if (said.isEmpty() && !unchecked.contains(fact)) {
                wrong.add(fact + " = " + value + ": no independent source states it");
            }
            for (Evidence e : said) {
                if (!e.values().contains(value)) {
                    wrong.add(fact + " = " + value + " here, but " + e.source() + " says " + e.values());
                }
            }
        });
        return wrong;
    }
}

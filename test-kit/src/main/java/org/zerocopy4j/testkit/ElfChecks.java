package org.zerocopy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an ELF library cross-built for FreeBSD, DragonFly or illumos must be for that system's loader to load it and
 * bind it to the right functions, checked from its bytes on Linux (the project never runs on those systems). Each
 * check fails with an assertion naming what is wrong; the providers' tests show each one failing on a doctored copy.
 */
public final class ElfChecks {
    /** The only symbols the JVM looks up in a JNI library; every native is registered by JNI_OnLoad. */
    public static final Set<String> EXPORTS = Set.of("JNI_OnLoad", "JNI_OnUnload");

    private ElfChecks() {
    }

    /**
     * What one library must look like: its ELF machine, the page size of its loads, DT_NEEDED exactly, DT_SONAME,
     * whether the loader needs DT_HASH, and every import allowed, as "library version" per symbol name.
     */
    public record Expected(int machine, long pageSize, Set<String> needed, String soname, boolean sysvHash,
            Map<String, String> imports) {
    }

    /**
     * The imports a cross/&lt;os&gt;.symbols list allows (the list the build makes its link-time stubs from): lines of
     * "library version symbol [tls]"; # starts a comment.
     */
    public static Map<String, String> allowedImports(Path symbolsFile) {
        Map<String, String> imports = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(symbolsFile, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                imports.put(f[2], f[0] + " " + f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    /** The libraries a symbol list names: the DT_NEEDED set its library must have. */
    public static Set<String> libraries(Map<String, String> imports) {
        Set<String> libraries = new LinkedHashSet<>();
        imports.values().forEach(v -> libraries.add(v.split(" ")[0]));
        return libraries;
    }

    /** Every check below, in order. */
    public static void checkAll(byte[] library, Expected expected) {
        Elf elf = parse(library);
        elf64Lsb(elf);
        machine(elf, expected.machine());
        sharedObject(elf);
        loadsPageAligned(elf, expected.pageSize());
        needsExactly(elf, expected.needed());
        soname(elf, expected.soname());
        if (expected.sysvHash()) {
            hasSysvHash(elf);
        }
        noSearchPathOrTextRelocations(elf);
        importsOnlyAllowed(elf, expected.imports());
        exportsOnlyJni(elf);
    }

    public static Elf parse(byte[] library) {
        try {
            return new Elf(library);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The loader's rule: the first word of the .sha256 resource is the library's hex SHA-256. */
    public static void digestMatches(byte[] library, byte[] digestFile) {
        String recorded = new String(digestFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        try {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
            assertEquals(actual, recorded.toLowerCase(), "the .sha256 next to the library does not match it");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** ELFCLASS64 and ELFDATA2LSB: the only kind a 64-bit little-endian JVM loads. */
    public static void elf64Lsb(Elf elf) {
        assertEquals(2, elf.elfClass, "EI_CLASS (2 = ELFCLASS64)");
        assertEquals(1, elf.data, "EI_DATA (1 = ELFDATA2LSB)");
    }

    public static void machine(Elf elf, int machine) {
        assertEquals(machine, elf.machine, "e_machine (62 = x86-64, 183 = AArch64)");
    }

    public static void sharedObject(Elf elf) {
        assertEquals(Elf.ET_DYN, elf.type, "e_type (3 = ET_DYN, a shared object)");
    }

    /**
     * Every PT_LOAD can be mapped: aligned to a multiple of the page size, offset and address congruent modulo it;
     * the first load starts at file offset 0 (it maps the ELF and program headers, which the loaders read there).
     */
    public static void loadsPageAligned(Elf elf, long pageSize) {
        List<Elf.Segment> loads = elf.segments.stream().filter(s -> s.type() == Elf.PT_LOAD).toList();
        assertFalse(loads.isEmpty(), "no PT_LOAD segment");
        assertEquals(0, loads.get(0).offset(), "the first PT_LOAD's file offset (it must map the first page)");
        assertEquals(0, loads.get(0).vaddr() % pageSize, "the first PT_LOAD's address is not page-aligned");
        for (Elf.Segment s : loads) {
            assertTrue(s.align() >= pageSize && s.align() % pageSize == 0,
                    () -> String.format("PT_LOAD at 0x%x: p_align 0x%x is not a multiple of the page size 0x%x",
                            s.offset(), s.align(), pageSize));
            assertEquals(s.offset() % s.align(), s.vaddr() % s.align(),
                    () -> String.format("PT_LOAD at 0x%x: offset and address differ modulo p_align", s.offset()));
        }
    }

    public static void needsExactly(Elf elf, Set<String> needed) {
        assertEquals(new TreeSet<>(needed), new TreeSet<>(elf.needed()), "DT_NEEDED");
        assertEquals(needed.size(), elf.needed().size(), () -> "DT_NEEDED repeats a library: " + elf.needed());
    }

    public static void soname(Elf elf, String soname) {
        assertEquals(soname, elf.soname(), "DT_SONAME");
    }

    /** illumos' ld.so.1 finds symbols through DT_HASH only (no DT_GNU_HASH support). */
    public static void hasSysvHash(Elf elf) {
        assertEquals(1, elf.values(Elf.DT_HASH).size(), "DT_HASH entries (the illumos loader needs one)");
    }

    /** No built-in search path (it would load libraries from the build machine's paths) and no text relocations. */
    public static void noSearchPathOrTextRelocations(Elf elf) {
        assertEquals(List.of(), elf.values(Elf.DT_RPATH), "DT_RPATH");
        assertEquals(List.of(), elf.values(Elf.DT_RUNPATH), "DT_RUNPATH");
        assertEquals(List.of(), elf.values(Elf.DT_TEXTREL), "DT_TEXTREL");
        for (long flags : elf.values(Elf.DT_FLAGS)) {
            assertEquals(0, flags & Elf.DF_TEXTREL, "DT_FLAGS has DF_TEXTREL");
        }
    }

    /**
     * Every undefined symbol is on the allow-list and carries exactly the version the list gives it, from the library
     * it names: an unversioned reference would bind to the oldest version (FreeBSD's fstat@FBSD_1.0 reads a FreeBSD
     * 11 struct stat), and a GLIBC or GCC version means a Linux object was linked in.
     */
    public static void importsOnlyAllowed(Elf elf, Map<String, String> allowed) {
        List<String> wrong = new ArrayList<>();
        int imports = 0;
        for (Elf.Symbol s : elf.dynamicSymbols()) {
            if (s.defined() || s.name().isEmpty()) {
                continue;
            }
            imports++;
            String found = s.library() == null ? null : s.library() + " " + s.version();
            if (s.version() != null && (s.version().startsWith("GLIBC") || s.version().startsWith("GCC"))) {
                wrong.add(s.name() + "@" + s.version() + " is a Linux (glibc/gcc) version");
            } else if (!allowed.containsKey(s.name())) {
                wrong.add(s.name() + " is not on the allow-list");
            } else if (found == null) {
                wrong.add(s.name() + " is unversioned, expected " + allowed.get(s.name()));
            } else if (!found.equals(allowed.get(s.name()))) {
                wrong.add(s.name() + " is " + found + ", expected " + allowed.get(s.name()));
            }
        }
        assertTrue(imports > 0, "no undefined symbol at all: not linked against the libc stubs");
        assertEquals(List.of(), wrong, "undefined symbols");
    }

    /** JNI_OnLoad is exported, and nothing else but JNI_OnUnload. */
    public static void exportsOnlyJni(Elf elf) {
        List<String> exported = elf.dynamicSymbols().stream().filter(Elf.Symbol::defined)
                .filter(s -> s.binding() != 0).map(Elf.Symbol::name).toList();
        assertTrue(exported.contains("JNI_OnLoad"), () -> "JNI_OnLoad is not exported: " + exported);
        List<String> extra = exported.stream().filter(n -> !EXPORTS.contains(n)).toList();
        if (!extra.isEmpty()) {
            fail("exports beyond JNI_OnLoad/JNI_OnUnload: " + extra);
        }
    }
}

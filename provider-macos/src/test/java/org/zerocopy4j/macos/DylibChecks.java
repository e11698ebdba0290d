package org.zerocopy4j.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a macOS dylib in the jar must be for the JVM on a user's Mac to load it, checked from its bytes on any OS.
 * Each check fails with an assertion naming what is wrong; {@link DylibChecksTest} shows each one failing.
 */
final class DylibChecks {
    static final String LIBRARY = "libzerocopy4j-macos.dylib";
    static final String LIB_SYSTEM = "/usr/lib/libSystem.B.dylib";
    /** The floor the Makefile builds for (MACOS_MIN); the README promises it. */
    static final String MINIMUM_MACOS = "11.0.0";

    /**
     * Every function the core may import, all from libSystem: the POSIX calls it makes, errno, and what compilers add
     * (the lazy binder of dyld before chained fixups, Apple clang's stack protector). x86_64 binds fstat to its
     * 64-bit-inode variant.
     */
    static final Set<String> KNOWN_IMPORTS = Set.of("___error", "_fstat", "_fstat$INODE64", "_getsockopt", "_lseek",
            "_poll", "_pread", "_sendfile", "_strcmp", "_strerror", "_writev", "dyld_stub_binder", "___stack_chk_fail",
            "___stack_chk_guard");

    private static final int CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
    private static final int CSMAGIC_CODEDIRECTORY = 0xfade0c02;
    private static final int CSSLOT_CODEDIRECTORY = 0;
    private static final int CS_HASHTYPE_SHA256 = 2;

    private DylibChecks() {
    }

    /** The resource directory of each architecture the jar carries, and the Mach-O CPU type its file must have. */
    enum Arch {
        X86_64("macos-x86_64", MachO.CPU_TYPE_X86_64),
        AARCH_64("macos-aarch_64", MachO.CPU_TYPE_ARM64);

        final String directory;
        final int cpuType;

        Arch(String directory, int cpuType) {
            this.directory = directory;
            this.cpuType = cpuType;
        }

        /** The resource names NativeLibraries builds on macOS: META-INF/native/macos-{x86_64,aarch_64}/. */
        String resource() {
            return "META-INF/native/" + directory + "/" + LIBRARY;
        }
    }

    /** The loader's rule: the first word of the .sha256 resource is the library's hex SHA-256. */
    static void digestMatches(byte[] library, byte[] digestFile) {
        String recorded = new String(digestFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        assertEquals(sha256(library), recorded.toLowerCase(), "the .sha256 next to the dylib does not match it");
    }

    /** A 64-bit Mach-O dylib for {@code arch}'s CPU. */
    static MachO dylibFor(Arch arch, byte[] bytes) {
        MachO file;
        try {
            file = new MachO(bytes);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertEquals(arch.cpuType, file.cpuType, () -> String.format("CPU type 0x%08x, not %s", file.cpuType, arch));
        assertEquals(MachO.MH_DYLIB, file.fileType, "not a dylib (MH_DYLIB)");
        return file;
    }

    /** The symbol the JVM looks up after dlopen; without it, no native of MacosNative is registered. */
    static void exportsJniOnLoad(MachO file) {
        List<String> exported = file.symbols().stream().filter(MachO.Symbol::exported).map(MachO.Symbol::name)
                .toList();
        assertTrue(exported.contains("_JNI_OnLoad"), () -> "_JNI_OnLoad is not exported: " + exported);
    }

    /**
     * libSystem is on every Mac; anything else might not be. Every dylib load names it, and every undefined symbol
     * is a known one bound to it (ordinal 1; flat or dynamic lookup would let it bind anywhere).
     */
    static void needsOnlyLibSystem(MachO file) {
        assertEquals(List.of(LIB_SYSTEM), file.dylibs(), "the dylibs it loads");
        List<MachO.Symbol> undefined = file.symbols().stream().filter(MachO.Symbol::undefinedExternal).toList();
        assertFalse(undefined.isEmpty(), "no undefined symbol at all: not a libSystem client");
        String unknown = undefined.stream().filter(s -> !KNOWN_IMPORTS.contains(s.name())).map(MachO.Symbol::name)
                .collect(Collectors.joining(", "));
        assertEquals("", unknown, "undefined symbols outside the known libSystem list");
        String unbound = undefined.stream().filter(s -> s.ordinal() != 1).map(s -> s.name() + " -> " + s.ordinal())
                .collect(Collectors.joining(", "));
        assertEquals("", unbound, "undefined symbols not bound to libSystem (ordinal 1)");
    }

    static void recordsMinimumMacos(MachO file) {
        assertEquals(MINIMUM_MACOS, file.minimumOs(MachO.PLATFORM_MACOS), "LC_BUILD_VERSION minos for macOS");
    }

    /**
     * Apple silicon runs no unsigned code: an arm64 dylib needs an embedded signature (ad-hoc is enough) whose
     * CodeDirectory's SHA-256 page hashes match every byte before the signature.
     */
    static void carriesValidCodeSignature(MachO file) {
        List<MachO.Command> signatures = file.commands(MachO.LC_CODE_SIGNATURE);
        assertEquals(1, signatures.size(), "LC_CODE_SIGNATURE commands");
        int dataoff = file.file.getInt(signatures.get(0).offset() + 8);
        int datasize = file.file.getInt(signatures.get(0).offset() + 12);
        byte[] bytes = file.file.array();
        assertTrue(dataoff > 0 && dataoff + (long) datasize <= bytes.length, "signature outside the file");
        ByteBuffer blob = ByteBuffer.wrap(bytes, dataoff, datasize).slice().order(ByteOrder.BIG_ENDIAN);
        assertEquals(CSMAGIC_EMBEDDED_SIGNATURE, blob.getInt(0), "embedded signature magic");
        int directory = -1;
        for (int i = 0; i < blob.getInt(8); i++) {
            if (blob.getInt(12 + 8 * i) == CSSLOT_CODEDIRECTORY) {
                directory = blob.getInt(16 + 8 * i);
            }
        }
        if (directory < 0) {
            fail("the signature has no CodeDirectory");
        }
        ByteBuffer cd = blob.slice(directory, blob.limit() - directory).order(ByteOrder.BIG_ENDIAN);
        assertEquals(CSMAGIC_CODEDIRECTORY, cd.getInt(0), "CodeDirectory magic");
        int hashOffset = cd.getInt(16);
        int codeSlots = cd.getInt(28);
        int codeLimit = cd.getInt(32);
        int hashSize = cd.get(36) & 0xff;
        int hashType = cd.get(37) & 0xff;
        int pageSize = 1 << (cd.get(39) & 0xff);
        assertEquals(CS_HASHTYPE_SHA256, hashType, "CodeDirectory hash type");
        assertEquals(dataoff, codeLimit, "the signature must cover every byte before it");
        assertEquals((codeLimit + pageSize - 1) / pageSize, codeSlots, "one hash per page");
        for (int page = 0; page < codeSlots; page++) {
            int from = page * pageSize;
            byte[] actual = sha256Bytes(Arrays.copyOfRange(bytes, from, Math.min(codeLimit, from + pageSize)));
            byte[] recorded = new byte[hashSize];
            cd.get(hashOffset + page * hashSize, recorded);
            assertEquals(HexFormat.of().formatHex(recorded), HexFormat.of().formatHex(actual),
                    "code page " + page + " does not match its signed hash");
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Bytes(bytes));
    }

    private static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

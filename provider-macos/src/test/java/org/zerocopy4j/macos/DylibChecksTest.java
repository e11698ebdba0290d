package org.zerocopy4j.macos;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Each check of {@link MacosDylibTest} fails on a file that lacks what it guards: the built dylibs with one fact
 * changed, the unsigned x86_64 file where a signature is required, and the Linux shim library, which is ELF.
 */
class DylibChecksTest {

    private static byte[] built(DylibChecks.Arch arch) throws IOException {
        byte[] library = MacosDylibTest.resource(arch.resource());
        assumeTrue(library != null, () -> "no " + arch.resource() + " in this build");
        return library;
    }

    /** {@code bytes} with every occurrence of {@code from} replaced by the same-length {@code to}. */
    private static byte[] patched(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        byte[] copy = bytes.clone();
        int found = 0;
        for (int i = 0; i + a.length <= copy.length; i++) {
            if (ByteBuffer.wrap(copy, i, a.length).equals(ByteBuffer.wrap(a))) {
                System.arraycopy(b, 0, copy, i, b.length);
                found++;
            }
        }
        assertTrue(found > 0, () -> from + " is not in the file");
        return copy;
    }

    @Test
    void aChangedByteFailsTheDigest() throws IOException {
        byte[] library = built(DylibChecks.Arch.AARCH_64);
        byte[] digest = MacosDylibTest.resource(DylibChecks.Arch.AARCH_64.resource() + ".sha256");
        DylibChecks.digestMatches(library, digest);
        byte[] changed = library.clone();
        changed[changed.length / 2] ^= 1;
        assertThrows(AssertionFailedError.class, () -> DylibChecks.digestMatches(changed, digest));
    }

    @Test
    void anElfLibraryIsNotADylib() throws IOException {
        String shim = MacosNative.LIBRARY.testLibrary();
        assumeTrue(shim != null, "no Darwin shim library in this build");
        byte[] elf = Files.readAllBytes(Path.of(shim));
        assertThrows(AssertionError.class, () -> DylibChecks.dylibFor(DylibChecks.Arch.X86_64, elf));
    }

    @Test
    void theWrongCpuFails() throws IOException {
        byte[] arm64 = built(DylibChecks.Arch.AARCH_64);
        DylibChecks.dylibFor(DylibChecks.Arch.AARCH_64, arm64);
        assertThrows(AssertionFailedError.class, () -> DylibChecks.dylibFor(DylibChecks.Arch.X86_64, arm64));
    }

    @Test
    void noJniOnLoadFails() throws IOException {
        byte[] renamed = patched(built(DylibChecks.Arch.AARCH_64), "_JNI_OnLoad\0", "_JNI_OnLoax\0");
        assertThrows(AssertionFailedError.class, () -> DylibChecks.exportsJniOnLoad(new MachO(renamed)));
    }

    @Test
    void anotherDylibFails() throws IOException {
        byte[] other = patched(built(DylibChecks.Arch.X86_64), "/usr/lib/libSystem.B.dylib", "/usr/lib/libSystem.C.dylib");
        assertThrows(AssertionFailedError.class, () -> DylibChecks.needsOnlyLibSystem(new MachO(other)));
    }

    @Test
    void anUnknownImportFails() throws IOException {
        byte[] library = built(DylibChecks.Arch.X86_64);
        DylibChecks.needsOnlyLibSystem(new MachO(library));
        byte[] other = patched(library, "_sendfile\0", "_sendfilx\0");
        assertThrows(AssertionFailedError.class, () -> DylibChecks.needsOnlyLibSystem(new MachO(other)));
    }

    @Test
    void anImportBoundElsewhereFails() throws IOException {
        byte[] library = built(DylibChecks.Arch.X86_64);
        MachO file = new MachO(library);
        MachO.Command symtab = file.commands(MachO.LC_SYMTAB).get(0);
        int symoff = file.file.getInt(symtab.offset() + 8);
        int nsyms = file.file.getInt(symtab.offset() + 12);
        byte[] flat = library.clone();
        ByteBuffer view = ByteBuffer.wrap(flat).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < nsyms; i++) {
            int entry = symoff + i * 16;
            if ((view.get(entry + 4) & 0x0f) == 0x01) {
                // Ordinal 0xfe: dynamic lookup, which binds to whatever image exports the name.
                view.putShort(entry + 6, (short) ((view.getShort(entry + 6) & 0x00ff) | 0xfe00));
            }
        }
        assertThrows(AssertionFailedError.class, () -> DylibChecks.needsOnlyLibSystem(new MachO(flat)));
    }

    @Test
    void aDifferentMinimumFails() throws IOException {
        byte[] library = built(DylibChecks.Arch.AARCH_64);
        MachO file = new MachO(library);
        int at = file.commands(MachO.LC_BUILD_VERSION).get(0).offset() + 12;
        byte[] newer = library.clone();
        ByteBuffer.wrap(newer).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 14 << 16);
        DylibChecks.recordsMinimumMacos(file);
        assertThrows(AssertionFailedError.class, () -> DylibChecks.recordsMinimumMacos(new MachO(newer)));
    }

    @Test
    void anUnsignedFileFails() throws IOException {
        byte[] unsigned = built(DylibChecks.Arch.X86_64);
        assertThrows(AssertionFailedError.class, () -> DylibChecks.carriesValidCodeSignature(new MachO(unsigned)));
    }

    @Test
    void codeChangedAfterSigningFails() throws IOException {
        byte[] library = built(DylibChecks.Arch.AARCH_64);
        DylibChecks.carriesValidCodeSignature(new MachO(library));
        byte[] changed = library.clone();
        // Inside the first page of __TEXT, past the load commands: what a tampered or re-linked file looks like.
        changed[0xf00] ^= 1;
        assertThrows(AssertionFailedError.class, () -> DylibChecks.carriesValidCodeSignature(new MachO(changed)));
    }
}

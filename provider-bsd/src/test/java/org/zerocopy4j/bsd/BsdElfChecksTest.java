package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.zerocopy4j.testkit.Elf;
import org.zerocopy4j.testkit.ElfChecks;
import org.zerocopy4j.testkit.ElfDoctor;

/**
 * Each check of {@link BsdElfLibraryTest} fails on a copy of the built FreeBSD x86_64 library with the one fact it
 * guards changed (and passes on the library as built, so the failure is the doctoring's).
 */
class BsdElfChecksTest {
    private static final BsdElfLibraryTest.Build BUILD = BsdElfLibraryTest.Build.FREEBSD_X86_64;

    private static byte[] built() throws IOException {
        byte[] library = BsdElfLibraryTest.built(BUILD);
        ElfChecks.checkAll(library, BUILD.expected());
        return library;
    }

    /** The doctored file fails checkAll with a message containing {@code expected}. */
    private static void fails(byte[] doctored, String expected) {
        Executable all = () -> ElfChecks.checkAll(doctored, BUILD.expected());
        AssertionError e = assertThrows(AssertionError.class, all);
        assertTrue(String.valueOf(e.getMessage()).contains(expected),
                () -> "failed for another reason: " + e.getMessage());
    }

    @Test
    void aChangedByteFailsTheDigest() throws IOException {
        byte[] library = built();
        byte[] digest = BsdElfLibraryTest.resource(BUILD.resource() + ".sha256");
        byte[] changed = ElfDoctor.setByte(library, library.length / 2, library[library.length / 2] ^ 1);
        assertThrows(AssertionError.class, () -> ElfChecks.digestMatches(changed, digest));
    }

    @Test
    void elf32OrBigEndianFails() throws IOException {
        fails(ElfDoctor.setByte(built(), 4, 1), "EI_CLASS");
        fails(ElfDoctor.setByte(built(), 5, 2), "EI_DATA");
    }

    @Test
    void theWrongMachineFails() throws IOException {
        fails(ElfDoctor.setHalf(built(), 18, Elf.EM_AARCH64), "e_machine");
    }

    @Test
    void anExecutableFails() throws IOException {
        fails(ElfDoctor.setHalf(built(), 16, 2), "e_type");
    }

    @Test
    void misalignedLoadsFail() throws IOException {
        fails(ElfDoctor.setLoadField(built(), 1, 48, 0x10), "p_align");
        long second = ElfChecks.parse(built()).segments.stream().filter(s -> s.type() == Elf.PT_LOAD).skip(1)
                .findFirst().orElseThrow().offset();
        fails(ElfDoctor.setLoadField(built(), 1, 8, second + 8), "differ modulo p_align");
        fails(ElfDoctor.setLoadField(built(), 0, 8, 0x1000), "first PT_LOAD's file offset");
    }

    @Test
    void anotherLibraryFails() throws IOException {
        fails(ElfDoctor.replace(built(), "libc.so.7\0", "libc.so.6\0"), "DT_NEEDED");
    }

    @Test
    void anotherSonameFails() throws IOException {
        fails(ElfDoctor.replace(built(), "libzerocopy4j-bsd.so\0", "libzerocopy4j-bsX.so\0"), "DT_SONAME");
    }

    @Test
    void aSearchPathOrTextRelocationFails() throws IOException {
        fails(ElfDoctor.retag(built(), Elf.DT_GNU_HASH, Elf.DT_RPATH), "DT_RPATH");
        fails(ElfDoctor.retag(built(), Elf.DT_GNU_HASH, Elf.DT_RUNPATH), "DT_RUNPATH");
        fails(ElfDoctor.retag(built(), Elf.DT_GNU_HASH, Elf.DT_TEXTREL), "DT_TEXTREL");
        fails(ElfDoctor.orDynamic(built(), Elf.DT_FLAGS, Elf.DF_TEXTREL), "DF_TEXTREL");
    }

    @Test
    void anUnversionedFstatFails() throws IOException {
        fails(ElfDoctor.setVersion(built(), "fstat", 1), "fstat is unversioned, expected libc.so.7 FBSD_1.5");
    }

    @Test
    void theOldFstatFails() throws IOException {
        fails(ElfDoctor.replace(built(), "FBSD_1.5\0", "FBSD_1.0\0"), "fstat is libc.so.7 FBSD_1.0, expected");
    }

    @Test
    void aGlibcOrGccVersionFails() throws IOException {
        fails(ElfDoctor.replace(built(), "FBSD_1.6\0", "GLIBC_2\0\0"), "copy_file_range@GLIBC_2 is a Linux");
        fails(ElfDoctor.replace(built(), "FBSD_1.6\0", "GCC_3.0\0\0"), "copy_file_range@GCC_3.0 is a Linux");
    }

    @Test
    void anImportOffTheListFails() throws IOException {
        fails(ElfDoctor.replace(built(), "lseek\0", "lseeq\0"), "lseeq is not on the allow-list");
    }

    @Test
    void anotherExportFails() throws IOException {
        fails(ElfDoctor.replace(built(), "JNI_OnLoad\0", "JNI_OnLoax\0"), "JNI_OnLoad is not exported");
        fails(ElfDoctor.setSection(built(), "strerror", 9), "exports beyond JNI_OnLoad/JNI_OnUnload: [strerror]");
    }
}

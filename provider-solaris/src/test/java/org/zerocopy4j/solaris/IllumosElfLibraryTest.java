package org.zerocopy4j.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.internal.NativeLibraries;
import org.zerocopy4j.testkit.Elf;
import org.zerocopy4j.testkit.ElfChecks;
import org.zerocopy4j.testkit.ElfDoctor;

/**
 * The illumos library the jar ships, as illumos' ld.so.1 would take it: found under the name the loader asks for,
 * matching its digest, and passing every {@link ElfChecks} check against src/main/c/cross/illumos.symbols, DT_HASH
 * included (ld.so.1 reads no DT_GNU_HASH). The other checks are shown failing on doctored copies in provider-bsd's
 * BsdElfChecksTest; the illumos-only ones fail here. With CI=true a missing library fails; elsewhere it is skipped.
 */
class IllumosElfLibraryTest {
    private static final String RESOURCE = "META-INF/native/illumos-x86_64/" + SolarisNative.LIBRARY_FILE;

    private static ElfChecks.Expected expected() {
        Map<String, String> imports = ElfChecks.allowedImports(Path.of("src/main/c/cross/illumos.symbols"));
        return new ElfChecks.Expected(Elf.EM_X86_64, 4096, ElfChecks.libraries(imports), SolarisNative.LIBRARY_FILE,
                true, imports);
    }

    private static byte[] built() throws IOException {
        byte[] library = resource(RESOURCE);
        if (library == null) {
            boolean required = "true".equals(System.getenv("CI"))
                    && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            assumeTrue(required, () -> "no " + RESOURCE + " (no zig toolchain in this build)");
        }
        assertNotNull(library, () -> RESOURCE + " is missing from target/classes");
        return library;
    }

    @Test
    void theJarCarriesALoadableLibrary() throws IOException {
        byte[] library = built();
        byte[] digest = resource(RESOURCE + ".sha256");
        assertNotNull(digest, () -> RESOURCE + ".sha256 is missing");
        ElfChecks.digestMatches(library, digest);
        ElfChecks.checkAll(library, expected());
    }

    /** On illumos x86_64 the loader asks for exactly this file, and finds it, its digest right, extracted whole. */
    @Test
    void theLoaderFindsAndVerifiesIt() throws IOException {
        byte[] library = built();
        assumeTrue(NativeLibraries.architecture().equals("x86_64"), "another architecture");
        assertEquals(RESOURCE, NativeLibraries.resourceName(SolarisNative.RESOURCE_OS, SolarisNative.LIBRARY_FILE));
        try (NativeLibraries.Prepared copy = NativeLibraries.prepare(SolarisNative.class, SolarisNative.RESOURCE_OS,
                SolarisNative.LIBRARY_FILE)) {
            assertArrayEquals(library, Files.readAllBytes(copy.path()));
        }
    }

    @Test
    void withoutDtHashItFails() throws IOException {
        byte[] doctored = ElfDoctor.retag(built(), Elf.DT_HASH, Elf.DT_GNU_HASH);
        AssertionError e = assertThrows(AssertionError.class, () -> ElfChecks.checkAll(doctored, expected()));
        assertTrue(e.getMessage().contains("DT_HASH entries"), e::getMessage);
    }

    @Test
    void sendfilevFromAnotherLibraryOrVersionFails() throws IOException {
        byte[] other = ElfDoctor.replace(built(), "SUNW_1.1\0", "SUNW_1.2\0");
        AssertionError e = assertThrows(AssertionError.class, () -> ElfChecks.checkAll(other, expected()));
        assertTrue(e.getMessage().contains("sendfilev is libsendfile.so.1 SUNW_1.2, expected"), e::getMessage);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = IllumosElfLibraryTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}

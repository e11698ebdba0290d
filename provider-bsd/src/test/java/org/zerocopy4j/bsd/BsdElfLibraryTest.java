package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zerocopy4j.internal.NativeLibraries;
import org.zerocopy4j.testkit.Elf;
import org.zerocopy4j.testkit.ElfChecks;

/**
 * The libraries the jar ships, as FreeBSD's and DragonFly's rtld would take them: found under the names the loader
 * asks for, matching their digests, and passing every {@link ElfChecks} check against the symbol list their stubs were
 * made from. A Linux build with the zig toolchain makes all three; with CI=true a missing one fails here, elsewhere
 * (a local build without zig) it is skipped.
 */
class BsdElfLibraryTest {

    /** Each library in the jar: its resource directory, machine, libc and symbol list (src/main/c/cross/). */
    enum Build {
        FREEBSD_X86_64("freebsd-x86_64", Elf.EM_X86_64, "freebsd", "FreeBSD"),
        FREEBSD_AARCH_64("freebsd-aarch_64", Elf.EM_AARCH64, "freebsd", "FreeBSD"),
        DRAGONFLY_X86_64("dragonfly-x86_64", Elf.EM_X86_64, "dragonfly", "DragonFly");

        final String directory;
        final int machine;
        final String os;
        /** The JDK's os.name there. */
        final String osName;

        Build(String directory, int machine, String os, String osName) {
            this.directory = directory;
            this.machine = machine;
            this.os = os;
            this.osName = osName;
        }

        String resource() {
            return "META-INF/native/" + directory + "/" + BsdNative.LIBRARY_FILE;
        }

        ElfChecks.Expected expected() {
            Map<String, String> imports = ElfChecks.allowedImports(Path.of("src/main/c/cross/" + os + ".symbols"));
            // FreeBSD and DragonFly map 4 KiB pages on both architectures; lld aligns aarch64 loads to 64 KiB.
            return new ElfChecks.Expected(machine, 4096, ElfChecks.libraries(imports), BsdNative.LIBRARY_FILE, false,
                    imports);
        }
    }

    @ParameterizedTest
    @EnumSource(Build.class)
    void theJarCarriesALoadableLibrary(Build build) throws IOException {
        byte[] library = built(build);
        byte[] digest = resource(build.resource() + ".sha256");
        assertNotNull(digest, () -> build.resource() + ".sha256 is missing");
        ElfChecks.digestMatches(library, digest);
        ElfChecks.checkAll(library, build.expected());
    }

    /**
     * On its OS the loader asks for exactly this file (the directory after os.name, this JVM's architecture), and
     * finds it, its digest right, extracted byte for byte. Only the builds of this JVM's architecture.
     */
    @ParameterizedTest
    @EnumSource(Build.class)
    void theLoaderFindsAndVerifiesIt(Build build) throws IOException {
        byte[] library = built(build);
        String os = BsdNative.resourceOs(build.osName);
        assumeTrue(build.directory.endsWith("-" + NativeLibraries.architecture()), "another architecture");
        assertEquals(build.resource(), NativeLibraries.resourceName(os, BsdNative.LIBRARY_FILE),
                "the resource the loader asks for on " + build.osName);
        try (NativeLibraries.Prepared copy = NativeLibraries.prepare(BsdNative.class, os, BsdNative.LIBRARY_FILE)) {
            assertArrayEquals(library, Files.readAllBytes(copy.path()));
        }
    }

    /** The library in target/classes; skipped where no zig built it, unless CI=true on Linux. */
    static byte[] built(Build build) throws IOException {
        byte[] library = resource(build.resource());
        if (library == null) {
            boolean required = "true".equals(System.getenv("CI"))
                    && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            assumeTrue(required, () -> "no " + build.resource() + " (no zig toolchain in this build)");
        }
        assertNotNull(library, () -> build.resource() + " is missing from target/classes");
        return library;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BsdElfLibraryTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}

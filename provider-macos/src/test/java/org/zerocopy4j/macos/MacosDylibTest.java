package org.zerocopy4j.macos;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dylibs the jar ships, as a Mac would take them: found under the names the loader asks for, matching their
 * digests, of the right CPU, exporting JNI_OnLoad, needing nothing but libSystem, stating their minimum macOS, and
 * (arm64) validly signed. A Linux build with the zig toolchain makes both; with CI=true a missing one fails here too,
 * elsewhere (a Mac builds its own architecture only, a local Linux build may lack zig) it is skipped.
 */
class MacosDylibTest {

    @ParameterizedTest
    @EnumSource(DylibChecks.Arch.class)
    void theJarCarriesALoadableDylib(DylibChecks.Arch arch) throws IOException {
        byte[] library = resource(arch.resource());
        if (library == null) {
            boolean required = "true".equals(System.getenv("CI"))
                    && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            assumeTrue(required, () -> "no " + arch.resource() + " (no zig toolchain in this build)");
        }
        assertNotNull(library, () -> arch.resource() + " is missing from target/classes");
        byte[] digest = resource(arch.resource() + ".sha256");
        assertNotNull(digest, () -> arch.resource() + ".sha256 is missing");
        DylibChecks.digestMatches(library, digest);

        MachO file = DylibChecks.dylibFor(arch, library);
        DylibChecks.exportsJniOnLoad(file);
        DylibChecks.needsOnlyLibSystem(file);
        DylibChecks.recordsMinimumMacos(file);
        if (arch == DylibChecks.Arch.AARCH_64) {
            DylibChecks.carriesValidCodeSignature(file);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = MacosDylibTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}

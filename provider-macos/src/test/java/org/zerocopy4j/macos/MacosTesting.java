package org.zerocopy4j.macos;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

/** Where the provider's tests can run: on macOS, or anywhere the Darwin shim library is given. */
final class MacosTesting {
    private MacosTesting() {
    }

    static void assumeServed() {
        boolean macos = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
        assumeTrue(macos || MacosNative.testLibrary() != null, "neither macOS nor the Darwin shim");
        MacosProvider provider = new MacosProvider();
        assertTrue(provider.isAvailable(), () -> "not available: " + provider.unavailabilityCause());
    }
}

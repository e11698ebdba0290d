package org.zerocopy4j.solaris;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

/** Where the provider's tests can run: on Solaris or illumos, or anywhere the illumos shim library is given. */
final class SolarisTesting {
    private SolarisTesting() {
    }

    static void assumeServed() {
        boolean solaris = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("sunos");
        assumeTrue(solaris || SolarisNative.testLibrary() != null, "neither Solaris, illumos nor the illumos shim");
        SolarisProvider provider = new SolarisProvider();
        assertTrue(provider.isAvailable(), () -> "not available: " + provider.unavailabilityCause());
    }
}

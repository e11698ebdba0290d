package org.zerocopy4j.aix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

/** Where the provider's tests can run: on AIX, or anywhere the AIX shim library is given. */
final class AixTesting {
    private AixTesting() {
    }

    static void assumeServed() {
        boolean aix = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("aix");
        assumeTrue(aix || AixNative.testLibrary() != null, "neither AIX nor the AIX shim");
        AixProvider provider = new AixProvider();
        assertTrue(provider.isAvailable(), () -> "not available: " + provider.unavailabilityCause());
    }
}

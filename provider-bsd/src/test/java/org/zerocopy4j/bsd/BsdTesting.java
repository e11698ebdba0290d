package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;

/** Where the provider's tests can run: on FreeBSD or DragonFly, or anywhere the FreeBSD shim library is given. */
final class BsdTesting {
    private BsdTesting() {
    }

    static void assumeServed() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean bsd = os.equals("freebsd") || os.equals("dragonfly");
        assumeTrue(bsd || BsdNative.testLibrary() != null, "neither FreeBSD, DragonFly nor the FreeBSD shim");
        BsdProvider provider = new BsdProvider();
        assertTrue(provider.isAvailable(), () -> "not available: " + provider.unavailabilityCause());
    }
}

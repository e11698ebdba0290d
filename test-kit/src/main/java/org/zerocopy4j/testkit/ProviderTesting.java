package org.zerocopy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.function.Predicate;

import org.zerocopy4j.spi.ZeroCopyProvider;

/** Where a native provider's own tests can run: on its OS, or anywhere its OS shim library is given. */
public final class ProviderTesting {
    private ProviderTesting() {
    }

    /**
     * Skips the tests unless the JVM runs on the provider's OS ({@code onItsOs} of the lower-case os.name) or the shim
     * library is given; then the provider must be available, or the tests fail with its reason.
     */
    public static void assumeServed(Predicate<String> onItsOs, String shimLibrary, ZeroCopyProvider provider,
            String where) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        assumeTrue(onItsOs.test(os) || shimLibrary != null, "neither " + where);
        assertTrue(provider.isAvailable(), () -> "not available: " + provider.unavailabilityCause());
    }
}

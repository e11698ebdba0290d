package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.ZeroCopy;

/**
 * A run that names its provider (-Dzerocopy4j.provider, as the OS-shim runs do) must really test it: a shim library
 * that failed to build or load would otherwise leave only the fallback parameterized, and the run would pass.
 */
class RequestedProviderBehaviourTest {
    @Test
    void theRequestedProviderIsAvailableAndParameterized() {
        String requested = System.getProperty("zerocopy4j.provider");
        assumeTrue(requested != null && !requested.isBlank(), "no provider requested");
        assertTrue(AvailableProviders.names().contains(requested), () -> requested + " is not available: "
                + ZeroCopy.providers().stream().filter(p -> p.name().equals(requested))
                        .map(p -> String.valueOf(p.unavailabilityCause().orElse(null))).findFirst().orElse("not found"));
    }
}

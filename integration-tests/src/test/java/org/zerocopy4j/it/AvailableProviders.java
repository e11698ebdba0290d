package org.zerocopy4j.it;

import java.util.List;
import java.util.stream.Collectors;

import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;

/** Argument source: the name of every provider available on this machine, so each test runs against each of them. */
public final class AvailableProviders {
    private AvailableProviders() {
    }

    /**
     * Every available provider, or only the one named by {@code zerocopy4j.provider} when it is set, so that a run
     * "with provider X selected" (the matrix cells, the OS shim runs) tests X and nothing else.
     */
    public static List<String> names() {
        String requested = System.getProperty("zerocopy4j.provider");
        if (requested != null && !requested.isBlank()) {
            ZeroCopy.using(requested.trim()); // throws, naming every candidate, when it is unknown or unavailable
            return List.of(requested.trim());
        }
        List<String> names = ZeroCopy.providers().stream()
                .filter(ZeroCopyProvider::isAvailable)
                .map(ZeroCopyProvider::name)
                .collect(Collectors.toList());
        if (names.isEmpty()) {
            throw new IllegalStateException("no available provider on the test class path: " + ZeroCopy.providers());
        }
        return names;
    }

    /** Whether the named provider does anything in the kernel (the fallback does not). */
    public static boolean isNative(String name) {
        return ZeroCopy.providers().stream().anyMatch(p -> p.name().equals(name) && !p.features().isEmpty());
    }
}

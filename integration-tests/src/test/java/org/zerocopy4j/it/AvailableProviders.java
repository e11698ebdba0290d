package org.zerocopy4j.it;

import java.util.List;
import java.util.stream.Collectors;

import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;

/** Argument source: the name of every provider available on this machine, so each test runs against each of them. */
public final class AvailableProviders {
    private AvailableProviders() {
    }

    public static List<String> names() {
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

package org.zerocopy4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * Finds providers with ServiceLoader and chooses one, once, lazily and thread-safely (class-holder idiom). Nothing here
 * throws while discovering: a provider that fails is kept with its cause, and a failed choice is kept and thrown as
 * {@link IllegalStateException} each time someone asks for the provider.
 */
final class ProviderRegistry {
    static final String PROPERTY = "zerocopy4j.provider";
    static final String ENVIRONMENT = "ZEROCOPY4J_PROVIDER";


    /** Available providers first, by priority (highest first), ties by name; unavailable ones after, by name. */
    static final Comparator<ZeroCopyProvider> SELECTION_ORDER = Comparator
            .comparing((ZeroCopyProvider p) -> !p.isAvailable())
            .thenComparing(ZeroCopyProvider::priority, Comparator.reverseOrder())
            .thenComparing(ZeroCopyProvider::name);

    private ProviderRegistry() {
    }

    private static final class Holder {
        static final Selection DEFAULT = Selection.choose(discover(), requestedName());
    }

    static Selection selection() {
        return Holder.DEFAULT;
    }

    static String requestedName() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(ENVIRONMENT);
        }
        return name == null || name.isBlank() ? null : name.trim().toLowerCase(Locale.ROOT);
    }

    /** Every provider found, in selection order; failures to load become {@link FailedProvider}s. */
    static List<ZeroCopyProvider> discover() {
        ClassLoader loader = ProviderRegistry.class.getClassLoader();
        ServiceLoader<ZeroCopyProvider> serviceLoader = loader == null
                ? ServiceLoader.load(ZeroCopyProvider.class)
                : ServiceLoader.load(ZeroCopyProvider.class, loader);
        List<ZeroCopyProvider> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<ZeroCopyProvider>> it = serviceLoader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<ZeroCopyProvider> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError e) {
                // A broken services file or module declaration: keep it, go on with the others.
                found.add(new FailedProvider("unknown provider", e));
                DebugLog.debug("zerocopy4j: a provider could not be listed", e);
                continue;
            }
            try {
                found.add(handle.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                found.add(new FailedProvider(handle.type().getName(), e));
                DebugLog.debug("zerocopy4j: provider {} could not be instantiated", handle.type().getName(), e);
            }
        }
        found.sort(SELECTION_ORDER);
        return Collections.unmodifiableList(found);
    }

    /** Lines naming each candidate with its state and cause, for error messages and diagnostics. */
    static String describeCandidates(List<ZeroCopyProvider> providers) {
        if (providers.isEmpty()) {
            return "  (none: ServiceLoader found no org.zerocopy4j.spi.ZeroCopyProvider on the class or module path)";
        }
        StringBuilder sb = new StringBuilder();
        for (ZeroCopyProvider p : providers) {
            sb.append("  ").append(p.name()).append(" (priority ").append(p.priority()).append("): ");
            if (p.isAvailable()) {
                sb.append("available");
            } else {
                sb.append("unavailable");
                p.unavailabilityCause().ifPresent(c -> sb.append(": ").append(c));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}

package org.zerocopy4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The outcome of choosing a provider: either a chosen provider plus the order in which calls are offered to providers
 * (the chosen one first, then every other available one), or the reason no provider could be chosen.
 */
final class Selection {

    final List<ZeroCopyProvider> all;
    final List<ZeroCopyProvider> dispatchOrder;
    final ZeroCopyProvider chosen;
    final String requested;
    private final String failure;

    private Selection(List<ZeroCopyProvider> all, ZeroCopyProvider chosen, String requested, String failure) {
        this.all = all;
        this.chosen = chosen;
        this.requested = requested;
        this.failure = failure;
        List<ZeroCopyProvider> order = new ArrayList<>();
        if (chosen != null) {
            order.add(chosen);
            for (ZeroCopyProvider p : all) {
                if (p != chosen && p.isAvailable()) {
                    order.add(p);
                }
            }
        }
        this.dispatchOrder = Collections.unmodifiableList(order);
    }

    /**
     * @param all       every provider found, in selection order
     * @param requested a provider name the user asked for, or null for "the best available"
     */
    static Selection choose(List<ZeroCopyProvider> all, String requested) {
        Selection s = decide(all, requested);
        if (s.chosen != null) {
            DebugLog.debug("zerocopy4j: chose provider {}{} among {}", s.chosen.name(),
                    requested == null ? "" : " (requested)", all);
        } else {
            DebugLog.debug("zerocopy4j: no provider chosen: {}", s.failure);
        }
        return s;
    }

    private static Selection decide(List<ZeroCopyProvider> all, String requested) {
        if (requested != null) {
            for (ZeroCopyProvider p : all) {
                if (p.name().equals(requested)) {
                    return p.isAvailable()
                            ? new Selection(all, p, requested, null)
                            : new Selection(all, null, requested, "the requested zerocopy4j provider '" + requested
                                    + "' is unavailable here." + candidates(all) + override());
                }
            }
            return new Selection(all, null, requested, "the requested zerocopy4j provider '" + requested
                    + "' was not found." + candidates(all) + override());
        }
        for (ZeroCopyProvider p : all) {
            if (p.isAvailable()) {
                return new Selection(all, p, null, null);
            }
        }
        return new Selection(all, null, null, "no zerocopy4j provider is available." + candidates(all)
                + "\nAdd org.zerocopy4j:zerocopy4j-provider-fallback (pure Java, every platform) or the provider for"
                + " this OS (zerocopy4j-provider-linux, -bsd, -macos, -solaris, -aix) to the class or module path.");
    }

    private static String candidates(List<ZeroCopyProvider> all) {
        return "\nProviders found:\n" + ProviderRegistry.describeCandidates(all);
    }

    private static String override() {
        return "\nThe name comes from the system property " + ProviderRegistry.PROPERTY + " or the environment variable "
                + ProviderRegistry.ENVIRONMENT + ".";
    }

    /** The chosen provider, or the reason there is none. */
    ZeroCopyProvider chosen() {
        if (chosen == null) {
            throw new IllegalStateException(failure);
        }
        return chosen;
    }

    /** The order calls are offered to providers in; throws like {@link #chosen()} when none was chosen. */
    List<ZeroCopyProvider> chosenOrder() {
        chosen();
        return dispatchOrder;
    }

    /** The reason no provider was chosen, or null. */
    String failure() {
        return failure;
    }
}

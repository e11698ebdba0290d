package org.zerocopy4j.bench;

import java.util.StringJoiner;

import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;

/** Which zerocopy4j providers this run can measure: whatever is on the class path and available here. */
public final class Providers {
    public static final String LINUX = "linux";
    public static final String FALLBACK = "fallback";

    private Providers() {
    }

    public static boolean available(String name) {
        for (ZeroCopyProvider p : ZeroCopy.providers()) {
            if (p.name().equals(name)) {
                return p.isAvailable();
            }
        }
        return false;
    }

    /** Calls bound to one provider, so a variant measures that provider and not whichever would win. */
    public static Transfers using(String name) {
        return ZeroCopy.using(name);
    }

    /** "linux (available), fallback (available)" or why one is not, for the report header. */
    public static String describe() {
        StringJoiner all = new StringJoiner(", ");
        for (ZeroCopyProvider p : ZeroCopy.providers()) {
            all.add(p.name() + (p.isAvailable() ? " (available)" : " (unavailable: "
                    + p.unavailabilityCause().map(Throwable::getMessage).orElse("no reason given") + ")"));
        }
        return all.length() == 0 ? "none found" : all.toString();
    }

    /** Why a provider's variants are missing from a scenario, for the notes. */
    public static String absenceNote(String name) {
        for (ZeroCopyProvider p : ZeroCopy.providers()) {
            if (p.name().equals(name)) {
                return "provider '" + name + "' is unavailable here ("
                        + p.unavailabilityCause().map(Throwable::getMessage).orElse("no reason given")
                        + "): its variants were not measured";
            }
        }
        return "provider '" + name + "' is not on the class path: its variants were not measured";
    }
}

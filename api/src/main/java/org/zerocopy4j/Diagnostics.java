package org.zerocopy4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * Prints what zerocopy4j found on this JVM: every provider with its availability, the reason it is unavailable, its
 * kernel features, and the choice. Run it first when something is off:
 * {@code java -cp zerocopy4j-api.jar:zerocopy4j-provider-*.jar:slf4j-api.jar org.zerocopy4j.Diagnostics}.
 * Exits with status 1 when no provider can be chosen. With {@code -jfc} it prints the JFR settings file for
 * zerocopy4j's events instead ({@code java -jar zerocopy4j-api.jar -jfc > zerocopy4j.jfc}).
 */
public final class Diagnostics {
    /** The JFR settings file for zerocopy4j's events, next to this class in the api jar. */
    private static final String JFC = "zerocopy4j.jfc";

    private Diagnostics() {
    }

    /**
     * Prints the report to standard output and exits with status 1 when no provider was chosen, so a script can test
     * the result.
     *
     * @param args {@code -jfc} to print the JFR settings file instead; anything else is ignored
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("-jfc")) {
            try (InputStream jfc = Diagnostics.class.getResourceAsStream(JFC)) {
                jfc.transferTo(System.out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.flush();
            return;
        }
        boolean ok = report(System.out);
        if (!ok) {
            System.exit(1);
        }
    }

    /**
     * Writes the report; returns whether a provider was chosen.
     *
     * @param out where the report is printed
     * @return whether a provider was chosen
     */
    public static boolean report(PrintStream out) {
        Package pkg = Diagnostics.class.getPackage();
        String version = pkg == null || pkg.getImplementationVersion() == null ? "(development build)"
                : pkg.getImplementationVersion();
        out.println("zerocopy4j " + version);
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") on "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        String requested = ProviderRegistry.requestedName();
        out.println("Requested provider: " + (requested == null
                ? "none (" + ProviderRegistry.PROPERTY + " / " + ProviderRegistry.ENVIRONMENT + " unset)"
                : requested));
        Selection selection = ProviderRegistry.selection();
        List<ZeroCopyProvider> all = selection.all;
        out.println("Providers found, in selection order:");
        if (all.isEmpty()) {
            out.println("  none");
        }
        for (ZeroCopyProvider p : all) {
            out.printf("  %-9s priority %4s  %-11s kernel features: %s%n", p.name(),
                    p.priority() == Integer.MIN_VALUE ? "-" : Integer.toString(p.priority()),
                    p.isAvailable() ? "available" : "unavailable",
                    p.features().isEmpty() ? "none (pure Java copies)" : p.features());
            p.unavailabilityCause().ifPresent(cause -> {
                for (Throwable t = cause; t != null; t = t.getCause()) {
                    out.println("            because: " + t);
                    if (t.getCause() == t) {
                        break;
                    }
                }
            });
        }
        Map<String, Map<String, Long>> declines = Events.declineCounts();
        out.println("Declined calls so far (JFR event org.zerocopy4j.Declined):" + (declines.isEmpty() ? " none" : ""));
        declines.forEach((provider, reasons) -> reasons.forEach(
                (reason, n) -> out.printf("  %-9s %8d  %s%n", provider, n, reason)));
        if (selection.failure() != null) {
            out.println("Chosen: none");
            out.println(selection.failure());
            return false;
        }
        out.println("Chosen: " + selection.chosen.name());
        out.println("Kernel TLS offload (ZeroCopy.offloadTls): " + tlsOffload(selection.dispatchOrder));
        return true;
    }

    /** "available (provider)" for the first provider that can offload TLS here, else every provider's reason. */
    static String tlsOffload(List<ZeroCopyProvider> order) {
        StringBuilder why = new StringBuilder();
        for (ZeroCopyProvider p : order) {
            java.util.Optional<String> reason = p.tlsOffloadUnavailability();
            if (reason.isEmpty()) {
                return "available (" + p.name() + ")";
            }
            why.append(why.length() == 0 ? "unavailable: " : "; ").append(p.name()).append(": ").append(reason.get());
        }
        return why.length() == 0 ? "unavailable: no provider" : why.toString();
    }
}

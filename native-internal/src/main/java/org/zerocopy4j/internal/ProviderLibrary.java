package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way every native provider loads its library: the disable switch, the test-library property, the packaged
 * library ({@link NativeLibraries}), and the check that this JDK's channel members were resolved, which the library
 * registers the native for ({@link JdkChannelIo#failure()}). The call to {@code System.load} itself stays in the
 * provider's native-access class, passed in as a {@link Loader}, so the native-access grant is the provider's.
 */
public final class ProviderLibrary {
    /** What each provider package loaded, for {@link JdkChannelProvider#nativeLibrary()} (Diagnostics prints it). */
    private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

    private ProviderLibrary() {
    }

    /** The library the native class of {@code providerPackage} loaded, as Diagnostics shows it. */
    static Optional<String> loaded(String providerPackage) {
        return Optional.ofNullable(LOADED.get(providerPackage));
    }

    /** The provider's own {@code System.load} call. */
    @FunctionalInterface
    public interface Loader {
        void load(String path);
    }

    /** The library file named by the given system property, or null when it (or the property name) is unset. */
    public static String testLibrary(String property) {
        String path = property == null ? null : System.getProperty(property);
        return path == null || path.isBlank() ? null : path;
    }

    /**
     * Loads the test library named by {@code testLibraryProperty} (null: the provider has none) or else the packaged
     * {@code libraryFile}, then checks the JDK's channel protocol. Never throws: returns why it did not work, or null.
     */
    public static Throwable load(Class<?> owner, String os, String libraryFile, String testLibraryProperty,
            Loader loader) {
        try {
            if (NativeLibraries.disabled()) {
                return new UnsupportedOperationException("disabled by -D" + NativeLibraries.DISABLE_PROPERTY + "=true");
            }
            String test = testLibrary(testLibraryProperty);
            if (test != null) {
                loader.load(test);
                LOADED.put(owner.getPackageName(), test + " (test library, -D" + testLibraryProperty + ")");
            } else {
                try (NativeLibraries.Prepared library = NativeLibraries.prepare(owner, os, libraryFile)) {
                    loadPrepared(library, loader);
                    LOADED.put(owner.getPackageName(), library.extracted()
                            ? NativeLibraries.resourceName(os, libraryFile) + " (SHA-256 checked)"
                            : library.path() + " (-D" + NativeLibraries.PATH_PROPERTY + ")");
                }
            }
            Throwable protocol = JdkChannelIo.failure();
            if (protocol != null) {
                return new IllegalStateException("this JDK's channel classes lack the protocol for I/O in progress "
                        + "that keeps a descriptor from being closed mid-call: " + protocol, protocol);
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void loadPrepared(NativeLibraries.Prepared library, Loader loader) throws IOException {
        Path path = library.path();
        try {
            loader.load(path.toString());
        } catch (UnsatisfiedLinkError e) {
            if (!library.extracted() && String.valueOf(e.getMessage()).contains("another classloader")) {
                // The JVM loads one path into one class loader only: a second loader gets its own copy.
                try (NativeLibraries.Prepared copy = NativeLibraries.copyToWorkdir(path)) {
                    loader.load(copy.path().toString());
                    return;
                }
            }
            throw NativeLibraries.explainLoadFailure(library, e);
        }
    }
}

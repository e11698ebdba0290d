package org.zerocopy4j.internal;

import java.util.function.IntSupplier;

/**
 * The loading skeleton shared by the providers built on native-common: the disable switch, the test-library
 * property, the packaged library and the check that the library knows this JDK's channel classes. The call to
 * {@code System.load} itself stays in the provider's native-access class, passed in as a {@link Loader}.
 */
public final class ProviderLibrary {
    private ProviderLibrary() {
    }

    /** The provider's own {@code System.load} call. */
    @FunctionalInterface
    public interface Loader {
        void load(String path);
    }

    /** The library file named by the given system property, or null when it is unset or blank. */
    public static String testLibrary(String property) {
        String path = System.getProperty(property);
        return path == null || path.isBlank() ? null : path;
    }

    /**
     * Loads the test library named by {@code testLibraryProperty} or else the packaged {@code libraryFile}, then
     * checks {@code knownKinds} against {@code expectedKinds}. Never throws: returns why it did not work, or null.
     */
    public static Throwable load(Class<?> owner, String name, String libraryFile, String testLibraryProperty,
            Loader loader, IntSupplier knownKinds, int expectedKinds) {
        try {
            if (NativeLibraries.disabled()) {
                return new UnsupportedOperationException("disabled by -D" + NativeLibraries.DISABLE_PROPERTY + "=true");
            }
            String test = testLibrary(testLibraryProperty);
            if (test != null) {
                loader.load(test);
            } else {
                try (NativeLibraries.Prepared library = NativeLibraries.prepare(owner, name, libraryFile)) {
                    try {
                        loader.load(library.path().toString());
                    } catch (UnsatisfiedLinkError e) {
                        throw NativeLibraries.explainLoadFailure(library, e);
                    }
                }
            }
            int kinds = knownKinds.getAsInt();
            if (kinds != expectedKinds) {
                return new IllegalStateException("this JDK's channel classes have no field layout the library knows");
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}

package org.zerocopy4j.internal;

import java.util.Optional;

/**
 * A POSIX provider's native library, loaded once on first use: what every {@code *Native} class of bsd, macos,
 * solaris and aix shared (the load through {@link ProviderLibrary}, the test-library switch, why it failed, the
 * capability its library made, the scratch buffers). The provider's native class keeps its own {@code System.load}
 * call (the {@link ProviderLibrary.Loader}) and its own {@code channelIo()} native, which JNI_OnLoad registers on that
 * class alone; this class only holds their results.
 */
public final class PosixLibrary {
    /** The provider's own scratch buffers (header copies): no class outside its package gives one back. */
    public final DirectBufferPool buffers = new DirectBufferPool();

    private final Class<?> owner;
    private final String os;
    private final String libraryFile;
    private final String testLibraryProperty;
    private final ProviderLibrary.Loader loader;
    private final PosixProvider.IoSource channelIo;
    private volatile boolean loaded;
    private Throwable failure;
    private JdkChannelIo io;

    /**
     * Loads nothing yet.
     *
     * @param os                  the resource directory's OS part (META-INF/native/&lt;os&gt;-&lt;arch&gt;/)
     * @param testLibraryProperty the system property naming a library built from the core and its OS shim: when set,
     *                            the provider acts as on its OS whatever the OS, and loads that file instead
     * @param channelIo           the native class's own {@code channelIo()}, called once after a good load
     */
    public PosixLibrary(Class<?> owner, String os, String libraryFile, String testLibraryProperty,
            ProviderLibrary.Loader loader, PosixProvider.IoSource channelIo) {
        this.owner = owner;
        this.os = os;
        this.libraryFile = libraryFile;
        this.testLibraryProperty = testLibraryProperty;
        this.loader = loader;
        this.channelIo = channelIo;
    }

    /** The test library's path (the OS shim build), or null. */
    public String testLibrary() {
        return ProviderLibrary.testLibrary(testLibraryProperty);
    }

    /** Why the library did not load, if it did not (loads it; never throws). */
    public Optional<Throwable> failure() {
        load();
        return Optional.ofNullable(failure);
    }

    private void load() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    failure = ProviderLibrary.load(owner, os, libraryFile, testLibraryProperty, loader);
                    io = failure == null ? channelIo.io() : null;
                    loaded = true;
                }
            }
        }
    }

    /**
     * The JDK's protocol steps (a capability: {@link JdkChannelIo}) made by this library's native code for the
     * provider's class only; null when the library did not load, and then no call is served.
     */
    public JdkChannelIo io() {
        load();
        return io;
    }
}

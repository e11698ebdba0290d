package org.zerocopy4j.macos;

import org.zerocopy4j.testkit.ProviderTesting;

/** Where the provider's tests can run: on macOS, or anywhere the Darwin shim library is given. */
final class MacosTesting {
    private MacosTesting() {
    }

    static void assumeServed() {
        ProviderTesting.assumeServed(os -> os.startsWith("mac"), MacosNative.LIBRARY.testLibrary(), new MacosProvider(),
                "macOS nor the Darwin shim");
    }
}

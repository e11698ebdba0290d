package org.zerocopy4j.solaris;

import org.zerocopy4j.testkit.ProviderTesting;

/** Where the provider's tests can run: on Solaris or illumos, or anywhere the illumos shim library is given. */
final class SolarisTesting {
    private SolarisTesting() {
    }

    static void assumeServed() {
        ProviderTesting.assumeServed(os -> os.equals("sunos"), SolarisNative.LIBRARY.testLibrary(), new SolarisProvider(),
                "Solaris, illumos nor the illumos shim");
    }
}

package org.zerocopy4j.aix;

import org.zerocopy4j.testkit.ProviderTesting;

/** Where the provider's tests can run: on AIX, or anywhere the AIX shim library is given. */
final class AixTesting {
    private AixTesting() {
    }

    static void assumeServed() {
        ProviderTesting.assumeServed(os -> os.equals("aix"), AixNative.LIBRARY.testLibrary(), new AixProvider(),
                "AIX nor the AIX shim");
    }
}

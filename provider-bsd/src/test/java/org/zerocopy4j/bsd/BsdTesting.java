package org.zerocopy4j.bsd;

import org.zerocopy4j.testkit.ProviderTesting;

/** Where the provider's tests can run: on FreeBSD or DragonFly, or anywhere the FreeBSD shim library is given. */
final class BsdTesting {
    private BsdTesting() {
    }

    static void assumeServed() {
        ProviderTesting.assumeServed(os -> os.equals("freebsd") || os.equals("dragonfly"), BsdNative.LIBRARY.testLibrary(), new BsdProvider(),
                "FreeBSD, DragonFly nor the FreeBSD shim");
    }
}

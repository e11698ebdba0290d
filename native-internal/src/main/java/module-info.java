/**
 * zerocopy4j's internal native machinery, the Java twin of native-common: the JDK's protocol for I/O in progress,
 * leases, library loading, I/O vectors, the buffer pool and thread wakeups. Not API: exported only to the provider
 * modules, and free to change in any release.
 */
module org.zerocopy4j.internal {
    requires transitive org.zerocopy4j;

    exports org.zerocopy4j.internal to org.zerocopy4j.linux, org.zerocopy4j.bsd, org.zerocopy4j.macos,
            org.zerocopy4j.solaris, org.zerocopy4j.aix, org.zerocopy4j.fallback;
}

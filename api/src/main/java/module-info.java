/**
 * zerocopy4j: the kernel's zero-copy transfer calls behind one portable API.
 * Providers are found with {@link java.util.ServiceLoader}; add the one for your platform
 * (or {@code zerocopy4j-provider-fallback}, which works everywhere).
 */
module org.zerocopy4j {
    requires org.slf4j;
    requires jdk.jfr;

    exports org.zerocopy4j;
    exports org.zerocopy4j.spi;

    uses org.zerocopy4j.spi.ZeroCopyProvider;
}

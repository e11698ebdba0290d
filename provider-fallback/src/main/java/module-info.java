/** zerocopy4j's pure-Java provider: every platform, every channel pair, every operation but tee. */
module org.zerocopy4j.fallback {
    requires org.zerocopy4j.internal;

    provides org.zerocopy4j.spi.ZeroCopyProvider with org.zerocopy4j.fallback.FallbackProvider;
}

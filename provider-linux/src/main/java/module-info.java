/**
 * zerocopy4j's Linux provider. Its JNI library needs native access: on JDK 24+ run with
 * {@code --enable-native-access=org.zerocopy4j.linux} (module path) or {@code ALL-UNNAMED} (class path).
 */
module org.zerocopy4j.linux {
    requires org.zerocopy4j.internal;
    requires jdk.jfr;

    provides org.zerocopy4j.spi.ZeroCopyProvider with org.zerocopy4j.linux.LinuxProvider;
}

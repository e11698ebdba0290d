/**
 * zerocopy4j's macOS provider. Its JNI library needs native access: on JDK 24+ run with
 * {@code --enable-native-access=org.zerocopy4j.macos} (module path) or {@code ALL-UNNAMED} (class path).
 */
module org.zerocopy4j.macos {
    requires org.zerocopy4j.internal;

    provides org.zerocopy4j.spi.ZeroCopyProvider with org.zerocopy4j.macos.MacosProvider;
}

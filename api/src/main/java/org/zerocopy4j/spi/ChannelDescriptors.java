package org.zerocopy4j.spi;

import java.io.IOException;

/**
 * The native descriptor operations a provider's native-access class offers on the JDK's channel objects
 * (native-common/c/zc_channels.c), for {@link JdkChannels}. Each provider implements this with a small adapter
 * over its own native methods; the native declarations and the library loading stay in the provider.
 */
public interface ChannelDescriptors {
    /** The JVM's trusted lookup, read by the library, for {@link JdkChannelIo#install}; null if absent. */
    Object jvmLookup();

    /** The provider's exception for a failed call, errno in the system's numbering. */
    IOException exception(String call, int errno);
}

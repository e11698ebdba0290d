package org.zerocopy4j.internal;

import java.io.IOException;

/**
 * The native descriptor operations a provider's native-access class offers on the JDK's channel objects
 * (native-common/c/zc_channels.c), for {@link JdkChannels}. Each provider implements this with a small adapter
 * over its own native methods; the native declarations and the library loading stay in the provider.
 */
public interface ChannelDescriptors {
    /** lseek(2) on a descriptor: the new offset, or -errno ({@code whence} 0 SEEK_SET, 1 SEEK_CUR). */
    long seek(int fd, long offset, int whence);

    /** The provider's exception for a failed call, errno in the system's numbering. */
    IOException exception(String call, int errno);
}

package org.zerocopy4j.spi;

import java.io.IOException;

/**
 * The native descriptor operations a provider's native-access class offers on the JDK's channel objects
 * (native-common/c/zc_channels.c), for {@link JdkChannels}. Each provider implements this with a small adapter
 * over its own native methods; the native declarations and the library loading stay in the provider.
 */
public interface ChannelDescriptors {
    /** The JDK class of the given kind, as the library knows it. */
    Class<?> channelClass(int kind);

    /** Bit 1 readable, bit 2 writable. */
    int fileAccess(Object fileChannel);

    /** Joins the channel's thread set so close() waits for us: {@code slot << 32 | fd}, fd -1 when closed. */
    long enterFile(Object fileChannel);

    void exitFile(Object fileChannel, int slot);

    /** A private duplicate of the socket's descriptor, or a negative value. */
    int leaseSocket(Object socketChannel);

    int close(int fd);

    /** The provider's exception for a failed call, errno in the system's numbering. */
    IOException exception(String call, int errno);
}

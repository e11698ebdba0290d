package org.zerocopy4j.solaris;

import java.io.IOException;

import org.zerocopy4j.internal.ChannelDescriptors;

/** {@link ChannelDescriptors} over {@link SolarisNative}, for the shared {@link org.zerocopy4j.internal.JdkChannels}. */
final class SolarisChannels implements ChannelDescriptors {
    static final SolarisChannels NATIVE = new SolarisChannels();

    private SolarisChannels() {
    }

    @Override
    public long seek(int fd, long offset, int whence) {
        return SolarisNative.seek(fd, offset, whence);
    }

    @Override
    public IOException exception(String call, int errno) {
        return SolarisErrors.exception(call, errno);
    }
}

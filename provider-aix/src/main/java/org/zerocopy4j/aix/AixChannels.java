package org.zerocopy4j.aix;

import java.io.IOException;

import org.zerocopy4j.internal.ChannelDescriptors;

/** {@link ChannelDescriptors} over {@link AixNative}, for the shared {@link org.zerocopy4j.internal.JdkChannels}. */
final class AixChannels implements ChannelDescriptors {
    static final AixChannels NATIVE = new AixChannels();

    private AixChannels() {
    }

    @Override
    public long seek(int fd, long offset, int whence) {
        return AixNative.seek(fd, offset, whence);
    }

    @Override
    public IOException exception(String call, int errno) {
        return AixErrors.exception(call, errno);
    }
}

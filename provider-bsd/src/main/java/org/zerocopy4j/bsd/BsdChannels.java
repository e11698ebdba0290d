package org.zerocopy4j.bsd;

import java.io.IOException;

import org.zerocopy4j.internal.ChannelDescriptors;

/** {@link ChannelDescriptors} over {@link BsdNative}, for the shared {@link org.zerocopy4j.internal.JdkChannels}. */
final class BsdChannels implements ChannelDescriptors {
    static final BsdChannels NATIVE = new BsdChannels();

    private BsdChannels() {
    }

    @Override
    public long seek(int fd, long offset, int whence) {
        return BsdNative.seek(fd, offset, whence);
    }

    @Override
    public IOException exception(String call, int errno) {
        return BsdErrors.exception(call, errno);
    }
}

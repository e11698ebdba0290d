package org.zerocopy4j.macos;

import java.io.IOException;

import org.zerocopy4j.internal.ChannelDescriptors;

/** {@link ChannelDescriptors} over {@link MacosNative}, for the shared {@link org.zerocopy4j.internal.JdkChannels}. */
final class MacosChannels implements ChannelDescriptors {
    static final MacosChannels NATIVE = new MacosChannels();

    private MacosChannels() {
    }

    @Override
    public long seek(int fd, long offset, int whence) {
        return MacosNative.seek(fd, offset, whence);
    }

    @Override
    public IOException exception(String call, int errno) {
        return MacosErrors.exception(call, errno);
    }
}

package org.zerocopy4j.macos;

import java.io.IOException;

import org.zerocopy4j.spi.ChannelDescriptors;

/** {@link ChannelDescriptors} over {@link MacosNative}, for the shared {@link org.zerocopy4j.spi.JdkChannels}. */
final class MacosChannels implements ChannelDescriptors {
    static final MacosChannels NATIVE = new MacosChannels();

    private MacosChannels() {
    }

    @Override
    public Class<?> channelClass(int kind) {
        return MacosNative.channelClass(kind);
    }

    @Override
    public int fileAccess(Object fileChannel) {
        return MacosNative.fileAccess(fileChannel);
    }

    @Override
    public long enterFile(Object fileChannel) {
        return MacosNative.enterFile(fileChannel);
    }

    @Override
    public void exitFile(Object fileChannel, int slot) {
        MacosNative.exitFile(fileChannel, slot);
    }

    @Override
    public int leaseSocket(Object socketChannel) {
        return MacosNative.leaseSocket(socketChannel);
    }

    @Override
    public int close(int fd) {
        return MacosNative.close(fd);
    }

    @Override
    public IOException exception(String call, int errno) {
        return MacosErrors.exception(call, errno);
    }
}

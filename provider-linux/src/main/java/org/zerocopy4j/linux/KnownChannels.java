package org.zerocopy4j.linux;

import java.nio.channels.Channel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

import org.zerocopy4j.internal.JdkChannelIo;

/**
 * The JDK channel classes the provider serves, by class identity ({@link JdkChannelIo#kindOf}: subclasses and
 * wrappers are unknown and left to other providers), and the checks made before anything moves.
 */
final class KnownChannels {
    static final int UNKNOWN = JdkChannelIo.UNKNOWN;

    private KnownChannels() {
    }

    /** A {@code LinuxNative.KIND_*}, or {@link #UNKNOWN}. */
    static int kindOf(Channel channel) {
        return JdkChannelIo.kindOf(channel);
    }

    static boolean isFile(int kind) {
        return kind == LinuxNative.KIND_FILE;
    }

    static boolean isPipe(int kind) {
        return kind == LinuxNative.KIND_PIPE_SOURCE || kind == LinuxNative.KIND_PIPE_SINK;
    }

    /** Checks made before anything moves, with the JDK's own exception types. */
    static void ensureReadable(Channel channel, int kind) {
        if (kind == LinuxNative.KIND_FILE && !JdkChannelIo.isReadable(channel)) {
            throw new NonReadableChannelException();
        }
        ensureConnected(channel, kind);
    }

    static void ensureWritable(Channel channel, int kind) {
        if (kind == LinuxNative.KIND_FILE && !JdkChannelIo.isWritable(channel)) {
            throw new NonWritableChannelException();
        }
        ensureConnected(channel, kind);
    }

    private static void ensureConnected(Channel channel, int kind) {
        if (kind == LinuxNative.KIND_SOCKET && !((SocketChannel) channel).isConnected()) {
            throw new NotYetConnectedException();
        }
    }
}

package org.zerocopy4j.linux;

import java.nio.channels.Channel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.JdkChannelIo;

/**
 * The JDK channel classes the provider serves, by class identity ({@link JdkChannelIo#kindOf}: subclasses and
 * wrappers are unknown and left to other providers), and the checks made before anything moves.
 */
final class KnownChannels {
    private KnownChannels() {
    }

    /** The channel's kind, classified once per call. */
    static ChannelKind kindOf(Channel channel) {
        return JdkChannelIo.kindOf(channel);
    }

    /** Checks made before anything moves, with the JDK's own exception types. */
    static void ensureReadable(Channel channel, ChannelKind kind) {
        if (kind == ChannelKind.FILE && !JdkChannelIo.isReadable(channel)) {
            throw new NonReadableChannelException();
        }
        ensureConnected(channel, kind);
    }

    static void ensureWritable(Channel channel, ChannelKind kind) {
        if (kind == ChannelKind.FILE && !JdkChannelIo.isWritable(channel)) {
            throw new NonWritableChannelException();
        }
        ensureConnected(channel, kind);
    }

    private static void ensureConnected(Channel channel, ChannelKind kind) {
        if (kind == ChannelKind.SOCKET && !((SocketChannel) channel).isConnected()) {
            throw new NotYetConnectedException();
        }
    }
}

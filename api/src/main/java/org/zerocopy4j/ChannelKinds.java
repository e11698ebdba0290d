package org.zerocopy4j;

import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;

/** Questions about channels the façade asks before it picks a provider. */
final class ChannelKinds {
    private ChannelKinds() {
    }

    /**
     * Whether an operation on this channel may wait. Files always may; selectable channels report their mode (which
     * stays "blocking" under virtual threads even though the JDK then makes the descriptor non-blocking); any other
     * channel is assumed to block, as streams wrapped by {@link java.nio.channels.Channels} do.
     */
    static boolean isBlocking(Channel channel) {
        if (channel instanceof SelectableChannel) {
            return ((SelectableChannel) channel).isBlocking();
        }
        return true;
    }

    /** Whether the channel is one end of a {@link Pipe}. */
    static boolean isPipe(Channel channel) {
        return channel instanceof Pipe.SourceChannel || channel instanceof Pipe.SinkChannel;
    }

    /** Whether the channel has a position that offsets refer to. */
    static boolean hasPosition(Channel channel) {
        return channel instanceof FileChannel;
    }

    /** Class name for messages, e.g. "sun.nio.ch.SocketChannelImpl". */
    static String describe(Channel channel) {
        return channel == null ? "null" : channel.getClass().getName();
    }
}

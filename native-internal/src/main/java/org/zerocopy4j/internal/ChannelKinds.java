package org.zerocopy4j.internal;

import java.nio.channels.Channel;
import java.nio.channels.SelectableChannel;

/** Questions about channels that every provider asks the same way (the façade has its own copy of the first). */
public final class ChannelKinds {
    private ChannelKinds() {
    }

    /**
     * Whether an operation on this channel may wait. Files always may; selectable channels report their mode (which
     * stays "blocking" under virtual threads even though the JDK then makes the descriptor non-blocking); any other
     * channel is assumed to block, as streams wrapped by {@link java.nio.channels.Channels} do.
     */
    public static boolean isBlocking(Channel channel) {
        if (channel instanceof SelectableChannel) {
            return ((SelectableChannel) channel).isBlocking();
        }
        return true;
    }

    /** Class name for messages, e.g. "sun.nio.ch.SocketChannelImpl". */
    public static String describe(Channel channel) {
        return channel == null ? "null" : channel.getClass().getName();
    }
}

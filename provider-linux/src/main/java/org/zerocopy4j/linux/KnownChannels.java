package org.zerocopy4j.linux;

import java.nio.channels.Channel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;

import org.zerocopy4j.internal.JdkChannelIo;

/**
 * The JDK channel classes whose descriptors the native library can read, found by class identity (no reflection).
 * Any other channel class, including subclasses and wrappers, is unknown and left to other providers.
 */
final class KnownChannels {
    static final int UNKNOWN = 0;

    private final Class<?>[] classes = new Class<?>[LinuxNative.KIND_PIPE_SINK + 1];

    KnownChannels() {
        for (int kind = LinuxNative.KIND_FILE; kind <= LinuxNative.KIND_PIPE_SINK; kind++) {
            classes[kind] = JdkChannelIo.channelClass(kind);
        }
    }

    /** A {@code LinuxNative.KIND_*}, or {@link #UNKNOWN}. */
    int kindOf(Channel channel) {
        Class<?> type = channel.getClass();
        for (int kind = LinuxNative.KIND_FILE; kind <= LinuxNative.KIND_PIPE_SINK; kind++) {
            if (type == classes[kind]) {
                return kind;
            }
        }
        return UNKNOWN;
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

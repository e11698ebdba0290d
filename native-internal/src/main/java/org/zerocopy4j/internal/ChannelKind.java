package org.zerocopy4j.internal;

/**
 * Which of the JDK's own channel classes a channel is, by class identity ({@link JdkChannelIo#kindOf}): subclasses
 * and wrappers are {@link #UNKNOWN} and left to other providers. Classified once per call; the one name for it.
 */
public enum ChannelKind {
    FILE, SOCKET, PIPE_SOURCE, PIPE_SINK, UNKNOWN;

    public boolean isFile() {
        return this == FILE;
    }

    public boolean isPipe() {
        return this == PIPE_SOURCE || this == PIPE_SINK;
    }
}

package org.zerocopy4j;

import java.io.Closeable;
import java.io.IOException;

/**
 * Moves bytes from one channel to another through an intermediate the relay owns (a kernel pipe for native providers,
 * a buffer for the fallback), for proxies whose ends are sockets. Safe with non-blocking channels: bytes taken from
 * the input that the output could not take yet stay in the relay ({@link #pending()}) and go out first on the next
 * {@link #transfer}; no byte is lost or duplicated. Not thread-safe: one relay per direction, used by one thread at a
 * time. {@link #close()} releases the intermediate, not the channels.
 */
public interface Relay extends Closeable {

    /**
     * Moves up to {@code max} bytes towards the output.
     *
     * @param max the most bytes to take from the input in this call
     * @return the bytes written to the output by this call; 0 when a non-blocking end could move nothing now;
     *         -1 when the input has ended and nothing is pending
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws java.nio.channels.ClosedChannelException if the relay or either channel is closed
     */
    long transfer(long max) throws IOException;

    /**
     * Bytes taken from the input and not yet written to the output.
     *
     * @return the bytes held by the relay
     */
    long pending();
}

package org.zerocopy4j;

import java.io.Closeable;
import java.io.IOException;

/**
 * Moves bytes from one channel to another through an intermediate the relay owns (a kernel pipe for native providers,
 * a buffer for the fallback), for proxies whose ends are sockets. Safe with non-blocking channels: bytes taken from
 * the input that the output could not take yet stay in the relay ({@link #pending()}) and go out first on the next
 * {@link #transfer}; no byte is lost or duplicated. {@link #close()} releases the intermediate, not the channels; the
 * bytes the relay held are discarded.
 *
 * <p>Threads. One relay per direction, and its {@link #transfer} calls must not overlap: one thread at a time drives
 * it (successive calls may come from different threads). An overlapping call is refused with
 * {@link IllegalStateException}. Any other thread may, at any time:
 * <ul>
 * <li>call {@link #pending()}: it never waits for a running transfer and returns the count as of that transfer's
 * last step (0 once the relay is closed);</li>
 * <li>call {@link #close()}, also while a transfer runs: it never waits for the transfer, and the intermediate is
 * freed (or returned to a pool another relay takes it from) only once no transfer uses it, by whichever of
 * {@code close()} and the running transfer leaves last. The running transfer writes nothing to the output after its
 * current step and ends with {@link java.nio.channels.AsynchronousCloseException} (or returns what it had already
 * written); every later transfer throws {@link java.nio.channels.ClosedChannelException}. Native providers wake a
 * transfer that waits for a blocking channel at once (within about 100 ms). The fallback cannot wake a read or write
 * of a blocking channel without closing the channel: its transfer notices the close when that call returns (bytes
 * arrive, which are then discarded; the output takes bytes; end of input; or the channel is closed or the thread
 * interrupted). To end a waiting transfer at once on every provider, close its channel: the channel's own close ends
 * the blocked call, as the JDK's does.</li>
 * </ul>
 */
public interface Relay extends Closeable {

    /**
     * Moves up to {@code max} bytes towards the output.
     *
     * @param max the most bytes to take from the input in this call
     * @return the bytes written to the output by this call; 0 when a non-blocking end could move nothing now;
     *         -1 when the input has ended and nothing is pending
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws IllegalStateException if another thread is in {@code transfer} of this relay (providers that detect
     *         it)
     * @throws java.nio.channels.ClosedChannelException if the relay or either channel is closed ({@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes the relay or a channel during
     *         the call)
     */
    long transfer(long max) throws IOException;

    /**
     * Bytes taken from the input and not yet written to the output. Safe from any thread; never waits for a running
     * transfer.
     *
     * @return the bytes held by the relay
     */
    long pending();
}

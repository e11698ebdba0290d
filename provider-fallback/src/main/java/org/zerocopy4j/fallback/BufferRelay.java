package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;

import org.zerocopy4j.Relay;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.spi.CallTrace;

/**
 * A relay through a pooled direct buffer it holds until closed; closing discards pending bytes. The buffer is kept in
 * "read mode": position..limit are the pending bytes, read from the input but not yet written.
 *
 * <p>close() from another thread while a transfer runs must not give the buffer back to the shared pool under it: the
 * transfer may be blocked in its input's read into that very buffer, and the next relay to take the buffer from the
 * pool (another connection's) would then receive this connection's bytes. So the buffer goes back to the pool when
 * whichever of close() and the running transfer leaves last, decided by one compare-and-set on {@link #state}; no lock
 * is held while a channel call blocks, so close() and pending() never wait for the transfer. A pure-Java relay cannot
 * wake a blocked channel call without closing the channel: the transfer notices the close when its read or write
 * returns, writes nothing more and ends with AsynchronousCloseException.
 */
final class BufferRelay implements Relay {
    /** No transfer is running. */
    private static final int IDLE = 0;
    /** A transfer is running and owns the buffer. */
    private static final int BUSY = 1;
    /** Closed; the buffer is back in the pool. */
    private static final int CLOSED = 2;
    /** Closed while a transfer was running: the transfer gives the buffer back when it leaves. */
    private static final int CLOSED_BUSY = 3;

    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    /**
     * Touched only by the thread in transfer() (state BUSY) and given back to the pool exactly once, by whichever of
     * close() and that transfer leaves last. Each transfer's compare-and-set on {@link #state} orders it after the
     * previous one, so a relay may be driven by different threads one after another.
     */
    private final ByteBuffer buffer;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** The buffer's pending bytes as of the transfer's last step, for {@link #pending()} from any thread. */
    private volatile long pending;
    private boolean inputEnded;

    BufferRelay(ReadableByteChannel in, WritableByteChannel out) {
        this.in = in;
        this.out = out;
        // Borrowed for the relay's life and given back on close, so proxies that open and close many relays reuse a
        // few buffers instead of leaving direct memory for the garbage collector to find.
        this.buffer = FileTransfers.BUFFERS.acquire();
        buffer.limit(0);
    }

    @Override
    public long transfer(long max) throws IOException {
        CallTrace.path("relay-buffer");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        while (!state.compareAndSet(IDLE, BUSY)) {
            int s = state.get();
            if (s == BUSY) {
                throw new IllegalStateException("another thread is in transfer() of this relay: a relay serves one "
                        + "thread at a time (use one relay per direction)");
            }
            if (s == CLOSED || s == CLOSED_BUSY) {
                throw new ClosedChannelException();
            }
        }
        try {
            return move(max);
        } finally {
            leave();
        }
    }

    private long move(long max) throws IOException {
        ByteBuffer b = buffer;
        // A blocking input is read at most once per call: a second read could wait for bytes that never come while
        // the caller has progress to report.
        boolean mayReadAgain = true;
        boolean blockingIn = ChannelKinds.isBlocking(in);
        long written = 0;
        while (written < max) {
            if (closedMeanwhile()) {
                // Nothing goes to the output once close() was called; what the buffer holds is discarded.
                return closedAfter(written);
            }
            if (b.hasRemaining()) {
                int limit = b.limit();
                b.limit((int) Math.min(limit, b.position() + (max - written)));
                int w;
                try {
                    w = out.write(b);
                } finally {
                    b.limit(limit);
                    pending = b.remaining();
                }
                written += w;
                if (w == 0) {
                    break;
                }
                continue;
            }
            if (inputEnded || !mayReadAgain) {
                break;
            }
            b.clear().limit((int) Math.min(b.capacity(), max - written));
            int r;
            try {
                r = in.read(b);
            } finally {
                b.flip();
                pending = b.remaining();
            }
            mayReadAgain = !blockingIn;
            if (r < 0) {
                inputEnded = true;
                break;
            }
            if (r == 0) {
                break;
            }
        }
        if (closedMeanwhile()) {
            return closedAfter(written);
        }
        return written == 0 && inputEnded && !b.hasRemaining() && max > 0 ? -1 : written;
    }

    private boolean closedMeanwhile() {
        return state.get() == CLOSED_BUSY;
    }

    /** What a transfer that saw close() returns: its progress, or, with none, the JDK's exception for it. */
    private static long closedAfter(long written) throws AsynchronousCloseException {
        if (written > 0) {
            return written;
        }
        throw new AsynchronousCloseException();
    }

    /** The transfer leaves: the buffer goes back to the pool if close() came while it ran. */
    private void leave() {
        if (!state.compareAndSet(BUSY, IDLE)) {
            // CLOSED_BUSY: close() has returned and left the buffer to this transfer.
            state.set(CLOSED);
            pending = 0;
            FileTransfers.BUFFERS.release(buffer);
        }
    }

    /** Never waits for a running transfer and never touches the buffer: the count as of the transfer's last step. */
    @Override
    public long pending() {
        int s = state.get();
        return s == CLOSED || s == CLOSED_BUSY ? 0 : pending;
    }

    /**
     * Never waits for a running transfer: the buffer goes back to the pool now if no transfer runs, else when the
     * running one leaves.
     */
    @Override
    public void close() {
        while (true) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, CLOSED)) {
                    pending = 0;
                    FileTransfers.BUFFERS.release(buffer);
                    return;
                }
            } else if (s == BUSY) {
                if (state.compareAndSet(BUSY, CLOSED_BUSY)) {
                    return;
                }
            } else {
                return;
            }
        }
    }
}

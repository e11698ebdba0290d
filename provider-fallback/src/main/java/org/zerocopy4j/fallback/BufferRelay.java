package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import org.zerocopy4j.Relay;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.internal.DirectBufferPool;

/**
 * A relay through a pooled direct buffer it holds until closed; closing discards pending bytes. The buffer is kept in
 * "read mode": position..limit are the pending bytes, read from the input but not yet written.
 */
final class BufferRelay implements Relay {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private ByteBuffer buffer;
    private boolean inputEnded;

    BufferRelay(ReadableByteChannel in, WritableByteChannel out) {
        this.in = in;
        this.out = out;
        // Borrowed for the relay's life and given back on close, so proxies that open and close many relays reuse a
        // few buffers instead of leaving direct memory for the garbage collector to find.
        this.buffer = DirectBufferPool.acquire();
        buffer.limit(0);
    }

    @Override
    public long transfer(long max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        ByteBuffer b = buffer;
        if (b == null) {
            throw new ClosedChannelException();
        }
        // A blocking input is read at most once per call: a second read could wait for bytes that never come while
        // the caller has progress to report.
        boolean mayReadAgain = true;
        boolean blockingIn = ChannelKinds.isBlocking(in);
        long written = 0;
        while (written < max) {
            if (b.hasRemaining()) {
                int limit = b.limit();
                b.limit((int) Math.min(limit, b.position() + (max - written)));
                int w;
                try {
                    w = out.write(b);
                } finally {
                    b.limit(limit);
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
        return written == 0 && inputEnded && !b.hasRemaining() && max > 0 ? -1 : written;
    }

    @Override
    public long pending() {
        ByteBuffer b = buffer;
        return b == null ? 0 : b.remaining();
    }

    @Override
    public void close() {
        ByteBuffer b = buffer;
        buffer = null;
        if (b != null) {
            DirectBufferPool.release(b);
        }
    }
}

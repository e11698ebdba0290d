package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Header or trailer buffers as a native gathering call wants them: direct buffers with a position and a length each.
 * Every caller buffer is copied into one direct scratch buffer borrowed from the caller's {@link DirectBufferPool}, which
 * {@link #close()} gives back once the native call has returned, so a steady stream of responses allocates no direct
 * memory.
 *
 * <p>Why direct buffers are copied too: the kernel reads a vector's memory during the call, and a direct buffer's
 * memory may belong to an FFM arena that another thread closes meanwhile, or that is already closed. The JDK's own
 * writes keep the arena alive for the call through internals; a copy made in Java gets the same guarantee with public
 * API only: it fails with IllegalStateException for a closed arena before anything is sent, and the kernel then reads
 * only memory this class owns. Headers and trailers are small (one 64 KiB vector holds them in one call; more take
 * further calls), so the copy costs little next to the system call. The caller's positions are not touched here; the caller advances them by
 * what the kernel reports ({@link ByteBuffers#consume}), so partial writes are accounted exactly.
 */
public final class IoVectors implements AutoCloseable {
    /** The most entries one vector holds (within every supported OS's IOV_MAX). */
    public static final int MAX_ENTRIES = 64;
    private static final IoVectors EMPTY = new IoVectors(0);

    public final ByteBuffer[] buffers;
    public final int[] positions;
    public final int[] lengths;
    private int count;
    private long bytes;
    private ByteBuffer scratch;
    private DirectBufferPool pool;

    private IoVectors(int entries) {
        buffers = new ByteBuffer[entries];
        positions = new int[entries];
        lengths = new int[entries];
    }

    /** A vector with no entries. */
    public static IoVectors empty() {
        return EMPTY;
    }

    /**
     * The next non-empty buffers in order, copied (at most 64 KiB per vector); {@link #bytes()} may be less than the
     * buffers' remaining bytes, and then the rest needs another vector.
     *
     * @throws IllegalStateException when a buffer's memory was freed (its arena is closed); nothing was sent then
     */
    public static IoVectors of(DirectBufferPool pool, List<ByteBuffer> source) {
        int entries = 0;
        for (int i = 0, n = source.size(); i < n && entries < MAX_ENTRIES; i++) {
            entries += source.get(i).hasRemaining() ? 1 : 0;
        }
        if (entries == 0) {
            return EMPTY;
        }
        IoVectors v = new IoVectors(entries);
        ByteBuffer scratch = pool.acquire();
        v.scratch = scratch;
        v.pool = pool;
        try {
            for (int i = 0, n = source.size(); i < n && v.count < entries; i++) {
                ByteBuffer b = source.get(i);
                int length = b.remaining();
                if (length == 0) {
                    continue;
                }
                // A buffer that did not fit ends this vector, so the bytes keep their order.
                int take = Math.min(scratch.remaining(), length);
                if (take == 0) {
                    break;
                }
                int at = scratch.position();
                ByteBuffer slice = b.duplicate();
                slice.limit(slice.position() + take);
                scratch.put(slice);
                v.add(scratch, at, take);
                if (take < length) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /** Returns the scratch buffer to the pool; the vector must not be passed to a native call afterwards. */
    @Override
    public void close() {
        ByteBuffer b = scratch;
        if (b != null) {
            scratch = null;
            pool.release(b);
        }
    }

    /** Entries in use. */
    public int count() {
        return count;
    }

    /** Bytes the entries hold. */
    public long bytes() {
        return bytes;
    }

    private void add(ByteBuffer buffer, int position, int length) {
        buffers[count] = buffer;
        positions[count] = position;
        lengths[count] = length;
        count++;
        bytes += length;
    }
}

package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Header or trailer buffers as a native gathering call wants them: direct buffers with a position and a length each.
 * Heap buffers (the usual HTTP header, built from a String) are copied into one direct scratch buffer borrowed from
 * {@link DirectBufferPool}; {@link #close()} gives it back once the native call has returned, so a steady stream of
 * responses allocates no direct memory. The caller's positions are not touched here; the caller advances them by
 * what the kernel reports ({@link ByteBuffers#consume}), so partial writes are accounted exactly.
 */
public final class IoVectors implements AutoCloseable {
    /** The most entries one vector holds (within every supported OS's IOV_MAX). */
    public static final int MAX_ENTRIES = 64;
    private static final int SCRATCH_LIMIT = DirectBufferPool.BUFFER_SIZE;
    private static final IoVectors EMPTY = new IoVectors(0);

    public final ByteBuffer[] buffers;
    public final int[] positions;
    public final int[] lengths;
    private int count;
    private long bytes;
    private ByteBuffer scratch;

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
     * The next up to {@value #MAX_ENTRIES} non-empty buffers in order, heap ones copied (at most 64 KiB per vector);
     * {@link #bytes()} may be less than the buffers' remaining bytes, and then the rest needs another vector.
     */
    public static IoVectors of(List<ByteBuffer> source) {
        long heapBytes = 0;
        int entries = 0;
        for (int i = 0, n = source.size(); i < n && entries < MAX_ENTRIES; i++) {
            ByteBuffer b = source.get(i);
            if (b.hasRemaining()) {
                entries++;
                heapBytes += b.isDirect() ? 0 : b.remaining();
            }
        }
        IoVectors v = new IoVectors(entries);
        ByteBuffer scratch = heapBytes == 0 ? null : DirectBufferPool.acquire();
        v.scratch = scratch;
        for (int i = 0, n = source.size(); i < n && v.count < entries; i++) {
            ByteBuffer b = source.get(i);
            int length = b.remaining();
            if (length == 0) {
                continue;
            }
            if (b.isDirect()) {
                v.add(b, b.position(), length);
                continue;
            }
            // A heap buffer that did not fit ends this vector, so the bytes keep their order.
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
        return v;
    }

    /** Returns the scratch buffer to the pool; the vector must not be passed to a native call afterwards. */
    @Override
    public void close() {
        ByteBuffer b = scratch;
        if (b != null) {
            scratch = null;
            DirectBufferPool.release(b);
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

package org.zerocopy4j.linux;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Header or trailer buffers as the native gathering write wants them: direct buffers with a position and length.
 * Heap buffers are copied into one direct scratch buffer first. Positions of the caller's buffers are not touched
 * here; the caller advances them by what the kernel reports, so partial writes are accounted exactly.
 */
final class IoVector {
    static final int MAX_ENTRIES = 64;
    private static final int SCRATCH_LIMIT = 64 * 1024;

    final ByteBuffer[] buffers;
    final int[] positions;
    final int[] lengths;
    int count;

    private IoVector(int entries) {
        buffers = new ByteBuffer[entries];
        positions = new int[entries];
        lengths = new int[entries];
    }

    /** The next up to {@value #MAX_ENTRIES} non-empty buffers, heap ones copied (at most 64 KiB of them per round). */
    static IoVector of(List<ByteBuffer> source) {
        long heapBytes = 0;
        int entries = 0;
        for (int i = 0, n = source.size(); i < n && entries < MAX_ENTRIES; i++) {
            ByteBuffer b = source.get(i);
            if (b.hasRemaining()) {
                entries++;
                if (!b.isDirect()) {
                    heapBytes += b.remaining();
                }
            }
        }
        IoVector v = new IoVector(entries);
        ByteBuffer scratch = heapBytes == 0 ? null : ByteBuffer.allocateDirect((int) Math.min(heapBytes, SCRATCH_LIMIT));
        for (int i = 0, n = source.size(); i < n && v.count < MAX_ENTRIES; i++) {
            ByteBuffer b = source.get(i);
            int length = b.remaining();
            if (length == 0) {
                continue;
            }
            if (b.isDirect()) {
                v.add(b, b.position(), length);
                continue;
            }
            // Everything after a heap buffer that did not fit must wait for the next round, to keep the byte order.
            int room = scratch.remaining();
            if (room == 0) {
                break;
            }
            int take = Math.min(room, length);
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

    private void add(ByteBuffer buffer, int position, int length) {
        buffers[count] = buffer;
        positions[count] = position;
        lengths[count] = length;
        count++;
    }
}

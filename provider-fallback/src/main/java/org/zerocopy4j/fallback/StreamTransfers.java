package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.spi.CallTrace;

/**
 * splice emulation for inputs that are not files (sockets, pipes, anything readable): one read into a pooled buffer,
 * then every byte of it written before returning. Java cannot peek or unread, so whatever is read must be delivered in
 * the same call; that is why a non-blocking output is refused instead of risking stranded bytes.
 */
final class StreamTransfers {
    private StreamTransfers() {
    }

    static long splice(ReadableByteChannel in, WritableByteChannel out, long outOffset, long count)
            throws IOException {
        if (!ChannelKinds.isBlocking(out)) {
            throw new IllegalArgumentException("the fallback provider cannot splice from " + ChannelKinds.describe(in)
                    + " into a non-blocking " + ChannelKinds.describe(out) + ": bytes it reads could not all be "
                    + "written and would be stranded. Use ZeroCopy.relay(in, out), which keeps them pending.");
        }
        CallTrace.path("buffer");
        FileChannel file = out instanceof FileChannel ? (FileChannel) out : null;
        if (file != null) {
            // Bytes read from a stream cannot be put back: fail on a read-only file before reading.
            ChannelChecks.ensureWritable(file);
        }
        ByteBuffer buffer = FileTransfers.BUFFERS.acquire();
        try {
            buffer.limit((int) Math.min(buffer.capacity(), count));
            int read = in.read(buffer);
            if (read <= 0) {
                return read;
            }
            buffer.flip();
            if (file != null && outOffset != ZeroCopy.POSITION) {
                while (buffer.hasRemaining()) {
                    file.write(buffer, outOffset + buffer.position());
                }
            } else {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            return read;
        } finally {
            FileTransfers.BUFFERS.release(buffer);
        }
    }
}

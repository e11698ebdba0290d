package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.internal.DirectBufferPool;
import org.zerocopy4j.internal.Watchdog;

/** Transfers whose input is a file: sendfile (with headers and trailers) and copyRange. */
final class FileTransfers {
    private static final long PIPE_STEP = 64 * 1024;
    private FileTransfers() {
    }

    static long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        for (SendfileFlag flag : options.flags()) {
            if (flag == SendfileFlag.NODISKIO || flag == SendfileFlag.SYNC) {
                throw new UnsupportedOperationException("SendfileFlag." + flag
                        + " is not supported by the fallback provider (it changes what sendfile returns, so it"
                        + " cannot be ignored like a hint)");
            }
        }
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        long total = 0;
        long headerBytes = ByteBuffers.remaining(headers);
        if (headerBytes > 0) {
            // Headers cannot be unsent: fail on a write-only file before any of them goes out.
            ChannelChecks.ensureReadable(in);
            long sent = writeBuffers(out, headers);
            total += sent;
            if (sent < headerBytes) {
                return total;
            }
        }
        long start = offset == ZeroCopy.POSITION ? in.position() : offset;
        long moved = 0;
        boolean endOfFile = false;
        // Trailers go out only after all counted file bytes, so with trailers pending a blocking out is fed to the end.
        boolean trailersWait = ByteBuffers.remaining(trailers) > 0 && ChannelKinds.isBlocking(out);
        try {
            while (moved < count) {
                long at = start + moved;
                if (at >= in.size()) {
                    endOfFile = true;
                    break;
                }
                long n = sendFileBytes(out, in, at, count - moved);
                if (n == 0) {
                    break;
                }
                moved += n;
                if (!trailersWait) {
                    // One step per call, like write(2): looping on a blocking pipe the caller drains would deadlock.
                    break;
                }
            }
        } catch (Throwable t) {
            if (offset == ZeroCopy.POSITION) {
                movePositionAfterFailure(in, start + moved, t);
            }
            throw t;
        }
        if (offset == ZeroCopy.POSITION) {
            in.position(start + moved);
        }
        total += moved;
        if ((moved == count || endOfFile) && ByteBuffers.remaining(trailers) > 0) {
            total += writeBuffers(out, trailers);
        }
        return total == 0 && endOfFile ? -1 : total;
    }

    /**
     * One step of file bytes to {@code out}; 0 only when a non-blocking {@code out} takes nothing. The JDK's
     * transferTo is zero-copy towards files and selectable channels; but it can return 0 for a blocking socket whose
     * descriptor the JDK made non-blocking (virtual threads), and a blocking channel must never see 0 from us, so that
     * case, and every other target, goes through a buffer whose write blocks the JDK's way.
     */
    private static long sendFileBytes(WritableByteChannel out, FileChannel in, long at, long max) throws IOException {
        if (out instanceof Pipe.SinkChannel) {
            // At most one default pipe buffer per step, as the kernel's splice moves: JDK 21+ writes a mapped file
            // into a pipe in a loop until the whole count went, which blocks a caller that drains the pipe itself.
            max = Math.min(max, PIPE_STEP);
        }
        // On a virtual thread the JDK's transferTo to a socket or pipe may block in sendfile on the carrier (until a
        // JDK write made the descriptor non-blocking) or return 0 mid-file; its write parks the thread instead.
        boolean parks = out instanceof SelectableChannel && ChannelKinds.isBlocking(out)
                && Watchdog.isVirtual(Thread.currentThread());
        if (!parks && (out instanceof FileChannel || out instanceof SelectableChannel)) {
            long n = in.transferTo(at, max, out);
            if (n > 0 || !ChannelKinds.isBlocking(out)) {
                return n;
            }
        }
        return copyThroughBuffer(out, in, at, max);
    }

    /** Reads one buffer's worth at {@code at} and writes it: all of it if out blocks, else what out takes. */
    private static long copyThroughBuffer(WritableByteChannel out, FileChannel in, long at, long max)
            throws IOException {
        ByteBuffer buffer = DirectBufferPool.acquire();
        try {
            buffer.limit((int) Math.min(buffer.capacity(), max));
            int read = in.read(buffer, at);
            if (read <= 0) {
                return 0;
            }
            buffer.flip();
            boolean blocking = ChannelKinds.isBlocking(out);
            long written = 0;
            do {
                int w = out.write(buffer);
                written += w;
                if (w == 0 && !blocking) {
                    break;
                }
            } while (buffer.hasRemaining());
            return written;
        } finally {
            DirectBufferPool.release(buffer);
        }
    }

    /** Writes the buffers in order: all of them if out blocks, else as much as out takes now. */
    static long writeBuffers(WritableByteChannel out, List<ByteBuffer> buffers) throws IOException {
        boolean blocking = ChannelKinds.isBlocking(out);
        ByteBuffer[] array = buffers.toArray(new ByteBuffer[0]);
        long total = 0;
        while (ByteBuffers.remaining(buffers) > 0) {
            long w;
            if (out instanceof GatheringByteChannel) {
                w = ((GatheringByteChannel) out).write(array);
            } else {
                w = 0;
                for (ByteBuffer b : array) {
                    if (b.hasRemaining()) {
                        w = out.write(b);
                        break;
                    }
                }
            }
            total += w;
            if (w == 0 && !blocking) {
                break;
            }
        }
        return total;
    }

    static long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        long start = inOffset == ZeroCopy.POSITION ? in.position() : inOffset;
        long size = in.size();
        if (start >= size) {
            // Mode checks still apply at end of file, as they would for the kernel call.
            ChannelChecks.ensureReadable(in);
            ChannelChecks.ensureWritable(out);
            return -1;
        }
        long todo = Math.min(count, size - start);
        long moved = 0;
        try {
            if (outOffset == ZeroCopy.POSITION) {
                // transferTo writes at out's position and advances it: the JDK's zero-copy file-to-file path.
                while (moved < todo) {
                    long n = in.transferTo(start + moved, todo - moved, out);
                    if (n <= 0) {
                        break;
                    }
                    moved += n;
                }
            } else {
                moved = copyPositional(in, start, out, outOffset, todo);
            }
        } catch (Throwable t) {
            if (inOffset == ZeroCopy.POSITION) {
                movePositionAfterFailure(in, start + moved, t);
            }
            throw t;
        }
        if (inOffset == ZeroCopy.POSITION) {
            in.position(start + moved);
        }
        return moved;
    }

    private static long copyPositional(FileChannel in, long inAt, FileChannel out, long outAt, long todo)
            throws IOException {
        ChannelChecks.ensureWritable(out);
        ByteBuffer buffer = DirectBufferPool.acquire();
        long moved = 0;
        try {
            while (moved < todo) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), todo - moved));
                int read = in.read(buffer, inAt + moved);
                if (read <= 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer, outAt + moved + buffer.position());
                }
                moved += read;
            }
            return moved;
        } finally {
            DirectBufferPool.release(buffer);
        }
    }

    /**
     * After a failure the position still moves past what was sent, if the channel is open (an interrupt closes it,
     * and a closed channel has no position); the failure to move it is added to the one being thrown.
     */
    private static void movePositionAfterFailure(FileChannel in, long position, Throwable failure) {
        if (!in.isOpen()) {
            return;
        }
        try {
            in.position(position);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}

package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
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
import org.zerocopy4j.spi.CallTrace;

/** Transfers whose input is a file: sendfile (with headers and trailers) and copyRange. */
final class FileTransfers {
    /** The fallback's own buffers: no class outside this package can give one back or borrow one. */
    static final DirectBufferPool BUFFERS = new DirectBufferPool();
    static final int BULK_SIZE = 1 << 20;
    static final int BULK_MOST = 8;
    /**
     * Buffers for file bytes that go through a buffer in large counts to a channel that takes them whole (a blocking
     * socket, which keeps its close and its virtual-thread parking that way, a file, any other channel). Each step
     * costs a read and a write call: at 64 KiB a step, those calls made a bulk send cost 1.24x FileChannel.transferTo's
     * CPU; at 1 MiB it costs less than transferTo (the bench's path 1). At most {@link #BULK_MOST} exist, so many calls
     * at once take no more direct memory than that: the rest use the 64 KiB buffers.
     */
    static final DirectBufferPool BULK = new DirectBufferPool(BULK_SIZE, BULK_MOST);

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
        // A blocking socket or file gets the whole count, as sendfile(2) to it blocks until all went; a blocking pipe
        // one step, like write(2), since its reader may be the caller. Trailers go out only after all counted file
        // bytes, so with trailers pending any blocking out is fed to the end.
        boolean blocking = ChannelKinds.isBlocking(out);
        boolean toTheEnd = blocking && (!(out instanceof Pipe.SinkChannel) || ByteBuffers.remaining(trailers) > 0);
        if (out instanceof FileChannel && headerBytes == 0 && ByteBuffers.remaining(trailers) == 0) {
            long backwards = backwardsWhereOverlapping(in, offset, (FileChannel) out, ZeroCopy.POSITION, count);
            if (backwards != NOT_OVERLAPPING) {
                return backwards;
            }
        }
        if (offset == ZeroCopy.POSITION) {
            long[] moved = new long[1];
            boolean endOfFile = fromPosition(out, in, count, toTheEnd, moved);
            total += moved[0];
            if ((moved[0] == count || endOfFile) && ByteBuffers.remaining(trailers) > 0) {
                total += writeBuffers(out, trailers);
            }
            // End of file with trailers still to go is not end of input: they go out on a later call.
            return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
        }
        long moved = 0;
        boolean endOfFile = false;
        try {
            while (moved < count) {
                long at = offset + moved;
                if (at >= in.size()) {
                    endOfFile = true;
                    break;
                }
                long n = sendFileBytes(out, in, at, count - moved);
                if (n == 0) {
                    break;
                }
                moved += n;
                if (!toTheEnd) {
                    break;
                }
            }
        } catch (ClosedChannelException e) {
            throw closedMidCall(e, moved, in);
        }
        total += moved;
        if ((moved == count || endOfFile) && ByteBuffers.remaining(trailers) > 0) {
            total += writeBuffers(out, trailers);
        }
        // End of file with trailers still to go is not end of input: they go out on a later call.
        return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
    }

    /**
     * File bytes from the file's position, read with the channel's own {@code read(ByteBuffer)}, which takes and
     * advances the position atomically with the channel's other position-dependent calls (this provider cannot hold
     * the JDK's position lock itself). Bytes read that a non-blocking {@code out} did not take, or that a failed write
     * did not send, are given back by moving the position back; that step alone is not atomic with other threads'
     * use of the position (the README lists it).
     *
     * @param moved receives the file bytes sent
     * @return whether the file ended
     */
    private static boolean fromPosition(WritableByteChannel out, FileChannel in, long count, boolean toTheEnd,
            long[] moved) throws IOException {
        if (out == in) {
            long n = ontoItself(in, count);
            moved[0] = Math.max(0, n);
            return n < 0;
        }
        try {
            return fromPositionSteps(out, in, count, toTheEnd, moved);
        } catch (ClosedChannelException e) {
            throw closedMidCall(e, moved[0], in);
        }
    }

    /**
     * A file sent or copied onto itself at its one position: the bytes land where they were, so only the position
     * moves, past what the call would have copied; -1 at end of file. Not atomic with other threads' use of the
     * position, like any two-step use of it here.
     */
    private static long ontoItself(FileChannel file, long count) throws IOException {
        CallTrace.path("onto-itself");
        ChannelChecks.ensureReadable(file);
        long at = file.position();
        long n = Math.min(count, file.size() - at);
        if (n <= 0) {
            return -1;
        }
        file.position(at + n);
        return n;
    }

    /**
     * A channel found closed after this call moved bytes was closed by another thread during the call: the caller
     * hears AsynchronousCloseException, as from the JDK's own blocked write, not the ClosedChannelException of a
     * call made on a closed channel (a signalled write returns its short count, and the next step finds it closed).
     */
    private static ClosedChannelException closedMidCall(ClosedChannelException e, long moved, FileChannel in) {
        if (e instanceof ClosedByInterruptException) {
            // The interrupt closed the socket it hit; as the JDK's and the native providers' transfers do, it closes
            // the file too.
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            return e;
        }
        if (moved == 0 || e instanceof AsynchronousCloseException) {
            return e;
        }
        AsynchronousCloseException mid = new AsynchronousCloseException();
        mid.initCause(e);
        return mid;
    }

    private static boolean fromPositionSteps(WritableByteChannel out, FileChannel in, long count, boolean toTheEnd,
            long[] moved) throws IOException {
        CallTrace.path("buffer");
        boolean blocking = ChannelKinds.isBlocking(out);
        // A non-blocking output takes what it can and the rest is given back: a 64 KiB step keeps that re-read small.
        ByteBuffer buffer = acquire(out instanceof Pipe.SinkChannel || !blocking ? PIPE_STEP : count);
        try {
            while (moved[0] < count) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - moved[0]));
                if (out instanceof Pipe.SinkChannel) {
                    buffer.limit((int) Math.min(buffer.limit(), PIPE_STEP));
                }
                int read = readAtPosition(in, buffer);
                if (read < 0) {
                    return true;
                }
                buffer.flip();
                try {
                    do {
                        int w = out.write(buffer);
                        moved[0] += w;
                        if (w == 0 && !blocking) {
                            break;
                        }
                    } while (buffer.hasRemaining());
                } catch (Throwable t) {
                    giveBack(in, buffer.remaining(), t);
                    throw t;
                }
                if (buffer.hasRemaining()) {
                    giveBack(in, buffer.remaining(), null);
                    return false;
                }
                if (!toTheEnd) {
                    return false; // one step per call, like write(2)
                }
            }
            return false;
        } finally {
            release(buffer);
        }
    }

    /** A bulk buffer for a count larger than a small one, while one is free; else a small one. */
    private static ByteBuffer acquire(long count) {
        ByteBuffer bulk = count > DirectBufferPool.BUFFER_SIZE ? BULK.tryAcquire() : null;
        return bulk != null ? bulk : BUFFERS.acquire();
    }

    private static void release(ByteBuffer buffer) {
        (buffer.capacity() == BULK_SIZE ? BULK : BUFFERS).release(buffer);
    }

    /**
     * {@code in.read(buffer)}; -1 also where the position is so far past the end that the read's range overflows
     * (EINVAL): any position at or past the end is end of input.
     */
    private static int readAtPosition(FileChannel in, ByteBuffer buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            if (in.isOpen() && in.position() >= in.size()) {
                return -1;
            }
            throw e;
        }
    }

    /** Moves the position back over bytes read but not sent; after a failure, a failure to move it is added. */
    private static void giveBack(FileChannel in, int unsent, Throwable failure) throws IOException {
        if (unsent == 0 || (failure != null && !in.isOpen())) {
            return;
        }
        try {
            in.position(in.position() - unsent);
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * One step of file bytes to {@code out}; 0 only when a non-blocking {@code out} takes nothing. The JDK's
     * transferTo is zero-copy towards selectable channels, and serves non-blocking sockets and pipes, which never
     * wait. A blocking socket or pipe goes through a buffer and the channel's own write instead:
     * transferTo waits in sendfile(2) outside the socket's protocol, so closing the socket does not end it, and on a
     * virtual thread it pins the carrier or returns 0 mid-file; the socket's write parks the JDK's way and is woken
     * by close.
     */
    private static long sendFileBytes(WritableByteChannel out, FileChannel in, long at, long max) throws IOException {
        if (out instanceof Pipe.SinkChannel) {
            // At most one default pipe buffer per step, as the kernel's splice moves: JDK 21+ writes a mapped file
            // into a pipe in a loop until the whole count went, which blocks a caller that drains the pipe itself.
            max = Math.min(max, PIPE_STEP);
        }
        // A file output goes through its own write too: transferTo writes at its position without the position
        // lock that FileChannel's write holds, so another thread's write there could land on the same bytes.
        boolean waits = out instanceof SelectableChannel && ChannelKinds.isBlocking(out);
        if (!waits && out instanceof SelectableChannel) {
            CallTrace.path("transferTo");
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
        CallTrace.path("buffer");
        ByteBuffer buffer = acquire(max);
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
            release(buffer);
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
        long backwards = backwardsWhereOverlapping(in, inOffset, out, outOffset, count);
        if (backwards != NOT_OVERLAPPING) {
            return backwards;
        }
        if (inOffset == ZeroCopy.POSITION) {
            return copyFromPosition(in, out, outOffset, count);
        }
        long start = inOffset;
        long size = in.size();
        if (start >= size) {
            // Mode checks still apply at end of file, as they would for the kernel call.
            ChannelChecks.ensureReadable(in);
            ChannelChecks.ensureWritable(out);
            return -1;
        }
        long todo = Math.min(count, size - start);
        if (outOffset != ZeroCopy.POSITION) {
            return copyPositional(in, start, out, outOffset, todo);
        }
        // At out's position: one buffer through out's own write, which holds its position lock (transferTo would
        // write there without it).
        ChannelChecks.ensureWritable(out);
        return copyThroughBuffer(out, in, start, todo);
    }

    /**
     * copyRange from the input's position: one buffer read with the channel's own {@code read(ByteBuffer)} (atomic
     * with its other position-dependent calls, see {@link #fromPosition}) and written whole to {@code out}.
     */
    private static long copyFromPosition(FileChannel in, FileChannel out, long outOffset, long count)
            throws IOException {
        ChannelChecks.ensureReadable(in);
        ChannelChecks.ensureWritable(out);
        if (out == in && outOffset == ZeroCopy.POSITION) {
            return ontoItself(in, count);
        }
        CallTrace.path("buffer");
        ByteBuffer buffer = BUFFERS.acquire();
        try {
            buffer.limit((int) Math.min(buffer.capacity(), count));
            int read = readAtPosition(in, buffer);
            if (read <= 0) {
                return read < 0 ? -1 : 0;
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    if (outOffset == ZeroCopy.POSITION) {
                        out.write(buffer);
                    } else {
                        out.write(buffer, outOffset + buffer.position());
                    }
                }
            } catch (Throwable t) {
                giveBack(in, buffer.remaining(), t);
                throw t;
            }
            return read;
        } finally {
            BUFFERS.release(buffer);
        }
    }

    /** {@link #backwardsWhereOverlapping}: the ranges do not overlap that way, so a forward copy is right. */
    private static final long NOT_OVERLAPPING = Long.MIN_VALUE;

    /**
     * A copy whose target range starts inside its source range, after its start, as offsets: within one file a
     * forward copy would overwrite source bytes before reading them. The fallback cannot tell whether two channels
     * are one file (the JDK shows no file identity), so it copies such ranges last to first, which is right for one
     * file (what memmove gives) and for two, and does the whole count (up to the end of the input) in one call: a
     * call that stopped part-way would leave the next call's source already overwritten. The bytes copied, or
     * {@link #NOT_OVERLAPPING}. Reading and moving the positions is not atomic with other threads' use of them, like
     * the fallback's other two-step uses of a position.
     */
    private static long backwardsWhereOverlapping(FileChannel in, long inOffset, FileChannel out, long outOffset,
            long count) throws IOException {
        if (count <= 0) {
            return NOT_OVERLAPPING;
        }
        long inAt;
        long outAt;
        long n;
        try {
            inAt = inOffset == ZeroCopy.POSITION ? in.position() : inOffset;
            outAt = outOffset == ZeroCopy.POSITION ? out.position() : outOffset;
            if (outAt <= inAt || outAt - inAt >= count) {
                return NOT_OVERLAPPING;
            }
            long size = in.size();
            if (inAt >= size) {
                return NOT_OVERLAPPING;
            }
            n = Math.min(count, size - inAt);
            if (outAt - inAt >= n || appends(out)) {
                return NOT_OVERLAPPING; // an output opened with APPEND writes at its end, after every source byte
            }
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException noPosition) {
            // A FIFO or device opened as a FileChannel has no position (ESPIPE): no offsets, nothing to overlap.
            // The copy itself then says what it can do with such a channel.
            return NOT_OVERLAPPING;
        }
        CallTrace.path("buffer-backwards");
        ChannelChecks.ensureReadable(in);
        ChannelChecks.ensureWritable(out);
        ByteBuffer buffer = BUFFERS.acquire();
        try {
            long done = 0;
            while (done < n) {
                int chunk = (int) Math.min(buffer.capacity(), n - done);
                long at = n - done - chunk;
                buffer.clear().limit(chunk);
                while (buffer.hasRemaining()) {
                    if (in.read(buffer, inAt + at + buffer.position()) < 0) {
                        throw new IOException("the file ended at " + (inAt + at + buffer.position())
                                + " during a copy within it (was it truncated by another thread or process?)");
                    }
                }
                buffer.flip();
                try {
                    while (buffer.hasRemaining()) {
                        out.write(buffer, outAt + at + buffer.position());
                    }
                } catch (Throwable t) {
                    // Only the range's first chunk, written last, makes what reached out a prefix of the range:
                    // a position then advances by it, as after any write that failed part-way.
                    if (at == 0 && buffer.position() > 0) {
                        advance(in, inOffset, out, outOffset, inAt, outAt, buffer.position(), t);
                    }
                    throw t;
                }
                done += chunk;
            }
        } finally {
            BUFFERS.release(buffer);
        }
        if (inOffset == ZeroCopy.POSITION) {
            in.position(inAt + n);
        }
        if (outOffset == ZeroCopy.POSITION && !(out == in && inOffset == ZeroCopy.POSITION)) {
            out.position(outAt + n);
        }
        return n;
    }

    /** Moves the positions a copy used past {@code n} bytes after a failure; a failure to move them is added. */
    private static void advance(FileChannel in, long inOffset, FileChannel out, long outOffset, long inAt,
            long outAt, long n, Throwable failure) {
        try {
            if (inOffset == ZeroCopy.POSITION) {
                in.position(inAt + n);
            }
            if (outOffset == ZeroCopy.POSITION && !(out == in && inOffset == ZeroCopy.POSITION)) {
                out.position(outAt + n);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Whether {@code out} may have been opened with APPEND, which the JDK does not show: such a channel's position()
     * is always its size, so a position short of the size rules it out. A position at the size is taken for APPEND
     * without a probe (moving the position would race other threads' writes at it): the copy then goes forward,
     * which is right for two files, and for one file whenever the target is at that position (no source byte lies
     * at or past the end).
     */
    private static boolean appends(FileChannel out) throws IOException {
        return out.position() == out.size();
    }

    private static long copyPositional(FileChannel in, long inAt, FileChannel out, long outAt, long todo)
            throws IOException {
        CallTrace.path("buffer");
        ChannelChecks.ensureWritable(out);
        ByteBuffer buffer = BUFFERS.acquire();
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
            BUFFERS.release(buffer);
        }
    }

}

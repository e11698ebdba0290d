package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.spi.CallTrace;

/**
 * sendfile(2) with headers and trailers. On a socket, headers go with MSG_MORE so the first file bytes share their
 * packet; with trailers too, the whole message is corked (TCP_CORK) so the last file bytes share the trailers' packet.
 * On any other descriptor headers and trailers are written with writev. Each call asks for at most the kernel's own
 * per-call limit ({@link LinuxConstants#MAX_CALL_BYTES}): a larger count moves no more, and offset + count past
 * Long.MAX_VALUE would fail the kernel's range check.
 */
final class Sendfile {

    /** A sendfile into {@code out}, of the kind given (classified once, by the provider). */
    long send(WritableByteChannel out, ChannelKind outKind, FileChannel in, long offset, long count,
            SendfileOptions options) throws IOException {
        boolean more = false;
        for (SendfileFlag flag : options.flags()) {
            if (flag == SendfileFlag.NODISKIO || flag == SendfileFlag.SYNC) {
                throw new UnsupportedOperationException("SendfileFlag." + flag + " is not supported on Linux: "
                        + "sendfile(2) has no such mode, and the flag changes what the call returns");
            }
            more |= flag == SendfileFlag.MORE;
        }
        KnownChannels.ensureReadable(in, ChannelKind.FILE);
        KnownChannels.ensureWritable(out, outKind);
        boolean socket = outKind == ChannelKind.SOCKET;
        boolean nonBlocking = !ChannelKinds.isBlocking(out);
        long[] fileMoved = socket && more && count > 0 ? new long[1] : null;
        boolean withMore = more;
        if (outKind.isFile()) {
            // File to file waits for no other channel: the call holds both position locks it uses, the output's
            // always (sendfile writes at its position), before the files' slots, as FileChannel takes them.
            return PositionLocks.holding(IO, PositionLocks.of(IO, in, offset), IO.positionLock(out),
                    PositionLocks.closingOn(in, out), () -> {
                if (ByteBuffers.remaining(options.headers()) == 0 && ByteBuffers.remaining(options.trailers()) == 0) {
                    // Within one file sendfile's internal pipe would see an overlapping target's writes.
                    long self = BufferedCopy.selfCopy(in, offset, (FileChannel) out, ZeroCopy.POSITION, count);
                    if (self != BufferedCopy.NOT_OVERLAPPING) {
                        return self;
                    }
                }
                try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, outKind).open()) {
                    return leased(call, outKind, offset, fileMoved, count, withMore, nonBlocking, options);
                }
            });
        }
        if (offset != ZeroCopy.POSITION || count == 0) {
            try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, outKind).open()) {
                return call.reported(leased(call, outKind, offset, fileMoved, count, more, nonBlocking, options));
            }
        }
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, outKind).atPositionOf(in)
                .open()) {
            if (fileMoved == null) {
                // Each sendfile(2) holds the position lock (parts); the headers and trailers, which do not touch the
                // file, go out around them without it, and a virtual thread waits for the socket outside it.
                return call.reported(parts(call, outKind, offset, null, count, more, nonBlocking, options));
            }
            // With MORE the file part is a read of the position, splices at offsets and a move of the position:
            // every attempt holds the lock for all of them.
            return call.sendWhole(IO.positionLock(in), nonBlocking, true, options.headers(), options.trailers(),
                    count, (attempt, fileCount, fileDone) -> leased(call, outKind, offset, fileMoved, fileCount,
                            withMore, attempt, options));
        }
    }

    /** The call under its lease (at the file's position: under its position lock too). */
    private static long leased(ChannelCall call, ChannelKind outKind, long offset, long[] fileMoved, long count,
            boolean more, boolean nonBlocking, SendfileOptions options) throws IOException {
        if (fileMoved == null) {
            return parts(call, outKind, offset, null, count, more, nonBlocking, options);
        }
        fileMoved[0] = 0; // an earlier attempt at the position moved nothing
        // The pipe path reads the file at explicit offsets. The position is read and moved with lseek, under the
        // lease like sendfile's own use of it: the channel's position() must not run while the lease holds its
        // slot (an interrupt would make it close the channel on this thread and wait for that very slot).
        boolean atPosition = offset == ZeroCopy.POSITION;
        long start = atPosition ? call.seek(0, LinuxConstants.SEEK_CUR) : offset;
        long sent;
        try {
            sent = parts(call, outKind, start, fileMoved, count, true, nonBlocking, options);
        } catch (Throwable t) {
            if (atPosition && fileMoved[0] > 0) {
                call.seekAfter(start + fileMoved[0], t);
            }
            throw t;
        }
        if (atPosition && fileMoved[0] > 0) {
            call.seekAfter(start + fileMoved[0], null);
        }
        return sent;
    }

    /**
     * The call under its lease. With {@code fileMoved} (MORE on a socket) the file part goes through a pipe from
     * the explicit offset {@code offset} and the bytes it moved are reported there; otherwise through sendfile(2).
     */
    private static long parts(ChannelCall call, ChannelKind outKind, long offset, long[] fileMoved, long count,
            boolean more, boolean nonBlocking, SendfileOptions options) throws IOException {
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        long headerBytes = ByteBuffers.remaining(headers);
        boolean withTrailers = ByteBuffers.remaining(trailers) > 0;
        boolean socket = outKind == ChannelKind.SOCKET;
        // With MORE nothing is pushed at the end, so there is nothing to cork: every part goes with MSG_MORE.
        boolean corked = socket && withTrailers && count > 0 && !more
                && LinuxNative.setsockoptInt(call.outFd(), LinuxConstants.SOL_TCP, LinuxConstants.TCP_CORK, 1) == 0;
        long trailerBytes = ByteBuffers.remaining(trailers);
        long moved = 0;
        boolean fileDone = false;
        try {
            long total = 0;
            if (headerBytes > 0) {
                int flags = socket && !corked && (count > 0 || withTrailers || more) ? LinuxConstants.MSG_MORE : 0;
                long sent = writeBuffers(call, socket, nonBlocking, headers, flags);
                total += sent;
                if (sent < headerBytes) {
                    return total;
                }
            }
            boolean endOfFile = false;
            if (count > 0) {
                long n = fileMoved != null ? fileBytesWithMore(call, nonBlocking, offset, count, fileMoved)
                        : call.atFilePosition(nonBlocking, outKind.isFile() ? -1 : call.outFd(),
                                LinuxConstants.POLLOUT, attempt -> fileBytes(call, outKind, attempt, offset, count));
                if (n < 0) {
                    endOfFile = true;
                } else {
                    moved = n;
                }
            }
            fileDone = true;
            total += moved;
            if (withTrailers && (moved == count || endOfFile)) {
                total += writeBuffers(call, socket, nonBlocking, trailers, socket && more ? LinuxConstants.MSG_MORE
                        : 0);
            }
            // End of file with trailers still to go is not end of input: they go out on a later call.
            return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
        } catch (NativeIOException | AsynchronousCloseException e) {
            // What reached out before the failure: the headers and trailers sent (their buffers advanced by them)
            // and the file bytes (through the pipe with MORE, counted as they drained).
            long file = fileDone ? moved : fileMoved != null ? fileMoved[0] : 0;
            return call.endAfter(e, headerBytes - ByteBuffers.remaining(headers) + file
                    + trailerBytes - ByteBuffers.remaining(trailers));
        } finally {
            if (corked) {
                LinuxNative.setsockoptInt(call.outFd(), LinuxConstants.SOL_TCP, LinuxConstants.TCP_CORK, 0);
            }
        }
    }

    /** One sendfile that moved something: its count; -1 at end of file; 0 when a non-blocking out takes nothing. */
    private static long fileBytes(ChannelCall call, ChannelKind outKind, boolean nonBlocking,
            long offset, long count) throws IOException {
        CallTrace.path("sendfile");
        long kernelOffset = offset == ZeroCopy.POSITION ? -1 : offset;
        int pollFd = outKind.isFile() ? -1 : call.outFd();
        while (true) {
            long max = Splice.upToLastOffset(kernelOffset, Math.min(count, LinuxConstants.MAX_CALL_BYTES));
            if (max == 0) {
                return -1;
            }
            // Only file to file runs under compensation: towards a socket or pipe a call moves what their buffers
            // take and returns, a bounded step like the JDK's own transferTo, which it does not compensate either.
            long n = outKind.isFile() ? FileWork.sendfile(call.outFd(), call.inFd(), kernelOffset, max)
                    : LinuxNative.sendfile(call.outFd(), call.inFd(), kernelOffset, max);
            if (n > 0) {
                return n;
            }
            if (n == 0) {
                return -1;
            }
            if (call.pastInputEnd(kernelOffset, n)) {
                return -1;
            }
            if (n == -Errno.EINVAL || n == -Errno.ESPIPE) {
                throw call.failure("sendfile", n, explainInvalid(call, kernelOffset, max));
            }
            if (!call.shouldRetry("sendfile", n, nonBlocking, pollFd, LinuxConstants.POLLOUT, -1, 0)) {
                return 0;
            }
        }
    }

    /**
     * The file part for {@link SendfileFlag#MORE}: sendfile(2) takes no flags and pushes its last segment, so the
     * bytes go file -> pooled pipe -> socket, the last step with SPLICE_F_MORE (MSG_MORE). A blocking socket gets the
     * whole count (or up to end of file); a non-blocking one what it takes now. Bytes left in the pipe when a
     * non-blocking socket fills up are dropped with the pipe: only what reached the socket counts (in
     * {@code moved[0]}), so the next call reads them from the file again.
     */
    private static long fileBytesWithMore(ChannelCall call, boolean nonBlocking, long start, long count, long[] moved)
            throws IOException {
        CallTrace.path("splice-pipe-more");
        KernelPipe pipe = PipePool.acquire();
        boolean pipeEmpty = true;
        try {
            while (moved[0] < count) {
                long max = Splice.upToLastOffset(start + moved[0], Math.min(count - moved[0], pipe.capacity));
                if (max == 0) {
                    return moved[0] == 0 ? -1 : moved[0];
                }
                long filled = LinuxNative.splice(call.inFd(), start + moved[0], pipe.writeFd, -1, max, 0);
                if (filled == 0 || filled < 0 && call.pastInputEnd(start + moved[0], filled)) {
                    return moved[0] == 0 ? -1 : moved[0];
                }
                if (filled < 0) {
                    if (filled == -Errno.EINVAL) {
                        throw call.failure("splice", filled, "splice of " + max + " bytes at offset "
                                + (start + moved[0]) + " of the file into the internal pipe (sendfile with MORE) "
                                + "refused its arguments: " + NOT_A_FILE);
                    }
                    call.shouldRetry("splice", filled, false, -1, 0, -1, 0);
                    continue;
                }
                pipeEmpty = false;
                long drained = 0;
                while (drained < filled) {
                    long n = LinuxNative.splice(pipe.readFd, -1, call.outFd(), -1, filled - drained,
                            LinuxConstants.SPLICE_F_MORE);
                    if (n > 0) {
                        drained += n;
                        moved[0] += n;
                    } else if (n == 0 || !call.shouldRetry("splice", n, nonBlocking, call.outFd(),
                            LinuxConstants.POLLOUT, -1, 0)) {
                        return moved[0];
                    }
                }
                pipeEmpty = true;
            }
            return moved[0];
        } finally {
            if (pipeEmpty) {
                PipePool.release(pipe);
            } else {
                pipe.close();
            }
        }
    }

    /** What an EINVAL from a read of the input file means once its range was checked. */
    static final String NOT_A_FILE = "its input must be a regular file or block device, not a pipe, FIFO, socket or "
            + "character device opened as a FileChannel";

    private static String explainInvalid(ChannelCall call, long kernelOffset, long count) {
        String append = appendExplanation("sendfile", call.outFd(), call.output());
        return append != null ? append : "sendfile of " + count + " bytes at "
                + (kernelOffset < 0 ? "the file's position" : "offset " + kernelOffset) + " refused its arguments: "
                + NOT_A_FILE;
    }

    /** Why {@code call} refuses the output (EINVAL) when it was opened with O_APPEND; null when it was not. */
    static String appendExplanation(String call, int outFd, Channel out) {
        int outFlags = LinuxNative.fcntl(outFd, LinuxConstants.F_GETFL, 0);
        if (outFlags >= 0 && (outFlags & LinuxConstants.O_APPEND) != 0) {
            return "the output " + ChannelKinds.describe(out) + " was opened with APPEND (O_APPEND), which Linux "
                    + call + " refuses; open it without APPEND and write at its size, or use ZeroCopy.copyRange";
        }
        return null;
    }

    /** Headers or trailers, through the call's write-all: sendmsg with {@code flags} on a socket, else writev. */
    private static long writeBuffers(ChannelCall call, boolean socket, boolean nonBlocking, List<ByteBuffer> buffers,
            int flags) throws IOException {
        return socket ? call.writeAll("sendmsg", LinuxNative.BUFFERS, buffers, nonBlocking,
                (fd, v) -> LinuxNative.sendmsg(fd, v.buffers, v.positions, v.lengths, v.count(), flags))
                : call.writeAll("writev", LinuxNative.BUFFERS, buffers, nonBlocking,
                        (fd, v) -> LinuxNative.writev(fd, v.buffers, v.positions, v.lengths, v.count()));
    }
}

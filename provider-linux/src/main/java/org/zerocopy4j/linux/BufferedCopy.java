package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.spi.CallTrace;

/**
 * Copies between two leased files through a buffer, with pread and pwrite (write at the position, or at the end under
 * O_APPEND): the last way of copyRange, and the only one for a copy within one file whose ranges overlap.
 *
 * <p>A copy within one file (one inode: the same channel, or two channels on it, compared with fstat's device and
 * inode) whose target overlaps its source gives exactly what {@code memmove} gives: the kernel's calls cannot do it
 * (copy_file_range refuses overlapping ranges, and a pipe holds references to the page-cache pages the write then
 * changes), so the bytes go through a buffer, first to last when the target lies before the source and last to first
 * when it lies after it, and no source byte is overwritten before it was read. Such a copy moves the whole count (up
 * to the end of the input) in one call: one that stopped part-way through a backward copy would leave the caller's
 * next source bytes already overwritten.
 */
final class BufferedCopy {
    /** {@link #selfCopy}: the files differ or the ranges do not overlap, so any other way is right. */
    static final long NOT_OVERLAPPING = Long.MIN_VALUE;

    private BufferedCopy() {
    }

    /**
     * A copy from {@code in} to {@code out} (files, the caller holding the position locks it uses) when both are one
     * file and the ranges overlap: the bytes copied, or -1 at end of input; {@link #NOT_OVERLAPPING} otherwise.
     */
    static long selfCopy(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        if (count <= 0 || inOffset != ZeroCopy.POSITION && outOffset != ZeroCopy.POSITION
                && Math.abs(outOffset - inOffset) >= count) {
            return NOT_OVERLAPPING; // apart by the count or more: no overlap, whatever the files
        }
        if (in != out && Boolean.FALSE.equals(FileTypes.same(in, out))) {
            return NOT_OVERLAPPING; // two files, known from an earlier call: no system call
        }
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, ChannelKind.FILE).open()) {
            long[] inStat = stat(call, call.inFd());
            if (!regular(inStat)) {
                return NOT_OVERLAPPING; // a FIFO or device has no ranges to overlap
            }
            if (in != out) {
                long[] outStat = stat(call, call.outFd());
                FileTypes.remember(in, inStat);
                FileTypes.remember(out, outStat);
                if (inStat[LinuxNative.STAT_DEV] != outStat[LinuxNative.STAT_DEV]
                        || inStat[LinuxNative.STAT_INO] != outStat[LinuxNative.STAT_INO]) {
                    return NOT_OVERLAPPING;
                }
            }
            // An output opened with APPEND writes past the end, where no source byte is.
            int outFlags = LinuxNative.fcntl(call.outFd(), LinuxConstants.F_GETFL, 0);
            if (outFlags < 0 || (outFlags & LinuxConstants.O_APPEND) != 0) {
                return NOT_OVERLAPPING;
            }
            long inAt = inOffset == ZeroCopy.POSITION ? seek(call, call.inFd(), 0, LinuxConstants.SEEK_CUR) : inOffset;
            long outAt = outOffset == ZeroCopy.POSITION ? seek(call, call.outFd(), 0, LinuxConstants.SEEK_CUR)
                    : outOffset;
            CallTrace.path("buffered-self-copy");
            long size = inStat[LinuxNative.STAT_SIZE];
            if (inAt >= size) {
                return NOT_OVERLAPPING; // end of input: the other ways say so
            }
            long n = Math.min(count, size - inAt);
            long shift = outAt - inAt;
            if (shift >= n || -shift >= n) {
                return NOT_OVERLAPPING;
            }
            if (shift != 0) {
                try {
                    memmove(call, inAt, outAt, n);
                } catch (NativeIOException e) {
                    // A position advances by what reached the output as a prefix, as after any failed write.
                    long delivered = e.bytesTransferred();
                    if (delivered > 0 && inOffset == ZeroCopy.POSITION) {
                        seekAfterFailure(call.inFd(), inAt + delivered, e);
                    }
                    if (delivered > 0 && outOffset == ZeroCopy.POSITION
                            && !(in == out && inOffset == ZeroCopy.POSITION)) {
                        seekAfterFailure(call.outFd(), outAt + delivered, e);
                    }
                    throw e;
                }
            }
            // One channel at both positions has one position: it moves once, past the bytes copied.
            if (inOffset == ZeroCopy.POSITION) {
                seek(call, call.inFd(), inAt + n, LinuxConstants.SEEK_SET);
            }
            if (outOffset == ZeroCopy.POSITION && !(in == out && inOffset == ZeroCopy.POSITION)) {
                seek(call, call.outFd(), outAt + n, LinuxConstants.SEEK_SET);
            }
            return n;
        }
    }

    /** Copies {@code n} bytes from {@code from} to {@code to} in the one file leased as both ends, as memmove does. */
    private static void memmove(ChannelCall call, long from, long to, long n) throws IOException {
        ByteBuffer buffer = LinuxNative.BUFFERS.acquire();
        try {
            boolean backwards = to > from;
            long done = 0;
            long[] written = new long[1];
            while (done < n) {
                int chunk = (int) Math.min(buffer.capacity(), n - done);
                long offset = backwards ? n - done - chunk : done;
                written[0] = 0;
                try {
                    fill(call, buffer, chunk, from + offset);
                    drain(call, buffer, chunk, to + offset, written);
                } catch (NativeIOException e) {
                    if (!backwards) {
                        // The first bytes are in place: the chunks before and what this one's write delivered.
                        throw Errno.afterDelivering(e, done + written[0], 0);
                    }
                    // Backward, the last ones are, which is no prefix to count: say what the file now holds.
                    NativeIOException last = Errno.exception(e.call(), -e.errno(), "a copy within one file, last "
                            + "to first, failed after the last " + done + " of " + n + " bytes reached the target; "
                            + "source bytes under the target may already be overwritten, so repeating the call "
                            + "may not give what memmove would have");
                    last.initCause(e);
                    throw last;
                }
                done += chunk;
                call.checkAsync();
            }
        } finally {
            LinuxNative.BUFFERS.release(buffer);
        }
    }

    /**
     * The last way of copyRange, for an output opened with APPEND and files the kernel's calls refuse: one buffer,
     * read at the input's offset (or position) and written whole at the output's offset (its position, or its end
     * under APPEND). The input's position advances by what reached the output, also when a write fails part-way, and
     * the failure says how many bytes that was.
     */
    static long readWrite(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        CallTrace.path("buffered-copy");
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, ChannelKind.FILE).open()) {
            boolean atPosition = inOffset == ZeroCopy.POSITION;
            long inAt = atPosition ? call.seek(0, LinuxConstants.SEEK_CUR) : inOffset;
            ByteBuffer buffer = LinuxNative.BUFFERS.acquire();
            try {
                int max = (int) Splice.upToLastOffset(inAt, Math.min(buffer.capacity(), count));
                if (max == 0) {
                    return -1;
                }
                int read = fillOnce(call, buffer, max, inAt);
                if (read <= 0) {
                    return read;
                }
                long[] written = new long[1];
                try {
                    drain(call, buffer, read, outOffset == ZeroCopy.POSITION ? -1 : outOffset, written);
                } catch (Throwable t) {
                    if (atPosition && written[0] > 0) {
                        call.seekAfter(inAt + written[0], t);
                    }
                    if (t instanceof NativeIOException) {
                        throw Errno.afterDelivering((NativeIOException) t, written[0], 0);
                    }
                    throw t;
                }
                if (atPosition) {
                    call.seek(inAt + read, LinuxConstants.SEEK_SET);
                }
                return read;
            } finally {
                LinuxNative.BUFFERS.release(buffer);
            }
        }
    }

    /** One pread of up to {@code max} bytes at {@code at}: the bytes read, or -1 at (or past) the end of the file. */
    private static int fillOnce(ChannelCall call, ByteBuffer buffer, int max, long at) throws IOException {
        while (true) {
            long n = LinuxNative.pread(call.inFd(), buffer, 0, max, at);
            if (n > 0) {
                return (int) n;
            }
            if (n == 0 || call.pastInputEnd(at, n)) {
                return -1;
            }
            call.shouldRetry("pread", n, false, -1, 0, -1, 0);
        }
    }

    /** Reads exactly {@code length} bytes at {@code at} (inside the file) into the buffer's start. */
    private static void fill(ChannelCall call, ByteBuffer buffer, int length, long at) throws IOException {
        int got = 0;
        while (got < length) {
            long n = LinuxNative.pread(call.inFd(), buffer, got, length - got, at + got);
            if (n > 0) {
                got += (int) n;
            } else if (n == 0) {
                throw new IOException("pread: the file ended at " + (at + got) + " during a copy within it (was it "
                        + "truncated by another thread or process?)");
            } else {
                call.shouldRetry("pread", n, false, -1, 0, -1, 0);
            }
        }
    }

    /**
     * Writes the buffer's first {@code length} bytes at {@code at} (-1: at the output's position, or its end under
     * O_APPEND); {@code written[0]} counts what reached the output, also when a write fails.
     */
    private static void drain(ChannelCall call, ByteBuffer buffer, int length, long at, long[] written)
            throws IOException {
        while (written[0] < length) {
            int from = (int) written[0];
            long n = LinuxNative.pwrite(call.outFd(), buffer, from, length - from, at < 0 ? -1 : at + from);
            if (n > 0) {
                written[0] += n;
            } else if (n == 0) {
                throw new IOException("write: the output took none of " + (length - from) + " bytes");
            } else {
                call.shouldRetry(at < 0 ? "write" : "pwrite", n, false, -1, 0, -1, 0);
            }
        }
    }

    /** Whether fstat's mode is a regular file's (S_IFREG under S_IFMT). */
    private static boolean regular(long[] stat) {
        return (stat[LinuxNative.STAT_MODE] & LinuxNative.S_IFMT) == LinuxNative.S_IFREG;
    }

    private static long[] stat(ChannelCall call, int fd) throws IOException {
        long[] fields = new long[LinuxNative.STAT_FIELDS];
        int rc = LinuxNative.fstat(fd, fields);
        if (rc < 0) {
            throw call.failure("fstat", rc, null);
        }
        return fields;
    }

    private static void seekAfterFailure(int fd, long offset, Throwable failure) {
        long r = LinuxNative.lseek(fd, offset, LinuxConstants.SEEK_SET);
        if (r < 0) {
            failure.addSuppressed(Errno.exception("lseek", r));
        }
    }

    private static long seek(ChannelCall call, int fd, long offset, int whence) throws IOException {
        long r = LinuxNative.lseek(fd, offset, whence);
        if (r < 0) {
            throw call.failure("lseek", r, null);
        }
        return r;
    }
}

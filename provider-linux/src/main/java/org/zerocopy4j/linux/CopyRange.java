package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Set;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.spi.CallTrace;

/**
 * File to file: copy_file_range (a reflink on filesystems that share extents); where the kernel or the filesystems
 * refuse it, sendfile (out at its position) or a splice through a pooled pipe (explicit out offset); where those are
 * refused too, pread and write through a buffer ({@link BufferedCopy#readWrite}). Refusals are remembered by
 * {@link CopyFailures}. First of all, a copy within one file whose ranges overlap goes through a buffer as memmove
 * ({@link BufferedCopy#selfCopy}): the kernel refuses it (copy_file_range) or corrupts it (a pipe).
 */
final class CopyRange {
    private final Splice splice;

    CopyRange(Splice splice) {
        this.splice = splice;
    }

    long copy(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) throws IOException {
        KnownChannels.ensureReadable(in, ChannelKind.FILE);
        KnownChannels.ensureWritable(out, ChannelKind.FILE);
        // Files only: nothing waits on another channel, so the whole call holds the position locks it uses.
        return PositionLocks.holding(IO, PositionLocks.of(IO, in, inOffset), PositionLocks.of(IO, out, outOffset),
                PositionLocks.closingOn(in, out), () -> copyHolding(in, inOffset, out, outOffset, count));
    }

    private long copyHolding(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        long self = BufferedCopy.selfCopy(in, inOffset, out, outOffset, count);
        if (self != BufferedCopy.NOT_OVERLAPPING) {
            return self;
        }
        if (!CopyFailures.failed(CopyFailures.COPY_FILE_RANGE, in, out)) {
            long n = copyFileRange(in, inOffset, out, outOffset, count);
            if (n != Long.MIN_VALUE) {
                return n;
            }
        }
        if (!CopyFailures.failed(CopyFailures.SENDFILE, in, out)) {
            long n = kernelCopy(in, inOffset, out, outOffset, count);
            if (n != Long.MIN_VALUE) {
                return n;
            }
        }
        return BufferedCopy.readWrite(in, inOffset, out, outOffset, count);
    }

    /** The bytes copied, -1 at end of input, or {@code Long.MIN_VALUE} when this way is refused for the pair. */
    private static long copyFileRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        CallTrace.path("copy_file_range");
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, ChannelKind.FILE).open()) {
            while (true) {
                long max = Splice.upToLastOffset(Splice.kernelOffset(inOffset),
                        Math.min(count, LinuxConstants.MAX_CALL_BYTES));
                if (max == 0) {
                    return -1;
                }
                long n = FileWork.copyFileRange(call.inFd(), Splice.kernelOffset(inOffset), call.outFd(),
                        Splice.kernelOffset(outOffset), max);
                if (n > 0) {
                    return n;
                }
                if (n == 0) {
                    // End of input, except for files whose size the kernel does not know (procfs, sysfs), which
                    // copy_file_range does not read: a byte read there tells. Asked of the descriptor, under the
                    // lease: the channel's own size() and position() take its position lock, and a call that holds
                    // another file's (out's) must not wait for one (a copy the other way holds them the other way).
                    long at = inOffset == ZeroCopy.POSITION ? call.seek(0, LinuxConstants.SEEK_CUR) : inOffset;
                    if (LinuxNative.preadByte(call.inFd(), at) == 0) {
                        return -1;
                    }
                    break;
                }
                if (call.pastInputEnd(Splice.kernelOffset(inOffset), n)) {
                    return -1;
                }
                if (CopyFailures.isUnsupported(n) || n == -Errno.EBADF) {
                    // EBADF here is an O_APPEND output, which copy_file_range refuses and positional writes handle.
                    CopyFailures.remember(CopyFailures.COPY_FILE_RANGE, n == -Errno.EBADF ? -Errno.EINVAL : n, in,
                            out);
                    return Long.MIN_VALUE;
                }
                call.shouldRetry("copy_file_range", n, false, -1, 0, -1, 0);
            }
        }
        CopyFailures.remember(CopyFailures.COPY_FILE_RANGE, -Errno.EINVAL, in, out);
        return Long.MIN_VALUE;
    }

    private long kernelCopy(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        if (outOffset != ZeroCopy.POSITION) {
            try {
                return splice.splice(in, ChannelKind.FILE, inOffset, out, ChannelKind.FILE, outOffset, count, Set.of());
            } catch (NativeIOException e) {
                if (!CopyFailures.isUnsupported(-e.errno())) {
                    throw e;
                }
                CopyFailures.remember(CopyFailures.SENDFILE, -e.errno(), in, out);
                return Long.MIN_VALUE;
            }
        }
        CallTrace.path("sendfile");
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.FILE, out, ChannelKind.FILE).open()) {
            while (true) {
                long max = Splice.upToLastOffset(Splice.kernelOffset(inOffset),
                        Math.min(count, LinuxConstants.MAX_CALL_BYTES));
                if (max == 0) {
                    return -1;
                }
                long n = FileWork.sendfile(call.outFd(), call.inFd(), Splice.kernelOffset(inOffset), max);
                if (n > 0) {
                    return n;
                }
                if (n == 0 || call.pastInputEnd(Splice.kernelOffset(inOffset), n)) {
                    return -1;
                }
                if (CopyFailures.isUnsupported(n)) {
                    CopyFailures.remember(CopyFailures.SENDFILE, n, in, out);
                    return Long.MIN_VALUE;
                }
                call.shouldRetry("sendfile", n, false, -1, 0, -1, 0);
            }
        }
    }
}

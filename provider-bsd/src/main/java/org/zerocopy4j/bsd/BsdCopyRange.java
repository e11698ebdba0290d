package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.JdkChannels;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.internal.PosixProvider;
import org.zerocopy4j.spi.CallTrace;

/**
 * copyRange with copy_file_range(2) (FreeBSD 13+), one call per request. Where the system has none (ENOSYS: DragonFly,
 * FreeBSD 12) or refuses this pair of files, the call is declined and the façade offers it to the next provider.
 */
final class BsdCopyRange {
    private BsdCopyRange() {
    }

    static long copy(FileChannel in, long inOffset, FileChannel out, long outOffset, long count,
            PosixProvider.Opener files) throws IOException {
        JdkChannels.ensureReadable(in);
        JdkChannels.ensureWritable(out);
        // Files only: nothing waits for another channel, so the whole call holds the position locks it uses.
        return PositionLocks.holding(BsdNative.LIBRARY.io(), PositionLocks.of(BsdNative.LIBRARY.io(), in, inOffset),
                PositionLocks.of(BsdNative.LIBRARY.io(), out, outOffset), PositionLocks.closingOn(in, out),
                () -> copyHolding(files, inOffset, outOffset, count));
    }

    private static long copyHolding(PosixProvider.Opener files, long inOffset, long outOffset, long count)
            throws IOException {
        long n;
        // One call enters a channel at both ends once.
        try (ChannelCall call = files.open()) {
            long inStart = inOffset == ZeroCopy.POSITION ? call.seek(0, ChannelCall.SEEK_CUR) : inOffset;
            long outStart = outOffset == ZeroCopy.POSITION ? call.seekOutput(0, ChannelCall.SEEK_CUR) : outOffset;
            do {
                long work = BsdNative.LIBRARY.io().beginFileWork(count);
                try {
                    CallTrace.path("copy_file_range");
                    n = BsdNative.copyFileRange(call.inFd(), inStart, call.outFd(), outStart, count);
                } finally {
                    BsdNative.LIBRARY.io().endFileWork(work);
                }
            } while (n == -Errno.EINTR);
            // One channel at both ends has one position: at most one of the offsets is POSITION then, or the copy
            // overlaps itself and the kernel refuses it.
            if (n > 0 && inOffset == ZeroCopy.POSITION) {
                call.seek(inStart + n, ChannelCall.SEEK_SET);
            }
            if (n > 0 && outOffset == ZeroCopy.POSITION) {
                call.seekOutput(outStart + n, ChannelCall.SEEK_SET);
            }
        }
        if (n == -Errno.ENOSYS || n == -Errno.EOPNOTSUPP || n == -Errno.EINVAL || n == -Errno.EXDEV
                || n == -9 /* EBADF: e.g. out opened for append */) {
            throw new DeclinedException("copy_file_range: " + Errno.name((int) -n));
        }
        if (n < 0) {
            throw Errno.exception("copy_file_range", n);
        }
        return n == 0 ? -1 : n;
    }
}

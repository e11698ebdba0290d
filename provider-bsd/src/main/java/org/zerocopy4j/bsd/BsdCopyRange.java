package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.JdkChannels;

/**
 * copyRange with copy_file_range(2) (FreeBSD 13+), one call per request. Where the system has none (ENOSYS: DragonFly,
 * FreeBSD 12) or refuses this pair of files, the same request is done by the pure-Java path.
 */
final class BsdCopyRange {
    private BsdCopyRange() {
    }

    static long copy(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) throws IOException {
        JdkChannels.ensureReadable(in);
        JdkChannels.ensureWritable(out);
        long inStart = inOffset == ZeroCopy.POSITION ? in.position() : inOffset;
        long outStart = outOffset == ZeroCopy.POSITION ? out.position() : outOffset;
        long n;
        try (JdkChannels.Lease source = JdkChannels.Lease.of(BsdChannels.NATIVE, in);
                JdkChannels.Lease target = JdkChannels.Lease.of(BsdChannels.NATIVE, out)) {
            do {
                n = BsdNative.copyFileRange(source.fileFd, inStart, target.fileFd, outStart, count);
            } while (n == -BsdNative.EINTR);
        }
        if (n == -BsdNative.ENOSYS || n == -BsdNative.EOPNOTSUPP || n == -BsdNative.EINVAL || n == -18 /* EXDEV */
                || n == -9 /* EBADF: e.g. out opened for append */) {
            return ZeroCopy.using("fallback").copyRange(in, inOffset, out, outOffset, count);
        }
        if (n < 0) {
            throw BsdErrors.exception("copy_file_range", (int) -n);
        }
        if (n == 0) {
            return -1;
        }
        if (inOffset == ZeroCopy.POSITION) {
            in.position(inStart + n);
        }
        if (outOffset == ZeroCopy.POSITION) {
            out.position(outStart + n);
        }
        return n;
    }
}

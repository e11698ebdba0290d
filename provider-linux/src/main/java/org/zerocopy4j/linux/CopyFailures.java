package org.zerocopy4j.linux;

import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.WeakHashMap;
import org.zerocopy4j.internal.Errno;

/**
 * What copy_file_range and sendfile refused, so a loop of copyRange calls does not pay for a failing system call each
 * time. ENOSYS means the kernel lacks the call: remembered for the whole process. EXDEV, EINVAL and EOPNOTSUPP depend
 * on the two files (filesystems, file types): remembered for that pair of channels, weakly, so closed channels are
 * forgotten with their objects.
 */
final class CopyFailures {
    static final int COPY_FILE_RANGE = 1;
    static final int SENDFILE = 2;

    private static volatile boolean copyFileRangeMissing;
    private static final Map<FileChannel, Map<FileChannel, Integer>> BY_PAIR = new WeakHashMap<>();

    private CopyFailures() {
    }

    static boolean failed(int call, FileChannel in, FileChannel out) {
        if (call == COPY_FILE_RANGE && copyFileRangeMissing) {
            return true;
        }
        synchronized (BY_PAIR) {
            Map<FileChannel, Integer> outs = BY_PAIR.get(in);
            Integer bits = outs == null ? null : outs.get(out);
            return bits != null && (bits & call) != 0;
        }
    }

    /** Whether an errno from {@code call} means "use the next way" rather than a real I/O error. */
    static boolean isUnsupported(long result) {
        int errno = (int) -result;
        return errno == Errno.ENOSYS || errno == Errno.EXDEV || errno == Errno.EINVAL || errno == Errno.EOPNOTSUPP;
    }

    static void remember(int call, long result, FileChannel in, FileChannel out) {
        if (call == COPY_FILE_RANGE && result == -Errno.ENOSYS) {
            copyFileRangeMissing = true;
            return;
        }
        synchronized (BY_PAIR) {
            BY_PAIR.computeIfAbsent(in, k -> new WeakHashMap<>()).merge(out, call, (a, b) -> a | b);
        }
    }
}

package org.zerocopy4j.linux;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.zerocopy4j.internal.Errno;

/** A pipe the provider owns (not a Java channel), used as the middle of a splice or a relay. */
final class KernelPipe implements AutoCloseable {
    /** The size asked for: large enough that a socket-to-socket relay moves about 1 MiB per pair of calls. */
    static final int PREFERRED_SIZE = 1 << 20;

    /** Pipes opened and not yet closed, pooled or in use (for the pool's JFR event). */
    static final AtomicInteger OPEN = new AtomicInteger();

    final int readFd;
    final int writeFd;
    final int capacity;
    private boolean closed;

    private KernelPipe(int readFd, int writeFd, int capacity) {
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.capacity = capacity;
    }

    /**
     * A new pipe enlarged to {@code size} where the system allows it (F_SETPIPE_SZ fails beyond
     * /proc/sys/fs/pipe-max-size or the user's pipe quota), else of the default size.
     */
    static KernelPipe open(int size) throws IOException {
        long fds = LinuxNative.pipe();
        if (fds < 0) {
            throw Errno.exception("pipe2", fds);
        }
        int readFd = (int) (fds >>> 32);
        int writeFd = (int) fds;
        int capacity = LinuxNative.fcntl(writeFd, LinuxConstants.F_SETPIPE_SZ, size);
        if (capacity < 0) {
            capacity = LinuxNative.fcntl(writeFd, LinuxConstants.F_GETPIPE_SZ, 0);
        }
        if (capacity <= 0) {
            LinuxNative.close(readFd);
            LinuxNative.close(writeFd);
            throw Errno.exception("fcntl", capacity == 0 ? -Errno.EINVAL : capacity);
        }
        OPEN.incrementAndGet();
        return new KernelPipe(readFd, writeFd, capacity);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OPEN.decrementAndGet();
            LinuxNative.close(readFd);
            LinuxNative.close(writeFd);
        }
    }
}

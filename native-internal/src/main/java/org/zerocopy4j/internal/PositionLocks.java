package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;

import org.zerocopy4j.ZeroCopy;

/**
 * Calls at a file's position ({@link ZeroCopy#POSITION}) hold the channel's own position lock
 * ({@link JdkChannelIo#positionLock}) from reading the position to moving it, so FileChannel's read, write and
 * position calls on other threads see the position before or after the call, never in between. A call between files
 * takes the locks before the files' thread-set slots, as FileChannel does, two files' locks in one fixed order (so
 * copies a -> b and b -> a at their positions cannot deadlock). A call that also waits for a socket or pipe takes
 * the lock last, for each attempt only, never while it waits for the other channel (Linux's
 * {@code LeasedCall.atPosition}, {@code JdkChannels.Lease#attempts}): no JDK code waits for a thread-set slot or a
 * socket's lock while holding a position lock, so that order cannot deadlock either.
 */
public final class PositionLocks {
    /** Breaks the tie when two locks share an identity hash code. */
    private static final Object TIE = new Object();

    public interface Call {
        long run() throws IOException;
    }

    private PositionLocks() {
    }

    /**
     * The position lock of {@code file} if the call uses its position, else null. The lock is handed out through the
     * capability only ({@link JdkChannelIo}): held by anyone else it would stop the channel's position() for ever.
     */
    public static Object of(JdkChannelIo io, FileChannel file, long offset) {
        Objects.requireNonNull(io, "io");
        return offset == ZeroCopy.POSITION ? io.positionLock(file) : null;
    }

    /** Runs {@code call} holding each non-null lock. */
    public static long holding(Object a, Object b, Call call) throws IOException {
        if (a == null || b == null || a == b) {
            Object only = a != null ? a : b;
            if (only == null) {
                return call.run();
            }
            synchronized (only) {
                return call.run();
            }
        }
        int ha = System.identityHashCode(a);
        int hb = System.identityHashCode(b);
        if (ha == hb) {
            synchronized (TIE) {
                return ordered(a, b, call);
            }
        }
        return ha < hb ? ordered(a, b, call) : ordered(b, a, call);
    }

    private static long ordered(Object first, Object second, Call call) throws IOException {
        synchronized (first) {
            synchronized (second) {
                return call.run();
            }
        }
    }
}

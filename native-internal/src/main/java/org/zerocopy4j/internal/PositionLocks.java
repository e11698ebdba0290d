package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.zerocopy4j.ZeroCopy;

/**
 * Calls at a file's position ({@link ZeroCopy#POSITION}) hold the channel's own position lock
 * ({@link JdkChannelIo#positionLock}) from reading the position to moving it, so FileChannel's read, write and
 * position calls on other threads see the position before or after the call, never in between. A call between files
 * takes the locks before the files' thread-set slots, as FileChannel does, two files' locks in one fixed order (so
 * copies a -> b and b -> a at their positions cannot deadlock). A call that also waits for a socket or pipe takes
 * the lock last, for each attempt only, never while it waits for the other channel
 * ({@link ChannelCall#atPosition}): no JDK code waits for a thread-set slot or a
 * socket's lock while holding a position lock, so that order cannot deadlock either. Such a call takes the lock
 * through a gate ({@link #enterGate}) whose wait a close or an interrupt ends. And no call, holding a position lock,
 * asks another channel anything that takes that channel's position lock (its {@code size()}, {@code position()}):
 * it asks the descriptor it holds (fstat, lseek, a one-byte pread), so copies between two files in opposite
 * directions cannot deadlock.
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
     * One library-side lock per position lock, taken before it by every call at a file's position that may hold the
     * position lock while it waits for a socket or pipe (a platform thread's blocking send waits in the kernel holding
     * it, as FileChannel.read of a FIFO does). A monitor cannot be waited for with a timeout, so a second such call
     * would wait for the first's slow peer, deaf to a close of its own channels and to an interrupt; it waits for this
     * gate instead, in slices, and ends on a close or interrupt within one. Weak keys: a gate goes with its channel.
     */
    private static final Map<Object, ReentrantLock> GATES = Collections.synchronizedMap(new WeakHashMap<>());

    /** A held gate ({@link #enterGate}); close() gives it back. */
    public static final class Gate implements AutoCloseable {
        private final ReentrantLock lock;

        private Gate(ReentrantLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    /**
     * Takes {@code positionLock}'s gate, waiting in slices for a call that holds it and calling {@code waiting}
     * between them (it throws to give up: a close, an interrupt); then take the position lock itself, which no gated
     * call holds while another gated call could be waiting for it but this one's gate holder.
     */
    public static Gate enterGate(JdkChannelIo io, Object positionLock, JdkChannelIo.Waiting waiting)
            throws IOException {
        Objects.requireNonNull(io, "io");
        ReentrantLock gate = GATES.computeIfAbsent(positionLock, k -> new ReentrantLock());
        JdkChannelIo.waitFor(gate, waiting);
        return new Gate(gate);
    }

    /**
     * The position lock of {@code file} if the call uses its position, else null. The lock is handed out through the
     * capability only ({@link JdkChannelIo}): held by anyone else it would stop the channel's position() for ever.
     */
    public static Object of(JdkChannelIo io, FileChannel file, long offset) {
        Objects.requireNonNull(io, "io");
        return offset == ZeroCopy.POSITION ? io.positionLock(file) : null;
    }

    /**
     * Runs {@code call} holding each non-null position lock, each taken after its gate ({@link #enterGate}) and in
     * one order, so that neither a wait for a gate held by a call whose slow peer holds it up, nor a wait behind such
     * a gate's holder, is deaf to {@code waiting} (a close, an interrupt). {@code waiting} is asked once more under the
     * locks, so nothing moves once it would have thrown.
     */
    public static long holding(JdkChannelIo io, Object a, Object b, JdkChannelIo.Waiting waiting, Call call)
            throws IOException {
        Objects.requireNonNull(io, "io");
        if (a == null || b == null || a == b) {
            Object only = a != null ? a : b;
            if (only == null) {
                return call.run();
            }
            try (Gate gate = enterGate(io, only, waiting)) {
                synchronized (only) {
                    waiting.check();
                    return call.run();
                }
            }
        }
        int ha = System.identityHashCode(a);
        int hb = System.identityHashCode(b);
        if (ha == hb) {
            synchronized (TIE) {
                return ordered(io, a, b, waiting, call);
            }
        }
        return ha < hb ? ordered(io, a, b, waiting, call) : ordered(io, b, a, waiting, call);
    }

    private static long ordered(JdkChannelIo io, Object first, Object second, JdkChannelIo.Waiting waiting, Call call)
            throws IOException {
        try (Gate one = enterGate(io, first, waiting); Gate two = enterGate(io, second, waiting)) {
            synchronized (first) {
                synchronized (second) {
                    waiting.check();
                    return call.run();
                }
            }
        }
    }

    /**
     * The wait of a call between {@code a} and {@code b} (files, or a file and a pipe): an interrupt closes what it
     * interrupts (files and blocking channels) and ends the call with ClosedByInterruptException, as the JDK's own
     * I/O does; a close of either ends it with AsynchronousCloseException.
     */
    public static JdkChannelIo.Waiting closingOn(Channel a, Channel b) {
        return () -> {
            if (Thread.currentThread().isInterrupted()) {
                ClosedByInterruptException e = new ClosedByInterruptException();
                for (Channel c : new Channel[] {a, b}) {
                    if (c != null && (c instanceof FileChannel || ChannelKinds.isBlocking(c))) {
                        try {
                            c.close();
                        } catch (IOException suppressed) {
                            e.addSuppressed(suppressed);
                        }
                    }
                }
                throw e;
            }
            if ((a != null && !a.isOpen()) || (b != null && !b.isOpen())) {
                throw new AsynchronousCloseException();
            }
        };
    }
}

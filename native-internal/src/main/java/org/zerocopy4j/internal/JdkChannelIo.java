package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Takes part in the JDK's own protocol for I/O in progress on its channel classes, so a native call on a channel's
 * descriptor is as safe against a concurrent close() as the JDK's own read and write.
 *
 * <p>Why: close() frees the descriptor number, and the kernel hands it to the next file opened; a call made with the
 * bare number could then read or write that other file. The JDK prevents this for its own calls, and a thread that
 * follows the same steps gets the same guarantee:
 * <ul>
 * <li>Socket and pipe channels: hold the channel's read or write lock, then {@code beginRead}/{@code beginWrite},
 * which record this thread. close() then never frees the number while the thread is recorded: it first makes the
 * number point at a dead socket (preClose) and signals the thread, so a blocked call returns, and the final close
 * happens in {@code endRead}/{@code endWrite}. In non-blocking mode close() waits for the locks. {@code begin} also
 * installs the channel's interrupt hook: Thread.interrupt() closes the channel and the end step throws
 * ClosedByInterruptException, as the JDK's own calls do.</li>
 * <li>File channels: join the channel's set of threads in I/O; close() signals those threads and waits for them to
 * leave. A private duplicate descriptor would not do for files: closing any descriptor of a file drops the process's
 * POSIX record locks on it, silently releasing the user's FileLocks.</li>
 * </ul>
 * The steps are the JDK's private methods, reached through method handles ({@link JdkMembers}) resolved once, in
 * native code's hands, from the JVM's own lookup (JNI is not bound by module encapsulation, so no --add-opens is
 * needed); the lookup itself never reaches Java code that others could call. The handles are constants, so the JIT inlines the whole
 * protocol: it costs about as much as the JDK's own bookkeeping around a read, far less than duplicating the
 * descriptor. A JDK whose classes lack any of these members leaves the protocol unavailable ({@link #failure()}),
 * and the provider declines to serve rather than run unprotected.
 *
 * <p>A capability. Each step (entering and leaving a channel, waiting for it, a file channel's position lock, the
 * scheduler's compensation, registering with the {@link Watchdog}) is an instance method, and the only instance
 * comes from native code of a provider's own library: its {@code JNI_OnLoad} registers {@code channelIo()} on that
 * provider's package-private native-access class, which keeps the answer in a static final field for its package.
 * Why: the steps are unbalanced on their own (a slot taken in a file channel's thread set that nothing returns makes
 * {@code close()} wait for ever; a position lock held makes {@code position()} wait for ever), and on the class path
 * a public static step is callable by any code, as a qualified export protects nothing there. So code that did not
 * load one of these libraries for a class of its own cannot obtain the capability without {@code setAccessible}
 * (which the module path denies it: the package is not opened), and what remains public and static here is a
 * query. The handles stay in a static final field ({@code Handles.M}), where the JIT folds each into the call: in an
 * instance field it would not, and class-path code that may call {@code setAccessible} on this class could read
 * them there as well (such code has {@code sun.misc.Unsafe} too; no Java-level protection reaches it).
 */
public final class JdkChannelIo {
    /**
     * Made only by native code ({@code channelIo()} in native-common/c/zc_jdk.c, which JNI lets call a private
     * constructor), registered on each provider's own native-access class when its library loads.
     */
    private JdkChannelIo() {
    }

    /**
     * Registers a platform thread's call with the {@link Watchdog}, which signals it once another thread cancels it
     * without closing either channel ({@code cancelled} true); null when the call needs no such help. Pass the
     * answer to {@link Watchdog#unregister} before the call returns: a thread that left with a registration would be
     * signalled after it ended.
     */
    public Watchdog.Registration watch(Channel a, Channel b, BooleanSupplier cancelled) {
        return Watchdog.register(a, b, cancelled);
    }

    /**
     * Null when this JDK's members were resolved, else why not. Call only once a provider's library has loaded: it
     * registers the native that resolves them, and the answer is final.
     */
    static Throwable failure() {
        return Handles.FAILURE;
    }

    /** The kind of a channel: one of the JDK classes the providers serve, or {@link ChannelKind#UNKNOWN}. */
    public static ChannelKind kindOf(Channel channel) {
        if (Handles.M == null) {
            return ChannelKind.UNKNOWN;
        }
        Class<?> type = channel.getClass();
        if (type == Handles.M.fileClass()) {
            return ChannelKind.FILE;
        }
        if (type == Handles.M.socketClass()) {
            return ChannelKind.SOCKET;
        }
        if (type == Handles.M.sourceClass()) {
            return ChannelKind.PIPE_SOURCE;
        }
        if (type == Handles.M.sinkClass()) {
            return ChannelKind.PIPE_SINK;
        }
        return ChannelKind.UNKNOWN;
    }

    /** Whether a file channel (kind {@link ChannelKind#FILE}) was opened for reading. */
    public static boolean isReadable(Channel file) {
        try {
            return (boolean) Handles.M.fileReadable().invokeExact(file);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** Whether a file channel (kind {@link ChannelKind#FILE}) was opened for writing. */
    public static boolean isWritable(Channel file) {
        try {
            return (boolean) Handles.M.fileWritable().invokeExact(file);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** {@link #beginFileWork}'s answer when it did not begin: nothing for {@link #endFileWork} to end. */
    public static final long NO_FILE_WORK = Long.MIN_VALUE;

    /**
     * The smallest request that runs under the JDK's compensation: smaller file work is what the JDK's own
     * FileChannel.read and write do on a carrier (JDK 23 and newer compensate only direct and synchronous I/O), and
     * compensating each 4 KiB response would add a carrier's worth of scheduling to every request.
     */
    public static final long COMPENSATED_BYTES = 1 << 20;

    /**
     * Before a native call between files that may move up to {@code bytes} and cannot park (copy_file_range, a
     * sendfile or splice from one file to another): on a virtual thread, for at least {@link #COMPENSATED_BYTES},
     * the JDK's Blocker.begin(), which lets the scheduler add a carrier while this one is held in the kernel, as
     * FileChannel does for its blocking calls. Pass the answer to {@link #endFileWork} on the same thread with no
     * park in between.
     */
    public long beginFileWork(long bytes) {
        if (bytes < COMPENSATED_BYTES || Handles.M == null || Handles.M.blockerBegin() == null
                || !Watchdog.isVirtual(Thread.currentThread())) {
            return NO_FILE_WORK;
        }
        try {
            return (long) Handles.M.blockerBegin().invokeExact();
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** Ends what {@link #beginFileWork} began. */
    public void endFileWork(long token) {
        if (token == NO_FILE_WORK) {
            return;
        }
        try {
            Handles.M.blockerEnd().invokeExact(token);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * The monitor a file channel (kind {@link ChannelKind#FILE}) holds in its own position-dependent calls (read, write,
     * position, size, truncate). A call at {@code ZeroCopy.POSITION} holds it from reading the position to moving
     * it, so those calls see the position before or after the call, never in between. Held only while no other
     * channel is waited for, and taken after the file's other channel: FileChannel never holds it while waiting on
     * another channel, and neither must we.
     */
    public Object positionLock(Channel file) {
        try {
            return (Object) Handles.M.filePositionLock().invokeExact(file);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * One channel's part in one call: its descriptor, valid until {@link #end}. Socket and pipe channels are entered
     * for reading or for writing, as the call uses them; a socket used both ways needs two entries.
     */
    public static final class Entry {
        final Channel channel;
        final ChannelKind kind;
        final boolean write;
        /** File: the thread-set slot. */
        final int slot;
        /** Socket or pipe: the read or write lock held until {@link #end}; null for a file. */
        final ReentrantLock lock;
        /** Socket or pipe: the mode the JDK's begin step was told, fixed while the lock is held. */
        public final boolean blocking;
        public final int fd;

        /** Whether this is a socket or pipe, which {@link JdkChannelIo#park} can wait for. */
        public boolean isSelectable() {
            return lock != null;
        }

        Entry(Channel channel, ChannelKind kind, boolean write, int slot, ReentrantLock lock, boolean blocking, int fd) {
            this.channel = channel;
            this.lock = lock;
            this.kind = kind;
            this.write = write;
            this.slot = slot;
            this.blocking = blocking;
            this.fd = fd;
        }
    }

    /**
     * Enters a channel of a known kind for one call.
     *
     * @param write true when the call writes to the channel (ignored for files, which take part once either way)
     * @throws ClosedChannelException when the channel is closed (or, for a socket, shut down for output)
     */
    public Entry begin(Channel channel, ChannelKind kind, boolean write) throws IOException {
        if (kind == ChannelKind.FILE) {
            return beginFile(channel);
        }
        return begin(lock(channel, kind, write, null));
    }

    /** What a wait for a socket's or pipe's lock checks between slices: it throws to give up. */
    public interface Waiting {
        void check() throws IOException;
    }

    /** How long a wait for a socket's or pipe's lock sleeps between two looks at {@link Waiting#check}. */
    static final long LOCK_SLICE_MILLIS = 20;

    /**
     * A socket's or pipe's read or write lock, held and not yet entered: the first of the JDK's two steps (lock, then
     * begin). A call that uses two channels takes both locks before it enters either, so that while it waits for the
     * second it is recorded as nobody's reader or writer, and a close() of the first is not deferred to it.
     */
    public static final class Held {
        final Channel channel;
        final ChannelKind kind;
        final boolean write;
        final ReentrantLock lock;
        /** Whether the lock was waited for: a close found then came during the call. */
        final boolean waited;

        Held(Channel channel, ChannelKind kind, boolean write, ReentrantLock lock, boolean waited) {
            this.channel = channel;
            this.kind = kind;
            this.write = write;
            this.lock = lock;
            this.waited = waited;
        }
    }

    /**
     * Takes a socket's or pipe's read or write lock (the JDK's own, which its read and write hold), waiting for it, if
     * another thread holds it, in slices of {@value #LOCK_SLICE_MILLIS} ms, and calling {@code waiting} between them:
     * the holder may be another writer blocked on a slow peer for ever, and a close of any channel of this call, an
     * interrupt or a cancelled relay must end the wait, which the JDK's own lock() would not let it. Null
     * {@code waiting}: wait as the JDK's own calls do, uninterruptibly. Pass the answer to {@link #begin(Held)} or
     * {@link #release(Held)}.
     */
    public Held lock(Channel channel, ChannelKind kind, boolean write, Waiting waiting) throws IOException {
        ReentrantLock lock;
        try {
            lock = lock(channel, kind, write);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
        boolean waited;
        if (waiting == null) {
            waited = !lock.tryLock();
            if (waited) {
                lock.lock();
            }
        } else {
            waited = waitFor(lock, waiting);
        }
        return new Held(channel, kind, write, lock, waited);
    }

    /**
     * Takes {@code lock}, waiting in slices and calling {@code waiting} between them (it throws to give up); whether it
     * had to wait.
     */
    static boolean waitFor(ReentrantLock lock, Waiting waiting) throws IOException {
        if (lock.tryLock()) {
            return false;
        }
        while (true) {
            waiting.check();
            if (Thread.currentThread().isInterrupted()) {
                // An interrupt that ends nothing (a non-blocking channel's call, as the JDK's own ignores it): wait
                // as the JDK does, uninterruptibly; a non-blocking channel's lock is held for one call that does
                // not wait.
                lock.lock();
                return true;
            }
            try {
                if (lock.tryLock(LOCK_SLICE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's status, which the check then reads
            }
        }
    }

    /** Gives back a lock {@link #lock(Channel, ChannelKind, boolean, Waiting)} took, for a call that will not begin. */
    public void release(Held held) {
        held.lock.unlock();
    }

    /**
     * The JDK's begin step under a lock {@link #lock(Channel, ChannelKind, boolean, Waiting)} took: records this thread as
     * the channel's reader or writer. The lock is released if this throws, else at {@link #end}.
     *
     * @throws ClosedChannelException when the channel is closed (or, for a socket, shut down for output)
     */
    public Entry begin(Held held) throws IOException {
        Channel channel = held.channel;
        ChannelKind kind = held.kind;
        boolean write = held.write;
        try {
            try {
                // Under the lock: a non-blocking close() marks the channel closed, then waits for the lock. Found
                // closed after a wait for the lock, it was closed during the call, as the JDK's own end step says.
                if (!channel.isOpen()) {
                    throw held.waited ? new AsynchronousCloseException() : new ClosedChannelException();
                }
                boolean blocking = ((AbstractSelectableChannel) channel).isBlocking();
                if (blocking && Watchdog.isVirtual(Thread.currentThread())) {
                    // As the JDK's own read and write do first: a call that would block then returns EAGAIN, and
                    // the thread parks on the JDK's poller ({@link #park}) instead of pinning its carrier.
                    nonBlockingIfVirtual(channel, kind);
                }
                try {
                    begin(channel, kind, write, blocking);
                } catch (Throwable t) {
                    // The JDK ends in a finally block, whose exception (interrupt, close) replaces the begin's.
                    endStep(channel, kind, write, blocking, false);
                    throw t;
                }
                return new Entry(channel, kind, write, 0, held.lock, blocking, fdVal(channel, kind));
            } catch (Throwable t) {
                held.lock.unlock();
                throw t;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    private static Entry beginFile(Channel channel) throws IOException {
        try {
            if (Thread.currentThread().isInterrupted()) {
                // As the JDK's own file I/O does: an interrupted thread's call closes the channel.
                channel.close();
                throw new ClosedByInterruptException();
            }
            Object threads = Handles.M.fileThreads().invokeExact(channel);
            int slot = (int) Handles.M.threadsAdd().invokeExact(threads);
            int fd = (int) Handles.M.fileFd().invokeExact(channel);
            if (fd < 0 || !channel.isOpen()) {
                Handles.M.threadsRemove().invokeExact(threads, slot);
                throw new ClosedChannelException();
            }
            return new Entry(channel, ChannelKind.FILE, false, slot, null, true, fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * {@link #begin} for a call already under way (a step of a call at a file's position, entered per attempt): the
     * channel was open when the call began, so a close found now happened during the call and ends it with
     * AsynchronousCloseException, as the JDK's own read says when the channel closes while it waits for the
     * position lock.
     */
    public Entry reenter(Channel channel, ChannelKind kind, boolean write) throws IOException {
        try {
            return begin(channel, kind, write);
        } catch (ClosedChannelException e) {
            if (e instanceof AsynchronousCloseException) {
                throw e;
            }
            AsynchronousCloseException during = new AsynchronousCloseException();
            during.initCause(e);
            throw during;
        }
    }

    /**
     * Leaves the call: the JDK's end step, which throws AsynchronousCloseException when the channel was closed
     * meanwhile and nothing moved, or ClosedByInterruptException when an interrupt closed it; the lock is released
     * either way.
     *
     * @param completed whether the call moved anything (the JDK's own meaning)
     */
    public void end(Entry entry, boolean completed) throws AsynchronousCloseException {
        Channel channel = entry.channel;
        if (entry.kind == ChannelKind.FILE) {
            try {
                Object threads = Handles.M.fileThreads().invokeExact(channel);
                Handles.M.threadsRemove().invokeExact(threads, entry.slot);
            } catch (Throwable t) {
                throw failed(t);
            }
            return;
        }
        try {
            endStep(channel, entry.kind, entry.write, entry.blocking, completed);
        } finally {
            entry.lock.unlock();
        }
    }

    /**
     * Waits, the way the JDK's own socket and pipe I/O waits, until the entry's channel is ready for the call's
     * direction, for at most {@code nanos} (0: no limit): a virtual thread parks on the JDK's poller and leaves its
     * carrier free; a platform thread polls. close() and interrupt end the wait as they end the JDK's. The caller then
     * checks for close and interrupt and calls again.
     */
    public void park(Entry entry, long nanos) throws IOException {
        try {
            Handles.M.park().invokeExact(entry.channel, entry.write ? Handles.M.pollOut() : Handles.M.pollIn(),
                    nanos);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    private static void nonBlockingIfVirtual(Channel channel, ChannelKind kind) throws Throwable {
        switch (kind) {
            case SOCKET -> Handles.M.socketNonBlocking().invokeExact(channel);
            case PIPE_SINK -> Handles.M.sinkNonBlocking().invokeExact(channel);
            default -> Handles.M.sourceNonBlocking().invokeExact(channel);
        }
    }

    private static ReentrantLock lock(Channel channel, ChannelKind kind, boolean write) throws Throwable {
        return switch (kind) {
            case SOCKET -> write ? (ReentrantLock) Handles.M.socketWriteLock().invokeExact(channel)
                    : (ReentrantLock) Handles.M.socketReadLock().invokeExact(channel);
            case PIPE_SINK -> (ReentrantLock) Handles.M.sinkLock().invokeExact(channel);
            case PIPE_SOURCE -> (ReentrantLock) Handles.M.sourceLock().invokeExact(channel);
            default -> throw new IllegalArgumentException("not a socket or pipe channel: " + channel.getClass());
        };
    }

    private static void begin(Channel channel, ChannelKind kind, boolean write, boolean blocking) throws Throwable {
        switch (kind) {
            case SOCKET -> {
                if (write) {
                    Handles.M.socketBeginWrite().invokeExact(channel, blocking);
                } else {
                    Handles.M.socketBeginRead().invokeExact(channel, blocking);
                }
            }
            case PIPE_SINK -> Handles.M.sinkBegin().invokeExact(channel, blocking);
            default -> Handles.M.sourceBegin().invokeExact(channel, blocking);
        }
    }

    private static void endStep(Channel channel, ChannelKind kind, boolean write, boolean blocking, boolean completed)
            throws AsynchronousCloseException {
        try {
            switch (kind) {
                case SOCKET -> {
                    if (write) {
                        Handles.M.socketEndWrite().invokeExact(channel, blocking, completed);
                    } else {
                        Handles.M.socketEndRead().invokeExact(channel, blocking, completed);
                    }
                }
                case PIPE_SINK -> Handles.M.sinkEnd().invokeExact(channel, blocking, completed);
                default -> Handles.M.sourceEnd().invokeExact(channel, blocking, completed);
            }
        } catch (AsynchronousCloseException e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * The JDK's token for the native thread running the caller (for a virtual thread: its carrier, which a native
     * frame pins for the duration of the call); 0 where the JDK never signals threads.
     */
    static long currentNativeThread() {
        try {
            return (long) Handles.M.nativeThreadCurrent().invokeExact();
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * Sends the JDK's wakeup signal to a native thread from {@link #currentNativeThread()}, as close() does for the
     * threads it records: its handler does nothing and does not restart calls, so a blocked call returns EINTR. The
     * handle checks its argument ({@link Watchdog#signalInCall}): only the native thread of a call registered with
     * the watchdog and not yet ended is signalled; any other value (a bogus one would reach pthread_kill and crash
     * the JVM) throws IllegalArgumentException.
     */
    static void signal(long nativeThread) {
        try {
            Handles.M.nativeThreadSignal().invokeExact(nativeThread);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** Rethrows what a handle threw unchecked as it is; anything else cannot come from these members. */
    private static IllegalStateException failed(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("the JDK's channel protocol failed", t);
    }

    private static int fdVal(Channel channel, ChannelKind kind) throws Throwable {
        return switch (kind) {
            case SOCKET -> (int) Handles.M.socketFd().invokeExact(channel);
            case PIPE_SINK -> (int) Handles.M.sinkFd().invokeExact(channel);
            default -> (int) Handles.M.sourceFd().invokeExact(channel);
        };
    }

    /**
     * The members, resolved when first used (after a provider's library loaded). A static final record is a constant
     * the JIT folds through, fields included, so each handle call inlines as if it were a field of its own.
     */
    private static final class Handles {
        static final Throwable FAILURE;
        static final JdkMembers M;

        static {
            JdkMembers m = null;
            Throwable failure = null;
            try {
                m = JdkResolver.resolveFromJvm();
            } catch (Throwable t) {
                failure = t;
            }
            FAILURE = failure;
            M = m;
        }
    }
}

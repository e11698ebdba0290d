package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.spi.CallTrace;
import org.zerocopy4j.spi.DeclinedException;

/**
 * One transfer's hold on its two channels' descriptors, and the rules for what a failed or would-block result means:
 * the one call type every native provider opens and runs attempts of its system call on.
 *
 * <p>The JDK closes a channel's descriptor whenever any thread calls close(), and the number may be handed to a file
 * opened a microsecond later; a call made with the bare number could then read or write that other file. The call
 * therefore takes part in the JDK's own protocol for I/O in progress ({@link JdkChannelIo}), in the JDK's order: every
 * socket's or pipe's read or write lock first, then their begin steps (recorded as reader or writer), then the files'
 * thread-set slots; a file at its position only for each attempt, inside its position lock ({@link #atPosition}).
 * close() then signals this thread (the JDK's wakeup signal interrupts the blocked system call) and defers freeing the
 * number until the call has left; an interrupt closes the channel through the hook the JDK's begin step installs. A
 * virtual thread never blocks in the kernel on a socket or pipe (the JDK made the descriptor non-blocking); it parks in
 * the JDK's poller, which close and interrupt wake. Only a relay closed under a platform thread needs the
 * {@link Watchdog}: a relay is not a channel, so nothing in the JDK signals its thread.
 *
 * <p>Every wait for readiness it makes ({@link #shouldRetry}, {@link #atPosition}, {@link #awaitOutput}, ...) is added
 * to the call's {@link CallTrace}, for the façade's JFR event.
 *
 * <p>The few system calls the rules make (poll, lseek, a one-byte pread, writev) are {@link PosixNative}'s, which
 * every provider's library registers: Linux's from its raw system calls, the others' from their C library.
 */
public final class ChannelCall implements AutoCloseable {
    /** How long one wait lasts before close, interrupt and a cancelled relay are looked at again. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(Watchdog.PERIOD_MILLIS);
    /** Poll events as {@link PosixNative#poll} takes them (each library's C maps or checks them). */
    public static final int POLLIN = 0x1;
    public static final int POLLOUT = 0x4;
    /** {@link #seek}'s whence: 0 and 1 on every system served. */
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;

    /** A vectored write to a descriptor ({@link #writeAll}): the bytes written, or -errno. */
    public interface VectorWrite {
        long write(int fd, IoVectors vectors);
    }

    /** One attempt of a call at a file's position; {@code nonBlocking}: return 0 rather than wait. */
    public interface Attempt {
        long run(boolean nonBlocking) throws IOException;
    }

    private final JdkChannelIo io;
    private final Channel in;
    private final Channel out;
    /** The descriptors, valid while the call holds them; a deferred file's only inside {@link #holdingPosition}. */
    private int inFd;
    private int outFd;
    private JdkChannelIo.Entry inEntry;
    private JdkChannelIo.Entry outEntry;
    /** The file entered only under its position lock, for each step ({@link #holdingPosition}); null for none. */
    private final Channel deferred;
    private final boolean mayBlock;
    private final BooleanSupplier cancelled;
    private Watchdog.Registration registration;
    private boolean closeChannelsOnRelease;
    /** Whether the call moved anything ({@link #reported}): the JDK's end step is told, as its own calls tell it. */
    private boolean completed;

    private ChannelCall(JdkChannelIo io, Channel in, JdkChannelIo.Entry inEntry, Channel out,
            JdkChannelIo.Entry outEntry, Channel deferred, boolean mayBlock, BooleanSupplier cancelled) {
        this.io = io;
        this.cancelled = cancelled;
        this.in = in;
        this.out = out;
        this.deferred = deferred;
        this.inEntry = inEntry;
        this.outEntry = outEntry;
        this.inFd = inEntry == null ? -1 : inEntry.fd;
        this.outFd = outEntry == null ? -1 : outEntry.fd;
        this.mayBlock = mayBlock;
    }

    /** What a call opens: its channels (either may be null: a provider's own pipe end takes its place). */
    public static final class Ends {
        final JdkChannelIo io;
        final Channel in;
        final ChannelKind inKind;
        final Channel out;
        final ChannelKind outKind;
        BooleanSupplier cancelled;
        Channel atPosition;

        private Ends(JdkChannelIo io, Channel in, ChannelKind inKind, Channel out, ChannelKind outKind) {
            this.io = io;
            this.in = in;
            this.inKind = inKind;
            this.out = out;
            this.outKind = outKind;
        }

        /**
         * For a call that another thread may cancel (a relay closed while it transfers): once {@code cancelled} is
         * true, a blocked call is woken and ends with AsynchronousCloseException.
         */
        public Ends cancelledBy(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        /**
         * For a call at a file's position: the file ({@code in} or {@code out}, the other end a socket or pipe) is
         * entered only for each step, inside its position lock ({@link #holdingPosition}). That is the JDK's order,
         * position lock then thread-set slot: FileChannel's own calls take it so, and one interrupted in there closes
         * the channel and waits for every slot while holding the lock, so a slot held while waiting for the lock
         * would deadlock.
         */
        public Ends atPositionOf(Channel file) {
            this.atPosition = file;
            return this;
        }

        /** Enters both channels. */
        public ChannelCall open() throws IOException {
            if (atPosition != null && !atPosition.isOpen()) {
                throw new ClosedChannelException();
            }
            return ChannelCall.open(io, in, inKind, out, outKind, cancelled, atPosition);
        }
    }

    /**
     * The channels of a call, with their kinds (null for a missing channel), for the provider whose capability
     * {@code io} is; {@link Ends#open} enters them.
     */
    public static Ends of(JdkChannelIo io, Channel in, ChannelKind inKind, Channel out, ChannelKind outKind) {
        return new Ends(io, in, inKind, out, outKind);
    }

    private static ChannelCall open(JdkChannelIo io, Channel in, ChannelKind inKind, Channel out,
            ChannelKind outKind, BooleanSupplier cancelled, Channel deferred) throws IOException {
        if (Thread.currentThread().isInterrupted() && (interruptible(in) || interruptible(out))) {
            closeInterruptible(in, out);
            throw new ClosedByInterruptException();
        }
        // The JDK's order: every lock first, then the begin steps, then the files' thread-set slots. While the call
        // waits for a lock (another writer may hold the output's, blocked on a slow peer) it is recorded as nobody's
        // reader or writer, so a close() is not deferred to it, and nothing holds up a file's close(); the wait
        // itself ends on a close of either channel, an interrupt or a cancelled relay, which the JDK's uninterruptible
        // lock() would not see.
        JdkChannelIo.Waiting waiting = () -> checkWhileWaiting(in, out, cancelled);
        JdkChannelIo.Held inHeld = null;
        JdkChannelIo.Held outHeld = null;
        JdkChannelIo.Entry inEntry = null;
        JdkChannelIo.Entry outEntry = null;
        boolean inFile = inKind == ChannelKind.FILE;
        boolean outFile = outKind == ChannelKind.FILE;
        try {
            if (in != null && in != deferred && !inFile) {
                inHeld = io.lock(in, inKind, false, waiting);
            }
            if (out != null && out != deferred && !outFile) {
                outHeld = io.lock(out, outKind, true, waiting);
            }
            if (inHeld != null) {
                JdkChannelIo.Held held = inHeld;
                inHeld = null; // begin releases it if it throws
                inEntry = io.begin(held);
            }
            if (outHeld != null) {
                JdkChannelIo.Held held = outHeld;
                outHeld = null;
                outEntry = io.begin(held);
            }
            if (in != null && in != deferred && inFile) {
                inEntry = io.begin(in, inKind, false);
            }
            // A file copied onto itself is entered once: a second entry would, on an interrupt, close the channel on
            // this thread and wait for the slot this thread already holds.
            if (out != null && out != deferred && outFile) {
                outEntry = out == in ? inEntry : io.begin(out, outKind, true);
            }
            if (cancelled != null && cancelled.getAsBoolean()) {
                // A relay closed while this call waited: nothing may move once its close() returned.
                throw new AsynchronousCloseException();
            }
            boolean mayBlock = mayBlock(inEntry) || mayBlock(outEntry);
            ChannelCall call = new ChannelCall(io, in, inEntry, out, outEntry, deferred, mayBlock, cancelled);
            if (mayBlock && cancelled != null) {
                // Nothing in the JDK signals a platform thread for a cancelled relay, so the watchdog does.
                call.registration = io.watch(in, out, cancelled);
            }
            return call;
        } catch (Throwable t) {
            for (JdkChannelIo.Held held : new JdkChannelIo.Held[] {outHeld, inHeld}) {
                if (held != null) {
                    io.release(held);
                }
            }
            for (JdkChannelIo.Entry entry : new JdkChannelIo.Entry[] {distinct(outEntry, inEntry), inEntry}) {
                if (entry != null) {
                    try {
                        io.end(entry, false);
                    } catch (IOException | RuntimeException suppressed) {
                        t.addSuppressed(suppressed);
                    }
                }
            }
            if (t instanceof ClosedByInterruptException) {
                // The interrupt closed the one it hit; the JDK's transfers close both. Only now, with every entry
                // ended: a file channel's close waits for each thread in it to leave, this one included.
                closeInterruptible(in, out);
            }
            throw t;
        }
    }

    /** Whether this call was opened with {@code io}: a provider's own call. */
    boolean openedWith(JdkChannelIo io) {
        return this.io == io;
    }

    /** The input's descriptor: valid while the call holds it (a file at its position: inside an attempt only). */
    public int inFd() {
        return inFd;
    }

    /** Whether the call is at its input file's position ({@link Ends#atPositionOf}): it moves the position. */
    public boolean positioned() {
        return deferred != null && deferred == in;
    }

    /** The output channel, as the caller gave it. */
    public Channel output() {
        return out;
    }

    /** The output's descriptor, as {@link #inFd()}. */
    public int outFd() {
        return outFd;
    }

    /**
     * While waiting for a channel's lock: an interrupt ends the call as it ends a blocked one (for channels an
     * interrupt closes; the caller closes them), a close of either channel or a cancelled relay with
     * AsynchronousCloseException.
     */
    private static void checkWhileWaiting(Channel in, Channel out, BooleanSupplier cancelled) throws IOException {
        if (Thread.currentThread().isInterrupted() && (interruptible(in) || interruptible(out))) {
            throw new ClosedByInterruptException();
        }
        if ((in != null && !in.isOpen()) || (out != null && !out.isOpen())
                || (cancelled != null && cancelled.getAsBoolean())) {
            throw new AsynchronousCloseException();
        }
    }

    /** The out entry unless it is the in entry (a file copied onto itself), which is ended once. */
    private static JdkChannelIo.Entry distinct(JdkChannelIo.Entry outEntry, JdkChannelIo.Entry inEntry) {
        return outEntry == inEntry ? null : outEntry;
    }

    private static boolean mayBlock(JdkChannelIo.Entry entry) {
        return entry != null && entry.isSelectable() && entry.blocking;
    }

    /**
     * What a negative kernel result means. EINTR: retry unless a channel was closed or the thread interrupted.
     * EAGAIN: return what moved (false) when an end is non-blocking; otherwise (a blocking channel whose descriptor
     * the JDK made non-blocking, as it does for virtual threads) wait and retry. Anything else throws.
     *
     * @param nonBlocking whether the caller reports "nothing now" instead of waiting
     * @param fdA         a descriptor to wait on (or -1), with its poll events; same for {@code fdB}
     * @return true to call again, false to return the progress so far
     */
    public boolean shouldRetry(String call, long result, boolean nonBlocking, int fdA, int eventsA, int fdB,
            int eventsB) throws IOException {
        int errno = (int) -result;
        if (errno == Errno.EINTR) {
            checkAsync();
            return true;
        }
        if (errno == Errno.EAGAIN) {
            if (nonBlocking) {
                return false;
            }
            awaitReady(fdA, eventsA, fdB, eventsB);
            return true;
        }
        throw failure(call, result, null);
    }

    /**
     * For a step that takes something only moving bytes needs (a pooled pipe): waits, holding nothing more, until
     * this call's input socket or pipe {@code fd} is readable, wherever the step's own call would otherwise wait for
     * it in the kernel with that thing in hand. That is a blocking channel on a platform thread. On a virtual thread
     * the JDK made the descriptor non-blocking, so the step's call returns EAGAIN at once, and the step gives back
     * what it took before {@link #shouldRetry} parks. Returns at once when the input is readable now, has ended or
     * has failed (the step's call then says which); close and interrupt end the wait as they end any other.
     */
    public void awaitInputBeforeTaking(int fd) throws IOException {
        awaitInputBeforeTaking(fd, () -> { });
    }

    /**
     * The same for a step that already holds the thing: {@code giveBack} runs once, before the first wait, and not
     * at all when the input is readable now, so a busy step keeps what it holds without a second system call.
     */
    public void awaitInputBeforeTaking(int fd, Runnable giveBack) throws IOException {
        if (inEntry == null || inEntry.fd != fd || !inEntry.isSelectable() || !inEntry.blocking
                || Watchdog.isVirtual(Thread.currentThread())) {
            return;
        }
        boolean given = false;
        while (true) {
            int ready = PosixNative.poll(fd, POLLIN, -1, 0, 0);
            if (ready > 0) {
                return;
            }
            if (ready < 0 && ready != -Errno.EINTR) {
                throw failure("poll", ready, null);
            }
            if (!given) {
                giveBack.run();
                given = true;
            }
            awaitReady(fd, POLLIN, -1, 0);
        }
    }

    /**
     * Whether an error from a call that read the input file at an offset (or its position) means only that this lies
     * past the end, which the contract calls end of input: beyond the filesystem's largest file the kernel says
     * EOVERFLOW, and where offset + count overflows EINVAL. A one-byte read there tells.
     */
    public boolean pastInputEnd(long kernelOffset, long result) {
        if (result != -Errno.EOVERFLOW && result != -Errno.EINVAL) {
            return false;
        }
        // At the file's position (-1) the position is where it read; the call holds the position lock then.
        long at = kernelOffset >= 0 ? kernelOffset : PosixNative.seek(inFd, 0, SEEK_CUR);
        // No file has a byte at the largest offset, and a read there overflows (EINVAL) instead of saying so.
        return at == Long.MAX_VALUE || at >= 0 && PosixNative.preadByte(inFd, at) == 0;
    }

    /**
     * Runs {@code step} holding {@code positionLock} and, inside it, the deferred file's thread-set slot
     * ({@link Ends#atPositionOf}); the file's descriptor is valid for the step only. The wait for the lock ends on a
     * close of either channel (AsynchronousCloseException) or an interrupt (ClosedByInterruptException, both channels
     * closed) within a slice, as the wait for a socket's lock does ({@link PositionLocks#enterGate}).
     */
    public long holdingPosition(Object positionLock, PositionLocks.Call step) throws IOException {
        // The gate first: another call at this position may hold the lock for as long as its slow peer takes, and a
        // wait for a monitor would not end on this call's close or interrupt; the wait for the gate does.
        if (positionLock == null) {
            return step.run(); // a call at an explicit offset: no position to hold
        }
        try (PositionLocks.Gate gate = PositionLocks.enterGate(io, positionLock, this::checkAsync)) {
            return holdingPositionLock(positionLock, step);
        }
    }

    private long holdingPositionLock(Object positionLock, PositionLocks.Call step) throws IOException {
        synchronized (positionLock) {
            // The lock may have come after a long wait (a call that takes it without the gate, or the gate's holder):
            // a close or interrupt meanwhile ends the call here, before any byte moves on a channel already closed.
            checkAsync();
            // Open when the call began (Ends.open): a close now happened during it.
            JdkChannelIo.Entry file = deferred == null ? null : io.reenter(deferred, ChannelKind.FILE, false);
            if (deferred != null && deferred == in) {
                inEntry = file;
                inFd = file.fd;
            } else if (deferred != null) {
                outEntry = file;
                outFd = file.fd;
            }
            try {
                return step.run();
            } finally {
                if (file != null) {
                    if (deferred == in) {
                        inEntry = null;
                        inFd = -1;
                    } else {
                        outEntry = null;
                        outFd = -1;
                    }
                    io.end(file, false);
                }
            }
        }
    }

    /**
     * Runs a call at a file's position ({@link Ends#atPositionOf}) that may wait for this call's socket or pipe,
     * holding the file's position lock and slot for each attempt ({@link #holdingPosition}) and never while it waits.
     * An attempt that would wait returns 0 having moved nothing, and the thread waits outside the lock and tries
     * again: on a virtual thread (whose socket and pipe descriptors the JDK made non-blocking) always, on a platform
     * thread when {@code attemptsNeverWait} (a splice with SPLICE_F_NONBLOCK, which keeps it off a pipe's wait
     * whatever the descriptor's mode). Otherwise a platform thread's blocking socket waits in the kernel holding the
     * lock, as FileChannel.read of a FIFO does: until the kernel says how much moved, no one else may take the
     * position (the README lists it).
     *
     * @param nonBlocking whether the caller reports "nothing now" instead of waiting
     */
    public long atPosition(Object positionLock, boolean nonBlocking, boolean attemptsNeverWait, int fdA, int eventsA,
            int fdB, int eventsB, Attempt attempt) throws IOException {
        if (!waitsOutside(nonBlocking, attemptsNeverWait)) {
            return holdingPosition(positionLock, () -> attempt.run(nonBlocking));
        }
        while (true) {
            long n = holdingPosition(positionLock, () -> attempt.run(true));
            if (n != 0) {
                return n;
            }
            awaitReady(fdA, eventsA, fdB, eventsB);
        }
    }

    /**
     * Runs a system call's attempts at the position of the file this call defers ({@link Ends#atPositionOf}), as
     * {@link #atPosition} does with that file's lock, waiting for {@code fd} outside it; a call that defers no file
     * (at an explicit offset, or one whose locks its caller holds) runs the attempt as it is.
     */
    public long atFilePosition(boolean nonBlocking, int fd, int events, Attempt attempt) throws IOException {
        if (deferred == null) {
            return attempt.run(nonBlocking);
        }
        return atPosition(io.positionLock(deferred), nonBlocking, false, fd, events, -1, 0, attempt);
    }

    private boolean waitsOutside(boolean nonBlocking, boolean attemptsNeverWait) {
        return !nonBlocking && mayBlock && (attemptsNeverWait || Watchdog.isVirtual(Thread.currentThread()));
    }

    /** One attempt of a send of headers, {@code fileCount} file bytes from {@code fileDone} on, and trailers. */
    public interface PartsAttempt {
        long run(boolean nonBlocking, long fileCount, long fileDone) throws IOException;
    }

    /**
     * Runs a send of headers, file bytes and trailers to this call's output socket in attempts
     * ({@link #atPosition}; {@code positionLock} null for a call at an explicit offset, which takes no lock). An
     * attempt that waits outside (a virtual thread's) is non-blocking and may leave headers or trailers part-sent,
     * which a blocking call never does, so the call goes on until they are out, the file part shrinking by what each
     * attempt sent ({@link WholeParts}); so does every call with {@code untilWhole}. An attempt that fails after
     * earlier ones moved bytes does not lose their count ({@link #endAfter}).
     */
    public long sendWhole(Object positionLock, boolean nonBlocking, boolean untilWhole, List<ByteBuffer> headers,
            List<ByteBuffer> trailers, long count, PartsAttempt attempt) throws IOException {
        boolean whole = untilWhole || waitsOutside(nonBlocking, false);
        WholeParts parts = new WholeParts(headers, trailers, count);
        long fileDone = 0;
        while (true) {
            long fileCount = parts.nextCount();
            long done = fileDone;
            long n;
            try {
                n = atPosition(positionLock, nonBlocking, false, outFd, POLLOUT, -1, 0,
                        attemptNonBlocking -> attempt.run(attemptNonBlocking, fileCount, done));
            } catch (NativeIOException | AsynchronousCloseException e) {
                return endAfter(e, parts.total()); // the earlier attempts' bytes reached the output too
            }
            if (n < 0) {
                return reported(parts.endOfInput());
            }
            fileDone += parts.record(n);
            if (!whole || nonBlocking || parts.done()) {
                return reported(parts.total());
            }
        }
    }

    /**
     * Waits a slice, the JDK's way, for the output socket or pipe to take bytes (a blocking channel whose descriptor
     * the JDK drives non-blocking, as for virtual threads, which park and free their carrier), then checks close and
     * interrupt.
     */
    public void awaitOutput() throws IOException {
        awaitReady(outFd, POLLOUT, -1, 0);
    }

    /**
     * How a call ends whose step failed with {@code e} after {@code delivered} bytes of it reached the output (before
     * the bytes {@code e} itself counts): a close returns them ({@link #reported}), as the JDK's write returns what it
     * wrote; a NativeIOException is thrown counting them too ({@link NativeIOException#bytesTransferred}); an
     * interrupt, or any failure before a byte went, is thrown as it is.
     */
    public long endAfter(IOException e, long delivered) throws IOException {
        if (delivered > 0) {
            if (e instanceof NativeIOException) {
                NativeIOException failure = (NativeIOException) e;
                throw Errno.afterDelivering(failure, delivered + failure.bytesTransferred(), 0);
            }
            if (e instanceof AsynchronousCloseException && !(e instanceof ClosedByInterruptException)) {
                return reported(delivered);
            }
        }
        throw e;
    }

    /**
     * What the call returns, noted: a call that moved bytes ends without AsynchronousCloseException when a channel is
     * closed just after, so the caller learns what reached it (the JDK's end step is told {@code completed} so).
     */
    public long reported(long result) {
        if (result > 0) {
            completed = true;
        }
        return result;
    }

    /** lseek on the input file's descriptor: the new offset; a failure throws. */
    public long seek(long offset, int whence) throws IOException {
        return seek(inFd, offset, whence);
    }

    /** lseek on the output file's descriptor, as {@link #seek}. */
    public long seekOutput(long offset, int whence) throws IOException {
        return seek(outFd, offset, whence);
    }

    private long seek(int fd, long offset, int whence) throws IOException {
        long r = PosixNative.seek(fd, offset, whence);
        if (r < 0) {
            throw failure("lseek", r, null);
        }
        return r;
    }

    /**
     * Moves the input file's position to {@code position} at the end of a call at its position: after a failure
     * ({@code failure} not null), whose exception matters more, a failure to move it is added to that exception.
     */
    public void seekAfter(long position, Throwable failure) throws IOException {
        if (failure == null) {
            seek(position, SEEK_SET);
            return;
        }
        try {
            seek(position, SEEK_SET);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Writes the buffers to the output in order and advances their positions by what went out: all of them when
     * {@code nonBlocking} is false, as much as the output takes now when it is true. A failure throws, through
     * {@link #shouldRetry}.
     */
    public long writeAll(String call, DirectBufferPool pool, List<ByteBuffer> buffers, boolean nonBlocking,
            VectorWrite write) throws IOException {
        long total = 0;
        while (ByteBuffers.remaining(buffers) > 0) {
            long n;
            try (IoVectors v = IoVectors.of(pool, buffers)) {
                n = write.write(outFd, v);
            }
            if (n > 0) {
                ByteBuffers.consume(buffers, n);
                total += n;
                continue;
            }
            if (n == 0 || !shouldRetry(call, n, nonBlocking, outFd, POLLOUT, -1, 0)) {
                break;
            }
        }
        return total;
    }

    /**
     * The exception for an error result ({@code explanation} null for none): close and interrupt take precedence over
     * the errno they caused.
     */
    public IOException failure(String call, long result, String explanation) throws IOException {
        checkAsync();
        if (call.equals("lseek") && result == -Errno.ESPIPE) {
            // Only a descriptor that cannot seek at all gives ESPIPE (a FIFO, or /dev/stdin as a pipe, opened as a
            // FileChannel), and for it the call's first seek fails, before any byte moves: the next provider reads
            // it as a stream.
            throw new DeclinedException("lseek: ESPIPE: the file channel is a pipe, FIFO or socket, which the "
                    + "system's file calls cannot read or write at its position");
        }
        return explanation == null ? Errno.exception(call, result) : Errno.exception(call, result, explanation);
    }

    /**
     * Throws if the thread was interrupted (closing the channels in blocking mode, as the JDK does; an interrupt does
     * nothing to a call on non-blocking channels, as it does nothing to the JDK's) or a channel was closed.
     */
    public void checkAsync() throws IOException {
        if (Thread.currentThread().isInterrupted() && (interruptible(in) || interruptible(out))) {
            // Closed in close(): a file channel's close waits for this thread to leave its thread set first.
            closeChannelsOnRelease = true;
            throw new ClosedByInterruptException();
        }
        if ((in != null && !in.isOpen()) || (out != null && !out.isOpen())
                || (cancelled != null && cancelled.getAsBoolean())) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * Waits until every given descriptor was ready at least once (the call needs both ends ready; waiting on one that
     * is already ready would spin). A channel's descriptor is waited for the JDK's way ({@link JdkChannelIo#park}): a
     * virtual thread parks and frees its carrier. Each wait is a slice, so that close, interrupt and a cancelled relay
     * are seen in time; the caller's next call tells whether the slice ended in readiness.
     */
    private void awaitReady(int fdA, int eventsA, int fdB, int eventsB) throws IOException {
        long start = CallTrace.waitStarts();
        try {
            awaitEach(fdA, eventsA, fdB, eventsB);
        } finally {
            CallTrace.waitEnds(start);
        }
    }

    /** {@link #awaitReady}, its time not yet counted for the call's trace. */
    private void awaitEach(int fdA, int eventsA, int fdB, int eventsB) throws IOException {
        int a = fdA;
        int b = fdB;
        while (a >= 0 || b >= 0) {
            JdkChannelIo.Entry channel = entryFor(a >= 0 ? a : b);
            if (channel != null) {
                io.park(channel, SLICE_NANOS);
                checkAsync();
                if (a >= 0) {
                    a = -1;
                } else {
                    b = -1;
                }
                continue;
            }
            int ready = PosixNative.poll(a, eventsA, b, eventsB, Watchdog.PERIOD_MILLIS);
            if (ready < 0 && ready != -Errno.EINTR) {
                throw failure("poll", ready, null);
            }
            checkAsync();
            if (ready > 0) {
                if ((ready & 0xffff) != 0) {
                    a = -1;
                }
                if ((ready >>> 16) != 0) {
                    b = -1;
                }
            }
        }
    }

    /** The socket or pipe entry whose descriptor {@code fd} is, or null (a file, or the provider's own pipe). */
    private JdkChannelIo.Entry entryFor(int fd) {
        for (JdkChannelIo.Entry e : new JdkChannelIo.Entry[] {inEntry, outEntry}) {
            if (e != null && e.fd == fd && e.isSelectable()) {
                return e;
            }
        }
        return null;
    }

    /** Files and channels in blocking mode: the ones an interrupt closes. */
    private static boolean interruptible(Channel c) {
        return c != null && ChannelKinds.isBlocking(c);
    }

    private static void closeInterruptible(Channel in, Channel out) {
        for (Channel c : new Channel[] {in, out}) {
            if (interruptible(c)) {
                try {
                    c.close();
                } catch (IOException e) {
                    // The interrupt is what the caller must hear about.
                }
            }
        }
    }

    /**
     * Releases the descriptors. A call that could block, moved nothing ({@link #reported}) and whose channel was
     * closed meanwhile ends with AsynchronousCloseException; one that moved bytes returns their count, as the JDK's
     * own read and write do, and the caller's next call finds the channel closed.
     */
    @Override
    public void close() throws AsynchronousCloseException {
        Watchdog.unregister(registration);
        AsynchronousCloseException ended = null;
        RuntimeException broken = null;
        // Every entry is ended whatever ending another threw: a slot left in a file's thread set hangs its close().
        for (JdkChannelIo.Entry entry : new JdkChannelIo.Entry[] {distinct(outEntry, inEntry), inEntry}) {
            if (entry == null) {
                continue;
            }
            try {
                io.end(entry, completed);
            } catch (AsynchronousCloseException e) {
                ended = ended == null ? e : ended;
            } catch (RuntimeException e) {
                broken = broken == null ? e : broken;
            }
        }
        if (broken != null) {
            throw broken;
        }
        if (closeChannelsOnRelease || ended instanceof ClosedByInterruptException) {
            closeInterruptible(in, out);
            throw ended instanceof ClosedByInterruptException ? ended : new ClosedByInterruptException();
        }
        if (ended != null) {
            throw ended;
        }
        if (mayBlock && !completed && ((in != null && !in.isOpen()) || (out != null && !out.isOpen()))) {
            throw new AsynchronousCloseException();
        }
    }
}

package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.Relay;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.spi.CallTrace;

/**
 * A relay through a kernel pipe it owns: bytes are spliced from the input into the pipe and from the pipe to the
 * output, never through the JVM. What the output could not take stays in the pipe and goes first next time.
 *
 * <p>close() from another thread while a transfer runs must neither free the pipe's descriptors under the running
 * splice (the numbers could be reused by another relay's pipe at once) nor leave the transfer blocked: it marks the
 * relay closed, the watchdog wakes the transfer, which ends with AsynchronousCloseException, and the last one out
 * closes the pipe. A transfer waiting for a channel's lock (another writer holds the output's, blocked on a slow
 * peer) ends too, within a slice, and one that gets the lock after close() returned moves nothing.
 *
 * <p>A {@link java.nio.channels.FileChannel} at either end is read or written at its position, under its position
 * lock for each splice, as FileChannel's own read and write hold it.
 */
final class PipeRelay implements Relay {
    private final Channel in;
    private final ChannelKind inKind;
    private final Channel out;
    private final ChannelKind outKind;
    /**
     * A pipe from {@link PipePool} while bytes are in flight or keep coming, else null. A busy relay keeps it from one
     * transfer to the next (taking and giving back a pipe per call is what made the relay dearer than C's splice
     * loop); it goes back to the pool as soon as the relay goes idle (a read finds nothing now or the input ends), and
     * before any wait for input: a relay waiting for input holds none, so ten thousand idle connections cost no pipes
     * (and no share of the user's pipe quota).
     */
    private KernelPipe pipe;
    /**
     * Whether the last read into the pipe filled it, so the input had more: a platform thread's next read from a
     * blocking input is then simply tried, with the pipe in hand. After a read that took less (the input ran dry, or
     * the caller's max stopped it), or none yet, that read could wait in the kernel, so the thread first looks (poll,
     * no wait): an input with bytes now is read with the pipe in hand, one without them is waited for holding no
     * pipe. (A read that filled the pipe with exactly the input's last bytes leaves the next one waiting in the
     * kernel with the pipe until input comes or the relay closes.) Written by the transferring thread only.
     */
    private boolean inputFlowing;
    /** Transfers running, guarded by this: the pipe is dropped by whichever of close() and them leaves last. */
    private int running;
    private volatile boolean closed;
    /**
     * Bytes in the pipe, exact (each splice says what it moved): transfer() needs no ioctl, and {@link #pending()}
     * reads it from any thread. Written by the transferring thread only.
     */
    private volatile long buffered;
    private boolean inputEnded;

    PipeRelay(Channel in, ChannelKind inKind, Channel out, ChannelKind outKind) throws IOException {
        KnownChannels.ensureReadable(in, inKind);
        KnownChannels.ensureWritable(out, outKind);
        this.in = in;
        this.inKind = inKind;
        this.out = out;
        this.outKind = outKind;
    }

    @Override
    public long transfer(long max) throws IOException {
        CallTrace.path("relay-pipe");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (running > 0) {
                // Two transfers would share the pipe, and one could give it back to the pool while the other splices
                // into it: another connection's relay would then get these bytes.
                throw new IllegalStateException("another thread is in transfer() of this relay: a relay serves one "
                        + "thread at a time (use one relay per direction)");
            }
            running++;
        }
        long moved = 0;
        try {
            moved = max == 0 ? 0 : move(max);
            return moved;
        } finally {
            synchronized (this) {
                // A transfer that moved bytes keeps an empty pipe for the next one; an idle or failed one gives it
                // back (a pipe still holding bytes stays with the relay, and a closed relay's goes in any case).
                if (--running == 0 && (closed || (buffered == 0 && moved <= 0))) {
                    dropPipe();
                }
            }
        }
    }

    /** An empty pipe goes back to the pool; one holding bytes (closed relay) is closed with them. */
    private void dropPipe() {
        KernelPipe p = pipe;
        pipe = null;
        if (p == null) {
            return;
        }
        if (buffered == 0) {
            PipePool.release(p);
        } else {
            p.close();
        }
    }

    /**
     * Reads and writes in turns, each under a lease of its own channel only: a relay waiting for input holds nothing
     * of its output (whose close(), writers and readers must not wait for it), and one waiting for its output holds
     * nothing of its input.
     */
    private long move(long max) throws IOException {
        boolean inNonBlocking = !ChannelKinds.isBlocking(in);
        // A blocking input is read at most once per call: a second read could wait for bytes that never come while
        // the caller has progress to report.
        boolean mayRead = true;
        long written = 0;
        while (written < max) {
            if (closed) {
                // close() came during the last step: nothing more goes to the output (the pipe's bytes are dropped).
                if (written > 0) {
                    return written;
                }
                throw new AsynchronousCloseException();
            }
            if (buffered > 0) {
                long n = drain(max - written);
                written += n;
                if (buffered > 0) {
                    break; // a non-blocking output took what it could
                }
                continue;
            }
            if (inputEnded || !mayRead) {
                break;
            }
            if (!fill(max - written)) {
                break; // a non-blocking input had nothing now
            }
            mayRead = inNonBlocking;
        }
        return written == 0 && inputEnded && buffered == 0 ? -1 : written;
    }

    /** Moves up to {@code max} bytes from the pipe to the output: all of them unless the output is non-blocking. */
    private long drain(long max) throws IOException {
        boolean nonBlocking = !ChannelKinds.isBlocking(out);
        int poll = outKind.isFile() ? -1 : LinuxConstants.POLLOUT;
        long written = 0;
        boolean file = outKind.isFile();
        // A file is written at its position, which FileChannel's own calls on other threads use too: each splice
        // holds the position lock (a pipe with bytes in it never makes the splice wait).
        try (ChannelCall call = ChannelCall.of(IO, null, null, out, outKind).atPositionOf(file ? out : null)
                .cancelledBy(this::ended).open()) {
            while (buffered > 0 && written < max) {
                long step = Math.min(buffered, max - written);
                long n = file ? call.holdingPosition(IO.positionLock(out),
                        () -> LinuxNative.splice(pipe.readFd, -1, call.outFd(), -1, step, 0))
                        : LinuxNative.splice(pipe.readFd, -1, call.outFd(), -1, step, 0);
                if (n > 0) {
                    buffered -= n;
                    written += n;
                } else if (n == 0) {
                    throw new IOException("splice: the relay's pipe reported no data with " + buffered
                            + " bytes pending");
                } else if (!call.shouldRetry("splice", n, nonBlocking, poll < 0 ? -1 : call.outFd(), poll, -1, 0)) {
                    break;
                }
            }
            return call.reported(written);
        }
    }

    /**
     * One read from the input into the relay's pipe (taken from the pool if it has none), waiting for input if the
     * input blocks, holding no pipe while it waits; or the end of input.
     *
     * @return false when a non-blocking input had nothing now
     */
    private boolean fill(long max) throws IOException {
        boolean nonBlocking = !ChannelKinds.isBlocking(in);
        int poll = inKind.isFile() ? -1 : LinuxConstants.POLLIN;
        boolean file = inKind.isFile();
        // A file is read at its position, which FileChannel's own calls on other threads use too: each splice holds
        // the position lock (an empty pipe never makes the splice wait).
        try (ChannelCall call = ChannelCall.of(IO, in, inKind, null, null).atPositionOf(file ? in : null)
                .cancelledBy(this::ended).open()) {
            while (true) {
                if (!inputFlowing) {
                    // Where the read would wait in the kernel (a platform thread's blocking socket or pipe), it waits
                    // here without the pipe if the input has nothing; the call returns at once where the read cannot
                    // wait (a virtual thread's or a non-blocking read says EAGAIN, and the pipe goes back before the
                    // wait below). An input with bytes now keeps the pipe (a bulk copy whose reads come back short of
                    // a pipeful, as a socket's do, took a pipe from the pool per transfer).
                    call.awaitInputBeforeTaking(call.inFd(), this::dropPipe);
                }
                if (pipe == null) {
                    pipe = PipePool.acquire();
                }
                KernelPipe into = pipe;
                long step = Math.min(into.capacity, max);
                long n = file ? call.holdingPosition(IO.positionLock(in),
                        () -> LinuxNative.splice(call.inFd(), -1, into.writeFd, -1, step, 0))
                        : LinuxNative.splice(call.inFd(), -1, into.writeFd, -1, step, 0);
                if (n > 0) {
                    buffered += n;
                    // Only a read that the pipe's size stopped says the input had more; one that the caller's max
                    // stopped says nothing (it may have taken the input's last bytes), and the next read looks first.
                    inputFlowing = n == into.capacity;
                    call.reported(n);
                    return true;
                }
                inputFlowing = false;
                dropPipe(); // empty: nothing is in flight while the input has nothing to give
                if (n == 0) {
                    inputEnded = true;
                    return true;
                }
                if (!call.shouldRetry("splice", n, nonBlocking, poll < 0 ? -1 : call.inFd(), poll, -1, 0)) {
                    return false;
                }
            }
        }
    }

    /**
     * Whether a step must not start or go on: the relay was closed, or either channel was (each step leases one
     * channel only, so a close of the other is seen here, and a wait for the one lease's lock ends on it too).
     */
    private boolean ended() {
        return closed || !in.isOpen() || !out.isOpen();
    }

    /**
     * The relay's own count, read without the monitor and without the kernel, so that a caller on another thread
     * never waits for a running transfer: FIONREAD waits, uninterruptibly, for the pipe's lock, which a splice blocked
     * on a full blocking output holds; and with the monitor held that wait would also hold up close(), the one call
     * that can end the blocked transfer. Nor does it touch a pipe that the transfer may just have given back to the
     * pool.
     */
    @Override
    public long pending() {
        return closed ? 0 : buffered;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (running == 0) {
                dropPipe();
            }
        }
    }
}

package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;

import org.zerocopy4j.Relay;
import org.zerocopy4j.internal.ChannelKinds;

/**
 * A relay through a kernel pipe it owns: bytes are spliced from the input into the pipe and from the pipe to the
 * output, never through the JVM. What the output could not take stays in the pipe and goes first next time.
 *
 * <p>close() from another thread while a transfer runs must neither free the pipe's descriptors under the running
 * splice (the numbers could be reused by another relay's pipe at once) nor leave the transfer blocked: it marks the
 * relay closed, the watchdog wakes the transfer, which ends with AsynchronousCloseException, and the last one out
 * closes the pipe.
 */
final class PipeRelay implements Relay {
    private final Channel in;
    private final int inKind;
    private final Channel out;
    private final int outKind;
    /**
     * A pipe from {@link PipePool} while bytes are in flight, else null: a relay waiting for input holds none, so
     * ten thousand idle connections cost no pipes (and no share of the user's pipe quota).
     */
    private KernelPipe pipe;
    /** Transfers running, guarded by this: the pipe is dropped by whichever of close() and them leaves last. */
    private int running;
    private volatile boolean closed;
    /**
     * Bytes in the pipe, exact (each splice says what it moved): transfer() needs no ioctl, and {@link #pending()}
     * reads it from any thread. Written by the transferring thread only.
     */
    private volatile long buffered;
    private boolean inputEnded;

    PipeRelay(Channel in, int inKind, Channel out, int outKind) throws IOException {
        KnownChannels.ensureReadable(in, inKind);
        KnownChannels.ensureWritable(out, outKind);
        this.in = in;
        this.inKind = inKind;
        this.out = out;
        this.outKind = outKind;
    }

    @Override
    public long transfer(long max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            running++;
        }
        try {
            return max == 0 ? 0 : move(max);
        } finally {
            synchronized (this) {
                if (--running == 0 && (closed || buffered == 0)) {
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
        int poll = KnownChannels.isFile(outKind) ? -1 : LinuxConstants.POLLOUT;
        long written = 0;
        try (LeasedCall call = LeasedCall.lease(null, 0, out, outKind, () -> closed)) {
            while (buffered > 0 && written < max) {
                long n = LinuxNative.splice(pipe.readFd, -1, call.outFd, -1, Math.min(buffered, max - written), 0);
                if (n > 0) {
                    buffered -= n;
                    written += n;
                } else if (n == 0) {
                    throw new IOException("splice: the relay's pipe reported no data with " + buffered
                            + " bytes pending");
                } else if (!call.shouldRetry("splice", n, nonBlocking, poll < 0 ? -1 : call.outFd, poll, -1, 0)) {
                    break;
                }
            }
        }
        return written;
    }

    /**
     * One read from the input into a pool pipe (waiting for input if the input blocks, holding no pipe while it
     * waits), or the end of input.
     *
     * @return false when a non-blocking input had nothing now
     */
    private boolean fill(long max) throws IOException {
        boolean nonBlocking = !ChannelKinds.isBlocking(in);
        int poll = KnownChannels.isFile(inKind) ? -1 : LinuxConstants.POLLIN;
        try (LeasedCall call = LeasedCall.lease(in, inKind, null, 0, () -> closed)) {
            while (true) {
                if (pipe == null) {
                    // A platform thread's blocking input would wait in the kernel with the pipe: wait without it.
                    call.awaitInputBeforeTaking(call.inFd);
                    pipe = PipePool.acquire();
                }
                long n = LinuxNative.splice(call.inFd, -1, pipe.writeFd, -1, Math.min(pipe.capacity, max), 0);
                if (n > 0) {
                    buffered += n;
                    return true;
                }
                dropPipe(); // empty: nothing is in flight while the input has nothing to give
                if (n == 0) {
                    inputEnded = true;
                    return true;
                }
                if (!call.shouldRetry("splice", n, nonBlocking, poll < 0 ? -1 : call.inFd, poll, -1, 0)) {
                    return false;
                }
            }
        }
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

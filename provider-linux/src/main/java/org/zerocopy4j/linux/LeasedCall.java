package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

import org.zerocopy4j.spi.ChannelKinds;

/**
 * One transfer's hold on its channels' descriptors, and the rules for what a failed or would-block result means.
 *
 * <p>The JDK closes a channel's descriptor whenever any thread calls close(), and the number may be handed to a file
 * opened a microsecond later; a call made with the bare number could then read or write that other file. Two ways
 * keep the number ours for the length of a call:
 * <ul>
 * <li>File channels: the call joins the channel's own set of threads in I/O, as FileChannelImpl's read and write do;
 * close() signals the threads in that set and waits for them to leave before it closes the descriptor. A private
 * duplicate would not do for files: closing any descriptor of a file drops the process's POSIX record locks on it,
 * which would silently release the user's {@link java.nio.channels.FileLock}s.</li>
 * <li>Socket and pipe channels: the call duplicates the descriptor (fcntl F_DUPFD_CLOEXEC) and then checks that the
 * channel is still open. The JDK marks a channel closed before it closes the descriptor, so "still open after the
 * dup" proves the duplicate refers to the channel's own socket or pipe, which it keeps alive until this call closes
 * it. A close meanwhile is noticed by {@link #checkAsync()} and, for calls that may block, by the {@link Watchdog}.</li>
 * </ul>
 */
final class LeasedCall implements AutoCloseable {
    private final Channel in;
    private final Channel out;
    final int inFd;
    final int outFd;
    /** Thread-set slot for a file end, {@link #DUPLICATED} for a duplicated descriptor, {@link #NONE} without one. */
    private final int inSlot;
    private final int outSlot;
    private final Watchdog.Registration registration;
    private boolean closeChannelsOnRelease;

    private static final int NONE = Integer.MIN_VALUE;
    private static final int DUPLICATED = Integer.MIN_VALUE + 1;

    private LeasedCall(Channel in, long inHold, Channel out, long outHold, boolean mayBlock) {
        this.in = in;
        this.out = out;
        this.inFd = (int) inHold;
        this.inSlot = (int) (inHold >> 32);
        this.outFd = (int) outHold;
        this.outSlot = (int) (outHold >> 32);
        this.registration = mayBlock ? Watchdog.register(in, out) : null;
    }

    /** Leases both channels' descriptors; either channel may be null (an internal pipe end takes its place). */
    static LeasedCall lease(Channel in, int inKind, Channel out, int outKind) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            closeQuietly(in, out);
            throw new ClosedByInterruptException();
        }
        long inHold = hold(in, inKind);
        long outHold;
        try {
            outHold = hold(out, outKind);
        } catch (IOException | RuntimeException e) {
            release(in, inHold);
            throw e;
        }
        return new LeasedCall(in, inHold, out, outHold, mayBlock(in, inKind) || mayBlock(out, outKind));
    }

    private static boolean mayBlock(Channel channel, int kind) {
        return channel != null && !KnownChannels.isFile(kind) && ChannelKinds.isBlocking(channel);
    }

    /** {@code slot << 32 | fd}: see {@link #inSlot}. */
    private static long hold(Channel channel, int kind) throws IOException {
        if (channel == null) {
            return pack(NONE, -1);
        }
        if (KnownChannels.isFile(kind)) {
            long entered = LinuxNative.enterFile(channel);
            if ((int) entered < 0 || !channel.isOpen()) {
                LinuxNative.exitFile(channel, (int) (entered >> 32));
                throw new ClosedChannelException();
            }
            return entered;
        }
        int fd = LinuxNative.lease(channel, kind);
        if (fd < 0) {
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            throw Errno.exception("fcntl", fd);
        }
        if (!channel.isOpen()) {
            LinuxNative.close(fd);
            throw new ClosedChannelException();
        }
        return pack(DUPLICATED, fd);
    }

    private static long pack(int slot, int fd) {
        return ((long) slot << 32) | (fd & 0xffffffffL);
    }

    private static void release(Channel channel, long held) {
        int slot = (int) (held >> 32);
        int fd = (int) held;
        if (slot == DUPLICATED) {
            LinuxNative.close(fd);
        } else if (slot != NONE) {
            LinuxNative.exitFile(channel, slot);
        }
    }

    /**
     * What a negative kernel result means. EINTR: retry unless a channel was closed or the thread interrupted.
     * EAGAIN: return what moved (false) when an end is non-blocking; otherwise (a blocking channel whose descriptor
     * the JDK made non-blocking, as it does for virtual threads) wait with poll and retry. Anything else throws.
     *
     * @param nonBlocking whether the caller reports "nothing now" instead of waiting
     * @param fdA         a descriptor to wait on (or -1), with its poll events; same for {@code fdB}
     * @return true to call again, false to return the progress so far
     */
    boolean shouldRetry(String call, long result, boolean nonBlocking, int fdA, int eventsA, int fdB, int eventsB)
            throws IOException {
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

    /** The exception for an error result: close and interrupt take precedence over the errno they caused. */
    IOException failure(String call, long result, String explanation) throws IOException {
        checkAsync();
        return explanation == null ? Errno.exception(call, result) : Errno.exception(call, result, explanation);
    }

    /** Throws if the thread was interrupted (closing the channels, as the JDK does) or a channel was closed. */
    void checkAsync() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            // Closed in close(): a file channel's close waits for this thread to leave its thread set first.
            closeChannelsOnRelease = true;
            throw new ClosedByInterruptException();
        }
        if ((in != null && !in.isOpen()) || (out != null && !out.isOpen())) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * Waits until every given descriptor reported one of its events at least once (the call needs both ends ready;
     * waiting on one that is already ready would spin), in slices so that close and interrupt are seen in time.
     */
    private void awaitReady(int fdA, int eventsA, int fdB, int eventsB) throws IOException {
        int a = fdA;
        int b = fdB;
        while (a >= 0 || b >= 0) {
            int ready = LinuxNative.poll(a, eventsA, b, eventsB, Watchdog.PERIOD_MILLIS);
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

    private static void closeQuietly(Channel in, Channel out) {
        for (Channel c : new Channel[] {in, out}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // The interrupt is what the caller must hear about.
                }
            }
        }
    }

    /**
     * Releases the descriptors. A call that could block and whose channel was closed meanwhile ends with
     * AsynchronousCloseException even if the wakeup made the kernel return a short count: the caller must learn that
     * the transfer was cut off, not take the short count for ordinary progress on a channel that is gone.
     */
    @Override
    public void close() throws AsynchronousCloseException {
        if (registration != null) {
            Watchdog.unregister(registration);
        }
        release(in, pack(inSlot, inFd));
        release(out, pack(outSlot, outFd));
        if (closeChannelsOnRelease) {
            closeQuietly(in, out);
            return;
        }
        if (registration != null && ((in != null && !in.isOpen()) || (out != null && !out.isOpen()))) {
            throw new AsynchronousCloseException();
        }
    }
}

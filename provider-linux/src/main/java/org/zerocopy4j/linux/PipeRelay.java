package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;

import org.zerocopy4j.Relay;
import org.zerocopy4j.internal.ChannelKinds;

/**
 * A relay through a kernel pipe it owns: bytes are spliced from the input into the pipe and from the pipe to the
 * output, never through the JVM. What the output could not take stays in the pipe and goes first next time.
 */
final class PipeRelay implements Relay {
    private final Channel in;
    private final int inKind;
    private final Channel out;
    private final int outKind;
    private KernelPipe pipe;
    /** Bytes in the pipe, counted here so that transfer() needs no ioctl; {@link #pending()} asks the kernel. */
    private long buffered;
    private boolean inputEnded;

    PipeRelay(Channel in, int inKind, Channel out, int outKind) throws IOException {
        KnownChannels.ensureReadable(in, inKind);
        KnownChannels.ensureWritable(out, outKind);
        this.in = in;
        this.inKind = inKind;
        this.out = out;
        this.outKind = outKind;
        this.pipe = KernelPipe.open(KernelPipe.PREFERRED_SIZE);
    }

    @Override
    public long transfer(long max) throws IOException {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        KernelPipe p = pipe;
        if (p == null) {
            throw new ClosedChannelException();
        }
        if (max == 0) {
            return 0;
        }
        boolean inNonBlocking = !ChannelKinds.isBlocking(in);
        boolean outNonBlocking = !ChannelKinds.isBlocking(out);
        int inPoll = KnownChannels.isFile(inKind) ? -1 : LinuxConstants.POLLIN;
        int outPoll = KnownChannels.isFile(outKind) ? -1 : LinuxConstants.POLLOUT;
        // A blocking input is read at most once per call: a second read could wait for bytes that never come while
        // the caller has progress to report.
        boolean mayRead = true;
        long written = 0;
        try (LeasedCall call = LeasedCall.lease(in, inKind, out, outKind)) {
            while (written < max) {
                if (buffered > 0) {
                    long n = LinuxNative.splice(p.readFd, -1, call.outFd, -1, Math.min(buffered, max - written), 0);
                    if (n > 0) {
                        buffered -= n;
                        written += n;
                    } else if (n == 0) {
                        throw new IOException("splice: the relay's pipe reported no data with " + buffered
                                + " bytes pending");
                    } else if (!call.shouldRetry("splice", n, outNonBlocking, outPoll < 0 ? -1 : call.outFd,
                            outPoll, -1, 0)) {
                        break;
                    }
                    continue;
                }
                if (inputEnded || !mayRead) {
                    break;
                }
                long n = LinuxNative.splice(call.inFd, -1, p.writeFd, -1, Math.min(p.capacity, max - written), 0);
                if (n > 0) {
                    buffered += n;
                    mayRead = inNonBlocking;
                } else if (n == 0) {
                    inputEnded = true;
                } else if (!call.shouldRetry("splice", n, inNonBlocking, inPoll < 0 ? -1 : call.inFd, inPoll, -1,
                        0)) {
                    break;
                }
            }
        }
        return written == 0 && inputEnded && buffered == 0 ? -1 : written;
    }

    @Override
    public long pending() {
        KernelPipe p = pipe;
        if (p == null) {
            return 0;
        }
        int unread = p.unread();
        return unread < 0 ? buffered : unread;
    }

    @Override
    public void close() {
        KernelPipe p = pipe;
        pipe = null;
        if (p != null) {
            p.close();
        }
    }
}

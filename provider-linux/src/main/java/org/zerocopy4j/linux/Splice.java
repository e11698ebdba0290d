package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Set;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.spi.CallTrace;

/**
 * splice(2) and tee(2). With a pipe at either end the kernel call is made directly. With none, a file input going to
 * a non-file is exactly sendfile; everything else goes in through a pooled pipe and out again before returning, so no
 * byte taken from the input is left behind.
 */
final class Splice {
    private static final SendfileOptions MORE = SendfileOptions.builder().flags(SendfileFlag.MORE).build();

    private final Sendfile sendfile;

    Splice(Sendfile sendfile) {
        this.sendfile = sendfile;
    }

    static int kernelFlags(Set<SpliceFlag> flags) {
        int k = 0;
        for (SpliceFlag f : flags) {
            switch (f) {
                case MOVE:
                    k |= LinuxConstants.SPLICE_F_MOVE;
                    break;
                case NONBLOCK:
                    k |= LinuxConstants.SPLICE_F_NONBLOCK;
                    break;
                case MORE:
                    k |= LinuxConstants.SPLICE_F_MORE;
                    break;
                case GIFT:
                    k |= LinuxConstants.SPLICE_F_GIFT;
                    break;
                default:
                    break;
            }
        }
        return k;
    }

    /** A splice between channels of the kinds given (classified once, by the provider). */
    long splice(ReadableByteChannel in, ChannelKind inKind, long inOffset, WritableByteChannel out,
            ChannelKind outKind, long outOffset, long count, Set<SpliceFlag> flags) throws IOException {
        KnownChannels.ensureReadable(in, inKind);
        KnownChannels.ensureWritable(out, outKind);
        int kflags = kernelFlags(flags);
        if (inKind.isPipe() || outKind.isPipe()) {
            return direct(in, inKind, inOffset, out, outKind, outOffset, count, kflags);
        }
        if (inKind.isFile() && !outKind.isFile()) {
            return sendfile.send(out, outKind, (FileChannel) in, inOffset, count,
                    flags.contains(SpliceFlag.MORE) ? MORE : SendfileOptions.NONE);
        }
        if (inKind.isFile()) {
            // File to file: no wait on another channel, so the whole call holds the position locks it uses.
            return PositionLocks.holding(IO, PositionLocks.of(IO, (FileChannel) in, inOffset),
                    outKind.isFile() ? PositionLocks.of(IO, (FileChannel) out, outOffset) : null,
                    PositionLocks.closingOn(in, out), () -> {
                        // A pipe holds the page-cache pages it was filled with: within one file, an overlapping
                        // target would change them before they are written.
                        long self = BufferedCopy.selfCopy((FileChannel) in, inOffset, (FileChannel) out, outOffset,
                                count);
                        return self != BufferedCopy.NOT_OVERLAPPING ? self
                                : throughPipe(in, inKind, inOffset, out, outKind, outOffset, count, kflags);
                    });
        }
        return throughPipe(in, inKind, inOffset, out, outKind, outOffset, count, kflags);
    }

    private static long direct(Channel in, ChannelKind inKind, long inOffset, Channel out, ChannelKind outKind,
            long outOffset, long count, int kflags) throws IOException {
        boolean nonBlocking = (kflags & LinuxConstants.SPLICE_F_NONBLOCK) != 0 || !ChannelKinds.isBlocking(in)
                || !ChannelKinds.isBlocking(out);
        int flags = kflags;
        // A non-blocking pipe channel must not wait on its pipe; the kernel only looks at the flag for that.
        if ((inKind.isPipe() && !ChannelKinds.isBlocking(in))
                || (outKind.isPipe() && !ChannelKinds.isBlocking(out))) {
            flags |= LinuxConstants.SPLICE_F_NONBLOCK;
        }
        // A pipe at one end: at most one file, at the other.
        Channel positioned = inKind.isFile() && inOffset == ZeroCopy.POSITION ? in
                : outKind.isFile() && outOffset == ZeroCopy.POSITION ? out : null;
        if (positioned == null) {
            try (ChannelCall call = ChannelCall.of(IO, in, inKind, out, outKind).open()) {
                return call.reported(direct(call, inKind, inOffset, out, outKind, outOffset, count, flags,
                        nonBlocking));
            }
        }
        int kernelFlags = flags;
        try (ChannelCall call = ChannelCall.of(IO, in, inKind, out, outKind).atPositionOf(positioned).open()) {
            // SPLICE_F_NONBLOCK keeps an attempt off the pipe's wait on any thread, so none waits holding the lock.
            return call.reported(call.atPosition(IO.positionLock(positioned), nonBlocking, true,
                    positioned == in ? -1 : pollFd(call.inFd(), inKind), LinuxConstants.POLLIN,
                    positioned == out ? -1 : pollFd(call.outFd(), outKind), LinuxConstants.POLLOUT,
                    attemptNonBlocking -> direct(call, inKind, inOffset, out, outKind, outOffset, count,
                            attemptNonBlocking ? kernelFlags | LinuxConstants.SPLICE_F_NONBLOCK : kernelFlags,
                            attemptNonBlocking)));
        }
    }

    /** One splice under its lease: bytes moved, -1 at end of input, 0 when {@code nonBlocking} and nothing moved. */
    private static long direct(ChannelCall call, ChannelKind inKind, long inOffset, Channel out,
            ChannelKind outKind, long outOffset, long count, int flags, boolean nonBlocking) throws IOException {
        CallTrace.path("splice");
        while (true) {
            long max = Math.min(count, LinuxConstants.MAX_CALL_BYTES);
            if (inKind.isFile()) {
                max = upToLastOffset(kernelOffset(inOffset), max);
                if (max == 0) {
                    return -1;
                }
            }
            // A pipe at one end bounds the step to what the pipe holds: no compensation, as for the JDK's transferTo.
            long n = LinuxNative.splice(call.inFd(), kernelOffset(inOffset), call.outFd(), kernelOffset(outOffset), max,
                    flags);
            if (n > 0) {
                return n;
            }
            if (n == 0 || inKind.isFile() && call.pastInputEnd(kernelOffset(inOffset), n)) {
                return -1;
            }
            if (n == -Errno.EINVAL && outKind.isFile()) {
                String append = Sendfile.appendExplanation("splice", call.outFd(), out);
                if (append != null) {
                    throw call.failure("splice", n, append);
                }
            }
            if (!call.shouldRetry("splice", n, nonBlocking, pollFd(call.inFd(), inKind), LinuxConstants.POLLIN,
                    pollFd(call.outFd(), outKind), LinuxConstants.POLLOUT)) {
                return 0;
            }
        }
    }

    /**
     * in -> pooled pipe -> out. The caller's façade guarantees that out is blocking (or a file) here, so the pipe is
     * always drained before returning; if draining fails, the pipe is discarded and, for a file input read at its
     * position, the position advances only by the bytes that reached out. The pipe is taken only once the input can
     * give bytes and goes back whenever a read brought none, so an upload waiting for an idle client holds none.
     */
    private static long throughPipe(Channel in, ChannelKind inKind, long inOffset, Channel out,
            ChannelKind outKind, long outOffset, long count, int kflags) throws IOException {
        CallTrace.path("splice-pipe");
        boolean inFile = inKind.isFile();
        boolean outFile = outKind.isFile();
        boolean atPosition = inFile && inOffset == ZeroCopy.POSITION;
        boolean nonBlockingIn = (kflags & LinuxConstants.SPLICE_F_NONBLOCK) != 0 || !ChannelKinds.isBlocking(in);
        int moveFlags = kflags & (LinuxConstants.SPLICE_F_MOVE | LinuxConstants.SPLICE_F_MORE);
        KernelPipe pipe = null;
        boolean pipeEmpty = true;
        long[] progress = new long[1]; // bytes delivered to out, kept up to date for a failure mid-way
        long taken = 0; // bytes taken from in into the pipe
        long inStart = -1;
        // A socket's bytes written at a file's position: the file is entered under its position lock for the checks
        // and the writes only, which wait for nothing; the wait for the socket comes before, holding neither.
        Object outLock = !inFile && outFile ? PositionLocks.of(IO, (FileChannel) out, outOffset) : null;
        try (ChannelCall call = outLock == null ? ChannelCall.of(IO, in, inKind, out, outKind).open()
                : ChannelCall.of(IO, in, inKind, out, outKind).atPositionOf(out).open()) {
            try {
                if (outFile) {
                    // Checked before taking bytes from in: the kernel would refuse them only once they were in the
                    // pipe, and bytes read from a socket cannot be put back.
                    String append = outLock == null ? Sendfile.appendExplanation("splice", call.outFd(), out)
                            : appendUnderLock(call, outLock, out);
                    if (append != null) {
                        throw call.failure("splice", -Errno.EINVAL, append);
                    }
                }
                // A file input's position is read and moved with lseek under the lease, as sendfile itself does.
                inStart = !inFile ? -1 : atPosition ? call.seek(0, LinuxConstants.SEEK_CUR) : inOffset;
                long filled;
                while (true) {
                    if (!inFile && !nonBlockingIn) {
                        call.awaitInputBeforeTaking(call.inFd());
                    }
                    long max = inFile ? upToLastOffset(inStart, count) : count;
                    if (max == 0) {
                        return -1; // the largest offset: no byte there, and no pipe taken
                    }
                    pipe = PipePool.acquire();
                    max = Math.min(max, pipe.capacity);
                    int fillFlags = moveFlags | (kflags & LinuxConstants.SPLICE_F_NONBLOCK);
                    filled = inFile ? FileWork.splice(call.inFd(), inStart, pipe.writeFd, -1, max, fillFlags)
                            : LinuxNative.splice(call.inFd(), inStart, pipe.writeFd, -1, max, fillFlags);
                    if (filled > 0) {
                        break;
                    }
                    // Nothing came: the pipe, still empty, goes back before any wait or return.
                    PipePool.release(pipe);
                    pipe = null;
                    if (filled == 0 || inFile && call.pastInputEnd(inStart, filled)) {
                        return -1;
                    }
                    if (!call.shouldRetry("splice", filled, nonBlockingIn, pollFd(call.inFd(), inKind),
                            LinuxConstants.POLLIN, -1, 0)) {
                        return 0;
                    }
                }
                pipeEmpty = false;
                taken = filled;
                long bytes = filled;
                KernelPipe full = pipe;
                if (outLock == null) {
                    drain(call, full, outKind, outOffset, bytes, moveFlags, progress);
                } else {
                    call.holdingPosition(outLock, () -> {
                        drain(call, full, outKind, outOffset, bytes, moveFlags, progress);
                        return 0;
                    });
                }
                pipeEmpty = true;
            } catch (Throwable t) {
                if (atPosition && progress[0] > 0) {
                    call.seekAfter(inStart + progress[0], t);
                }
                if (t instanceof NativeIOException) {
                    // A file input is read again from where delivery stopped; a socket's or pipe's bytes left in
                    // the internal pipe are gone with it, and the caller must hear how many.
                    throw Errno.afterDelivering((NativeIOException) t, progress[0], inFile ? 0 : taken - progress[0]);
                }
                throw t;
            }
            if (atPosition) {
                call.seek(inStart + progress[0], LinuxConstants.SEEK_SET);
            }
            return call.reported(progress[0]);
        } finally {
            if (pipe != null && pipeEmpty) {
                PipePool.release(pipe);
            } else if (pipe != null) {
                pipe.close();
            }
        }
    }

    private static String appendUnderLock(ChannelCall call, Object outLock, Channel out) throws IOException {
        String[] append = new String[1];
        call.holdingPosition(outLock, () -> {
            append[0] = Sendfile.appendExplanation("splice", call.outFd(), out);
            return 0;
        });
        return append[0];
    }

    /** Empties the pooled pipe into out; {@code delivered[0]} counts what reached out, even when a write fails. */
    private static void drain(ChannelCall call, KernelPipe pipe, ChannelKind outKind, long outOffset, long filled,
            int moveFlags, long[] delivered) throws IOException {
        boolean outFile = outKind.isFile();
        while (delivered[0] < filled) {
            long at = outFile && outOffset != ZeroCopy.POSITION ? outOffset + delivered[0] : -1;
            long n = outFile ? FileWork.splice(pipe.readFd, -1, call.outFd(), at, filled - delivered[0], moveFlags)
                    : LinuxNative.splice(pipe.readFd, -1, call.outFd(), at, filled - delivered[0], moveFlags);
            if (n > 0) {
                delivered[0] += n;
                continue;
            }
            if (n == 0) {
                throw new IOException("splice: the internal pipe reported no data with "
                        + (filled - delivered[0]) + " bytes still in it");
            }
            call.shouldRetry("splice", n, false, -1, 0, pollFd(call.outFd(), outKind), LinuxConstants.POLLOUT);
        }
    }

    long tee(Channel in, Channel out, long count, Set<SpliceFlag> flags) throws IOException {
        int kflags = kernelFlags(flags);
        boolean nonBlocking = (kflags & LinuxConstants.SPLICE_F_NONBLOCK) != 0 || !ChannelKinds.isBlocking(in)
                || !ChannelKinds.isBlocking(out);
        if (nonBlocking) {
            kflags |= LinuxConstants.SPLICE_F_NONBLOCK;
        }
        try (ChannelCall call = ChannelCall.of(IO, in, ChannelKind.PIPE_SOURCE, out, ChannelKind.PIPE_SINK)
                .open()) {
            CallTrace.path("tee");
            while (true) {
                long n = LinuxNative.tee(call.inFd(), call.outFd(), Math.min(count, LinuxConstants.MAX_CALL_BYTES),
                        kflags);
                if (n > 0) {
                    return call.reported(n);
                }
                if (n == 0) {
                    return -1;
                }
                if (!call.shouldRetry("tee", n, nonBlocking, call.inFd(), LinuxConstants.POLLIN, call.outFd(),
                        LinuxConstants.POLLOUT)) {
                    return 0;
                }
            }
        }
    }

    static long kernelOffset(long offset) {
        return offset == ZeroCopy.POSITION ? -1 : offset;
    }

    /**
     * The most a call reading from the explicit offset {@code kernelOffset} (-1: the position) may ask for, at most
     * {@code max}: offset + count must not pass Long.MAX_VALUE, or the kernel refuses the range with EINVAL. 0 at the
     * largest offset, which is past the end of every file.
     */
    static long upToLastOffset(long kernelOffset, long max) {
        return kernelOffset < 0 ? max : Math.min(max, Long.MAX_VALUE - kernelOffset);
    }

    private static int pollFd(int fd, ChannelKind kind) {
        return kind.isFile() ? -1 : fd;
    }
}

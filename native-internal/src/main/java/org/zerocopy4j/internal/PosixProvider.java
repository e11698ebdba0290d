package org.zerocopy4j.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.CallTrace;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The POSIX providers' base (FreeBSD, macOS, Solaris, AIX), the JDK's unix-base-and-small-subclass shape: it owns
 * the name, the OS match, {@code accepts}, the call skeleton (one {@link ChannelCall} per sendfile, its attempts, the
 * file's position) and the helpers every header/file/trailer split uses (write-all, file size, the socket's pending
 * error, the flag mapping, the retry loop's errno rules, the part after the file bytes).
 * Each OS supplies its sendfile step ({@link Step}) and its errno quirks.
 */
public abstract class PosixProvider extends JdkChannelProvider {
    /** A provider native class's own {@code channelIo()}: the capability its library made for that class. */
    public interface IoSource {
        JdkChannelIo io();
    }

    /** One attempt of an OS's sendfile into the call's socket, from {@code start} in the file. */
    public interface Step {
        /** Bytes sent (headers, file and trailers), 0, or -1 at end of input. */
        long send(ChannelCall call, long start, long count, boolean blocking) throws IOException;
    }

    /** One system call of an OS's sendfile: 0 or -errno, {@code sent[0]} the bytes it sent (valid on failure too). */
    public interface SendCall {
        int call(long[] sent) throws IOException;
    }

    /**
     * An OS's reading of a failure that sent nothing, before the shared rules ({@link #untilSent}): {@code rc}
     * unchanged to apply them, 0 for success, or {@link #RETURN_PROGRESS}.
     */
    public interface Quirk {
        int read(int rc);
    }

    /** One OS call copying between two files at explicit offsets: bytes copied, 0 at end of input, or -errno. */
    public interface RangeCall {
        long copy(int inFd, long inOffset, int outFd, long outOffset, long count);
    }

    /** One system call between files, its result or -errno ({@link #fileWork}). */
    public interface FileCall {
        long run();
    }

    /** A request's calls, keeping {@code position[0]} at where the input file's position goes (-1: nowhere). */
    public interface PositionedCalls {
        long run(long[] position) throws IOException;
    }

    /** {@link #untilSent}: the caller returns the progress it has so far. */
    public static final int RETURN_PROGRESS = Integer.MIN_VALUE;

    private final PosixLibrary library;
    private final Set<Feature> features;
    private final Set<Capability> capabilities;
    private final boolean sendfileToFiles;

    /**
     * Never throws.
     *
     * @param osNames         whether a lower-case {@code os.name} is this provider's system
     * @param sendfileToFiles whether sendfile also writes to a file channel (else to sockets only)
     */
    protected PosixProvider(String name, String system, String osDescription, Predicate<String> osNames,
            PosixLibrary library, Set<Feature> features, Set<Capability> capabilities, boolean sendfileToFiles) {
        super(name, system, cause(osDescription, osNames, library));
        this.library = library;
        this.features = features;
        this.capabilities = capabilities;
        this.sendfileToFiles = sendfileToFiles;
    }

    private static Throwable cause(String osDescription, Predicate<String> osNames, PosixLibrary library) {
        String os = System.getProperty("os.name", "");
        if (library.testLibrary() == null && !osNames.test(os.toLowerCase(Locale.ROOT))) {
            return new UnsupportedOperationException("not " + osDescription + ": " + os);
        }
        return library.failure().orElse(null);
    }

    @Override
    public final Set<Feature> features() {
        return isAvailable() ? features : Set.of();
    }

    @Override
    public final Set<Capability> capabilities() {
        return isAvailable() ? capabilities : Set.of();
    }

    @Override
    public final boolean accepts(Channel a, Channel b) {
        return accepts(Feature.SENDFILE, a, b) || accepts(Feature.COPY_RANGE, a, b);
    }

    @Override
    public final boolean accepts(Feature operation, Channel a, Channel b) {
        if (!isAvailable() || !features.contains(operation) || JdkChannelIo.kindOf(a) != ChannelKind.FILE) {
            return false;
        }
        ChannelKind out = JdkChannelIo.kindOf(b);
        return operation == Feature.SENDFILE ? out == ChannelKind.SOCKET || sendfileToFiles && out.isFile()
                : operation == Feature.COPY_RANGE && out.isFile();
    }

    /** The capability of this provider's library. */
    protected final JdkChannelIo io() {
        return library.io();
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        Step step = step(options);
        JdkChannels.ensureReadable(in);
        if (!(out instanceof SocketChannel socket)) {
            FileChannel file = (FileChannel) out;
            JdkChannels.ensureWritable(file);
            return toFile(in, offset, file, count, options);
        }
        JdkChannels.ensureConnected(socket);
        checkSocket(socket);
        boolean atPosition = offset == ZeroCopy.POSITION;
        boolean waits = socket.isBlocking() && waitsOutside(options);
        try (ChannelCall call = ChannelCall.of(io(), in, ChannelKind.FILE, socket, ChannelKind.SOCKET)
                .atPositionOf(atPosition ? in : null).open()) {
            // The file's position is read inside each attempt, under its position lock.
            return call.sendWhole(atPosition ? io().positionLock(in) : null, !waits, false, options.headers(),
                    options.trailers(), count, (nonBlocking, fileCount, fileDone) -> step.send(call,
                            atPosition ? position(call) : offset + fileDone, fileCount, !nonBlocking));
        }
    }

    /** The OS's step for these options, after refusing the flags it cannot honour. */
    protected abstract Step step(SendfileOptions options);

    /** Declines a socket the OS's call cannot write to before any byte moves; by default none. */
    protected void checkSocket(SocketChannel socket) throws IOException {
    }

    /** Declines a socket that is not TCP/IP before any byte moves, {@code only} saying which the OS's call takes. */
    protected static void inetOnly(SocketChannel socket, String only) throws IOException {
        if (!(socket.getLocalAddress() instanceof InetSocketAddress)) {
            throw new DeclinedException(only + ", not " + socket.getLocalAddress());
        }
    }

    /**
     * Whether a virtual thread's attempt that would wait returns 0 and parks outside it (by default); false keeps
     * the wait inside the step (a 0 that means something else, FreeBSD's SF_NODISKIO).
     */
    protected boolean waitsOutside(SendfileOptions options) {
        return true;
    }

    /**
     * The OS's sendfile into a file channel, where {@code sendfileToFiles}: one request on a call on two files, from
     * {@code start}, the input file's position moved past the file bytes when {@code movesPosition}.
     */
    protected long fileStep(ChannelCall call, long start, long count, boolean movesPosition, SendfileOptions options)
            throws IOException {
        throw declined("sendfile to a file");
    }

    private long toFile(FileChannel in, long offset, FileChannel file, long count, SendfileOptions options)
            throws IOException {
        if (!sendfileToFiles) {
            throw declined("sendfile to a file");
        }
        // Files only, so nothing waits for another channel: the whole call holds the position locks it uses (the
        // output is always written at its position).
        return holdingFiles(in, offset, file, ZeroCopy.POSITION, () -> {
            // A target starting inside the source range, after its start, may be one file's (the JDK shows no file
            // identity): the kernel's forward copy would overwrite source bytes before reading them. The next
            // provider copies such ranges as memmove does. Both positions read here are under locks this call holds.
            long inAt;
            long outAt;
            try {
                inAt = offset == ZeroCopy.POSITION ? in.position() : offset;
                outAt = file.position();
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException noPosition) {
                inAt = 0; // a FIFO or device has no position (ESPIPE): nothing to overlap; the call says the rest
                outAt = 0;
            }
            if (outAt > inAt && outAt - inAt < count) {
                throw new DeclinedException("sendfile to a file: the target range starts inside the source range, "
                        + "which within one file needs a copy last to first");
            }
            // One call enters a channel at both ends once.
            try (ChannelCall call = openFiles(in, file)) {
                long start = offset == ZeroCopy.POSITION ? call.seek(0, ChannelCall.SEEK_CUR) : offset;
                return fileStep(call, start, count, offset == ZeroCopy.POSITION, options);
            }
        });
    }

    /** One call on two files (one entry when they are the same channel), its file's positions held by the caller. */
    private ChannelCall openFiles(FileChannel in, FileChannel out) throws IOException {
        return ChannelCall.of(io(), in, ChannelKind.FILE, out, ChannelKind.FILE).open();
    }

    /** Holds the files' position locks where an offset is POSITION, for a call on files only (nothing to wait for). */
    private long holdingFiles(FileChannel in, long inOffset, FileChannel out, long outOffset,
            PositionLocks.Call body) throws IOException {
        return PositionLocks.holding(io(), PositionLocks.of(io(), in, inOffset), PositionLocks.of(io(), out, outOffset),
                PositionLocks.closingOn(in, out), body);
    }

    /**
     * copyRange with one OS call per request ({@code copy}, named {@code name}), between files only: nothing waits for
     * another channel, so the whole call holds the position locks it uses. EINTR retries; an errno {@code declines}
     * accepts is declined (the façade offers the copy to the next provider); 0 from the call is end of input.
     */
    protected final long copyWith(String name, FileChannel in, long inOffset, FileChannel out, long outOffset,
            long count, RangeCall copy, IntPredicate declines) throws IOException {
        JdkChannels.ensureReadable(in);
        JdkChannels.ensureWritable(out);
        return holdingFiles(in, inOffset, out, outOffset, () -> {
            long n;
            // One call enters a channel at both ends once.
            try (ChannelCall call = openFiles(in, out)) {
                long inStart = inOffset == ZeroCopy.POSITION ? call.seek(0, ChannelCall.SEEK_CUR) : inOffset;
                long outStart = outOffset == ZeroCopy.POSITION ? call.seekOutput(0, ChannelCall.SEEK_CUR) : outOffset;
                do {
                    n = fileWork(call, count, name,
                            () -> copy.copy(call.inFd(), inStart, call.outFd(), outStart, count));
                } while (n == -Errno.EINTR);
                // One channel at both ends has one position: at most one of the offsets is POSITION then, or the
                // copy overlaps itself and the kernel refuses it.
                if (n > 0 && inOffset == ZeroCopy.POSITION) {
                    call.seek(inStart + n, ChannelCall.SEEK_SET);
                }
                if (n > 0 && outOffset == ZeroCopy.POSITION) {
                    call.seekOutput(outStart + n, ChannelCall.SEEK_SET);
                }
            }
            if (n < 0 && declines.test((int) -n)) {
                throw new DeclinedException(name + ": " + Errno.name((int) -n));
            }
            if (n < 0) {
                throw Errno.exception(name, n);
            }
            return n == 0 ? -1 : n;
        });
    }

    /**
     * Makes a system call on {@code call}'s descriptors that may move up to {@code bytes} between files (0 when it is
     * bounded otherwise), traced as {@code name}, under the JDK's compensation for blocking file work
     * ({@link JdkChannelIo#beginFileWork}).
     */
    public final long fileWork(ChannelCall call, long bytes, String name, FileCall system) {
        // Only inside a call this provider opened: nothing else may run code under the JDK's compensation.
        if (call == null || !call.openedWith(io())) {
            throw new IllegalArgumentException("fileWork outside a call of this provider: " + call);
        }
        long work = io().beginFileWork(bytes);
        try {
            CallTrace.path(name);
            return system.run();
        } finally {
            io().endFileWork(work);
        }
    }

    /**
     * The kernel flags for the options, {@code bit} giving this system's value of each (0 where it has none): a hint
     * without one (MNOWAIT, NOCACHE) is ignored, a flag that changes what the call returns (NODISKIO, SYNC) refused,
     * {@code missing} saying why ("... is not supported " + missing + ", and the flag changes what the call returns").
     */
    protected static int kernelFlags(SendfileOptions options, ToIntFunction<SendfileFlag> bit,
            Function<SendfileFlag, String> missing) {
        int flags = 0;
        for (SendfileFlag flag : options.flags()) {
            int value = bit.applyAsInt(flag);
            if (value == 0 && (flag == SendfileFlag.NODISKIO || flag == SendfileFlag.SYNC)) {
                throw new UnsupportedOperationException("SendfileFlag." + flag + " is not supported "
                        + missing.apply(flag) + ", and the flag changes what the call returns");
            }
            flags |= value;
        }
        return flags;
    }

    /** The input file's position, read under the call (never FileChannel.position() while a call holds the file). */
    private static long position(ChannelCall call) throws IOException {
        return call.seek(0, ChannelCall.SEEK_CUR);
    }

    /** The input file's size; an fstat that fails is no evidence of end of file, so it reads as no end. */
    public final long fileSizeOrMax(ChannelCall call) {
        long size = PosixNative.fileSize(call.inFd());
        return size < 0 ? Long.MAX_VALUE : size;
    }

    /**
     * Writes the buffers to the call's output in order: all of them when it blocks, what it takes now when it does
     * not. A failure or a close after some bytes went out returns them, as the JDK's write does; the next call
     * reports it. An interrupt throws whatever went.
     */
    public final long writeAll(ChannelCall call, List<ByteBuffer> buffers, boolean blocking) throws IOException {
        long before = ByteBuffers.remaining(buffers);
        try {
            return call.writeAll("writev", library.buffers, buffers, !blocking,
                    (fd, v) -> PosixNative.writev(fd, v.buffers, v.positions, v.lengths, v.count()));
        } catch (NativeIOException | AsynchronousCloseException e) {
            long sent = before - ByteBuffers.remaining(buffers);
            // Unlike a call's end (endAfter), an error after bytes went is returned here too; the next call reports it.
            return e instanceof NativeIOException && sent > 0 ? sent : call.endAfter(e, sent);
        }
    }

    /**
     * Sends a file part through an OS's sendfile ({@link #untilSent}) whose call carries {@code headerBytes} of
     * headers, then {@code fileCount} file bytes from {@code start}, and whose count of bytes sent covers those and
     * nothing else; then ends the request ({@link #afterFile}). {@code total}: the request's bytes sent before.
     */
    public final long sendFilePart(ChannelCall call, String name, long total, boolean blocking,
            SendfileOptions options, long headerBytes, long start, long fileCount, SendCall send, Quirk quirk)
            throws IOException {
        long[] sent = new long[1];
        int rc = untilSent(call, name, total, blocking, sent, send, quirk);
        if (rc == RETURN_PROGRESS) {
            return total;
        }
        long fromHeaders = Math.min(sent[0], headerBytes);
        ByteBuffers.consume(options.headers(), fromHeaders);
        return afterFile(call, rc, start, sent[0] - fromHeaders, fileCount, total + sent[0], options, blocking);
    }

    /**
     * Makes an OS's sendfile ({@code send}, its name {@code name}) until it sends bytes or succeeds, {@code total}
     * bytes of the request sent before it. Returns 0, the -errno it sent bytes with, or {@link #RETURN_PROGRESS}
     * (non-blocking and nothing now, or the OS's quirk says so). A failure that sent nothing: the OS's {@code quirk}
     * first; then ENOTSOCK, ENOTSUP or EOPNOTSUPP before any byte of the request went declines the socket; EAGAIN and
     * EINTR retry or wait ({@link ChannelCall#shouldRetry}); anything else throws ({@link #sendfileFailure}).
     */
    private int untilSent(ChannelCall call, String name, long total, boolean blocking, long[] sent,
            SendCall send, Quirk quirk) throws IOException {
        while (true) {
            CallTrace.path(name);
            int rc = send.call(sent);
            if (rc == 0 || sent[0] > 0) {
                return rc;
            }
            rc = quirk.read(rc);
            if (rc == 0 || rc == RETURN_PROGRESS) {
                return rc;
            }
            if (total == 0 && (rc == -Errno.ENOTSOCK || rc == -Errno.ENOTSUP || rc == -Errno.EOPNOTSUPP)) {
                call.checkAsync(); // a closed channel is not one to hand to the next provider
                throw notThisSocket(name + "(2)", -rc);
            }
            if (rc != -Errno.EAGAIN && rc != -Errno.EINTR) {
                if (total > 0) {
                    // Headers already went out before this call: like the JDK's own writes, a call that moved
                    // bytes returns them, and the next one reports the failure (or the close).
                    return RETURN_PROGRESS;
                }
                throw sendfileFailure(call, -rc);
            }
            // A blocking channel whose descriptor the JDK drives non-blocking (virtual threads) waits here.
            if (!call.shouldRetry(name, rc, !blocking, call.outFd(), ChannelCall.POLLOUT, -1, 0)) {
                return RETURN_PROGRESS;
            }
        }
    }

    /**
     * Headers, then trailers, for a request with no file bytes to send: -1 when nothing went, the file has ended
     * ({@code count} &gt; 0) and nothing is left to write.
     */
    public final long withoutFile(ChannelCall call, SendfileOptions options, long count, boolean blocking)
            throws IOException {
        long total = writeAll(call, options.headers(), blocking);
        if (ByteBuffers.remaining(options.headers()) > 0) {
            return total;
        }
        total += writeAll(call, options.trailers(), blocking);
        return total == 0 && count > 0 && ByteBuffers.remaining(options.trailers()) == 0 ? -1 : total;
    }

    /**
     * The end of a request whose OS call carried its file part ({@code rc}, {@code fromFile} of {@code fileCount}
     * file bytes from {@code start}; {@code total} bytes sent so far): the position moves past the file bytes, and on
     * success whatever headers are left, then the trailers, are written. Success with fewer file bytes than asked for
     * is end of file; with trailers still to go it is not end of input (they go out on a later call), so -1 only when
     * nothing went and nothing is left.
     */
    private long afterFile(ChannelCall call, int rc, long start, long fromFile, long fileCount, long total,
            SendfileOptions options, boolean blocking) throws IOException {
        fileSent(call, start + fromFile, null);
        boolean endOfFile = rc == 0 && fromFile < fileCount;
        if (rc == 0) {
            total += writeAll(call, options.headers(), blocking);
            if (ByteBuffers.remaining(options.headers()) == 0) {
                total += writeAll(call, options.trailers(), blocking);
            }
        }
        return total == 0 && endOfFile && ByteBuffers.remaining(options.trailers()) == 0 ? -1 : total;
    }

    /**
     * The exception for a sendfile that failed with {@code errno}. A channel of the call closed meanwhile by another
     * thread (the JDK's close swaps a socket's descriptor for its pre-close marker, and the call then gets EPIPE,
     * ENOTCONN or EBADF) or an interrupt is reported first, as the JDK reports it: AsynchronousCloseException or
     * ClosedByInterruptException ({@link ChannelCall#checkAsync}). It checks "connected" before anything else, and a
     * peer's reset clears that state (the reset's error is usually taken by the call that saw it, which returned its
     * progress): the caller would get ENOTCONN on a channel the JDK still calls connected, where a write gets EPIPE.
     * The socket's pending error is reported if it has one, else EPIPE with the reason spelled out.
     */
    private NativeIOException sendfileFailure(ChannelCall call, int errno) throws IOException {
        call.checkAsync();
        if (errno == Errno.ENOTCONN && ((SocketChannel) call.output()).isConnected()) {
            int pending = PosixNative.socketError(call.outFd());
            if (pending > 0) {
                return Errno.exception("sendfile", -pending);
            }
            return new NativeIOException("sendfile", Errno.EPIPE, "EPIPE", "Broken pipe: the "
                    + "peer dropped the connection, and this sendfile reports ENOTCONN for a socket a reset has "
                    + "disconnected");
        }
        return Errno.exception("sendfile", -errno);
    }

    /**
     * At the input file's position, moves it past the file bytes sent ({@code position}); after a failure
     * ({@code failure} not null), whose exception matters more, a failure to move it is added to that exception.
     */
    private void fileSent(ChannelCall call, long position, Throwable failure) throws IOException {
        if (call.positioned()) {
            call.seekAfter(position, failure);
        }
    }

    /**
     * Runs a request's calls, then, when {@code moves}, moves the input file's position to where they left it
     * ({@link PositionedCalls}), also after a failure, whose exception matters more (a failure to move is added to it).
     */
    public final long movingPosition(ChannelCall call, boolean moves, PositionedCalls calls) throws IOException {
        long[] position = {-1};
        Throwable failure = null;
        try {
            return calls.run(position);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            if (moves && position[0] >= 0) {
                call.seekAfter(position[0], failure);
            }
        }
    }

    /** Declines a socket the call will not write to, naming the errno. */
    private DeclinedException notThisSocket(String call, int errno) {
        return new DeclinedException(call + " will not write to this socket: " + Errno.name(errno));
    }
}

package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The POSIX providers' base (FreeBSD, macOS, Solaris, AIX), the JDK's unix-base-and-small-subclass shape: it owns
 * the name, the OS match, {@code accepts}, the call skeleton (one {@link ChannelCall} per sendfile, its attempts, the
 * file's position) and the helpers every header/file/trailer split uses (write-all, file size, the socket's pending
 * error).
 * Each OS supplies its sendfile step ({@link Step}) and its errno quirks.
 */
public abstract class PosixProvider extends JdkChannelProvider {
    /** A provider native class's own {@code channelIo()}: the capability its library made for that class. */
    public interface IoSource {
        JdkChannelIo io();
    }

    /** Opens a call (a subclass hands its helpers one without handing out the capability). */
    public interface Opener {
        ChannelCall open() throws IOException;
    }

    /** One attempt of an OS's sendfile into the call's socket, from {@code start} in the file. */
    public interface Step {
        /** Bytes sent (headers, file and trailers), 0, or -1 at end of input. */
        long send(ChannelCall call, long start, long count, boolean blocking) throws IOException;
    }

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

    /**
     * Whether a virtual thread's attempt that would wait returns 0 and parks outside it (by default); false keeps
     * the wait inside the step (a 0 that means something else, FreeBSD's SF_NODISKIO).
     */
    protected boolean waitsOutside(SendfileOptions options) {
        return true;
    }

    /** Sendfile into a file channel, where {@code sendfileToFiles}; the OS's provider overrides it. */
    protected long toFile(FileChannel in, long offset, FileChannel out, long count, SendfileOptions options)
            throws IOException {
        throw declined("sendfile to a file");
    }

    /** One call on two files (one entry when they are the same channel), its file's positions held by the caller. */
    protected final ChannelCall openFiles(FileChannel in, FileChannel out) throws IOException {
        return ChannelCall.of(io(), in, ChannelKind.FILE, out, ChannelKind.FILE).open();
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
     * not. A failure after some bytes went out returns them; the next call reports it.
     */
    public final long writeAll(ChannelCall call, List<ByteBuffer> buffers, boolean blocking) throws IOException {
        long before = ByteBuffers.remaining(buffers);
        try {
            return call.writeAll("writev", library.buffers, buffers, !blocking,
                    (fd, v) -> PosixNative.writev(fd, v.buffers, v.positions, v.lengths, v.count()));
        } catch (NativeIOException e) {
            long sent = before - ByteBuffers.remaining(buffers);
            if (sent > 0) {
                return sent;
            }
            throw e;
        }
    }

    /**
     * The exception for a sendfile that failed with {@code errno}. It checks "connected" before anything else, and a
     * peer's reset clears that state (the reset's error is usually taken by the call that saw it, which returned its
     * progress): the caller would get ENOTCONN on a channel the JDK still calls connected, where a write gets EPIPE.
     * The socket's pending error is reported if it has one, else EPIPE with the reason spelled out.
     */
    public final NativeIOException sendfileFailure(ChannelCall call, int errno) {
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
    public final void fileSent(ChannelCall call, long position, Throwable failure) throws IOException {
        if (call.positioned()) {
            call.seekAfter(position, failure);
        }
    }

    /** Declines a socket the call will not write to, naming the errno. */
    public final DeclinedException notThisSocket(String call, int errno) {
        return new DeclinedException(call + " will not write to this socket: " + Errno.name(errno));
    }
}

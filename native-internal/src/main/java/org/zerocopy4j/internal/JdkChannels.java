package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The JDK channel classes whose descriptors a provider reads (by class identity, so subclasses and wrappers are
 * declined), and the descriptors held for one call through the JDK's own protocol for I/O in progress
 * ({@link JdkChannelIo}): close() from another thread signals the call (or wakes the virtual thread parked in it) and
 * frees no number until it has left.
 * Shared by the providers whose native code is built on native-common.
 */
public final class JdkChannels {
    /** Scratch for the leases' writes: private, as only a lease, which the capability hands out, writes. */
    private static final DirectBufferPool BUFFERS = new DirectBufferPool();

    private final Class<?> fileClass;
    private final Class<?> socketClass;

    /** Call only once the provider's library loaded and {@link ProviderLibrary#load} found the protocol complete. */
    public JdkChannels() {
        fileClass = JdkChannelIo.channelClass(JdkChannelIo.FILE);
        socketClass = JdkChannelIo.channelClass(JdkChannelIo.SOCKET);
    }

    public boolean isFile(Channel c) {
        return c.getClass() == fileClass;
    }

    public boolean isSocket(Channel c) {
        return c.getClass() == socketClass;
    }

    public static void ensureReadable(FileChannel file) {
        if (!JdkChannelIo.isReadable(file)) {
            throw new NonReadableChannelException();
        }
    }

    public static void ensureWritable(FileChannel file) {
        if (!JdkChannelIo.isWritable(file)) {
            throw new NonWritableChannelException();
        }
    }

    public static void ensureConnected(SocketChannel socket) {
        if (!socket.isConnected()) {
            throw new NotYetConnectedException();
        }
    }

    /**
     * What a call whose channel was closed under it throws: ClosedByInterruptException when the thread was
     * interrupted (the interrupt is what closed it), else AsynchronousCloseException.
     */
    public static AsynchronousCloseException closedMidCall() {
        return Thread.currentThread().isInterrupted() ? new ClosedByInterruptException()
                : new AsynchronousCloseException();
    }

    /**
     * Throws {@link #closedMidCall()} when either channel was closed: called after a wakeup (EINTR, a poll slice),
     * because a close of either end (the file too) is what signals a blocked call.
     */
    public static void ensureOpen(Channel a, Channel b) throws AsynchronousCloseException {
        if (!a.isOpen() || (b != null && !b.isOpen())) {
            throw closedMidCall();
        }
    }

    /**
     * Descriptors for one call; closing releases them. While a lease is held, the file channel's own methods that
     * take part in the JDK's protocol (position(), size()) must not be called: an interrupt makes them close the
     * channel on this very thread, and close() waits for the slot this thread holds, forever. A call at the file's
     * position reads and moves it with lseek under the lease instead ({@link #fileStart}, {@link #setPosition}), as
     * FileChannel.position() itself does, so reading, sending and moving stay under the socket's write lock.
     */
    public static final class Lease implements AutoCloseable {
        private static final long SLICE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                Watchdog.PERIOD_MILLIS);
        private static final int SEEK_SET = 0;
        private static final int SEEK_CUR = 1;

        private final JdkChannelIo io;
        private final FileChannel fileChannel;
        /** The file's entry; at the file's position only inside an attempt ({@link #attempts}), else null. */
        private JdkChannelIo.Entry file;
        private final JdkChannelIo.Entry socket;
        /**
         * The file channel's descriptor, valid until close; for a call at the file's position, inside an attempt
         * only ({@link #attempts}), and -1 outside.
         */
        public int fileFd;
        /** The socket channel's descriptor, valid until close, or -1 for a file-only lease. */
        public final int socketFd;
        /** The offset the call was given, or for ZeroCopy.POSITION the file's position (see {@link #fileStart()}). */
        private long fileStart;
        /** Whether {@link #attempts} moved anything: the JDK's end step is told, as its own calls tell it. */
        private boolean completed;

        private Lease(JdkChannelIo io, FileChannel fileChannel, JdkChannelIo.Entry file, JdkChannelIo.Entry socket,
                long offset) throws IOException {
            this.io = io;
            this.fileChannel = fileChannel;
            this.file = file;
            this.socket = socket;
            this.fileFd = file == null ? -1 : file.fd;
            this.socketFd = socket == null ? -1 : socket.fd;
            this.fileStart = offset == ZeroCopy.POSITION && file != null ? seek(0, SEEK_CUR) : offset;
        }

        /**
         * The offset the call was given; for ZeroCopy.POSITION the file's position when the lease was taken, or,
         * inside {@link #attempts}, when the attempt began.
         */
        public long fileStart() {
            return fileStart;
        }

        /** One attempt of a call of {@code count} file bytes; {@code blocking}: whether it may wait for the socket. */
        public interface Attempt {
            long run(boolean blocking, long count) throws IOException;
        }

        /**
         * Runs a call (file to socket) in attempts that never wait while holding anything but the lease. On a virtual
         * thread (whose socket descriptor the JDK made non-blocking) an attempt that would wait returns 0 having
         * moved nothing and having given back what it borrowed (the pooled scratch for heap headers); the thread
         * then parks, the JDK's way, and tries again. A platform thread's blocking socket waits in the kernel.
         *
         * <p>At the file's position ({@code offset} is ZeroCopy.POSITION) each attempt also holds the channel's
         * position lock ({@link PositionLocks}) and, inside it, the file's thread-set slot (the JDK's order: one of
         * its calls interrupted inside the lock closes the channel and waits for every slot, so a slot held while
         * waiting for the lock would deadlock); it reads the position into {@link #fileStart()} and moves it before
         * it returns, so the call is atomic with the channel's own position-dependent calls. A platform thread's
         * blocking socket then waits in the kernel holding the lock, as FileChannel.read of a FIFO does: until the
         * kernel says how much moved, no one else may take the position (the README lists it).
         *
         * <p>A non-blocking attempt on a virtual thread may leave the headers or trailers part-sent, which a blocking
         * call never does, so the call goes on until they are out; the file part shrinks by what each attempt sent
         * (and may come short, as any virtual thread's send towards a full socket does).
         *
         * @param blocking whether the caller waits (a blocking socket) rather than reporting "nothing now"
         */
        public long attempts(long offset, long count, SendfileOptions options, boolean blocking, Attempt attempt)
                throws IOException {
            long n = attemptsUntilDone(offset, count, options, blocking, attempt);
            completed |= n > 0;
            return n;
        }

        private long attemptsUntilDone(long offset, long count, SendfileOptions options, boolean blocking,
                Attempt attempt) throws IOException {
            boolean parksOutside = blocking && socket != null && Watchdog.isVirtual(Thread.currentThread());
            if (!parksOutside) {
                return attempts(offset, blocking, false, c -> attempt.run(blocking, c), count);
            }
            WholeParts parts = new WholeParts(options.headers(), options.trailers(), count);
            while (true) {
                long n = attempts(offset, blocking, true, c -> attempt.run(false, c), parts.nextCount());
                if (n < 0) {
                    return parts.endOfInput();
                }
                long fileSent = parts.record(n);
                if (offset != ZeroCopy.POSITION) {
                    fileStart += fileSent; // at the position the next attempt reads the moved position instead
                }
                if (parts.done()) {
                    return parts.total();
                }
            }
        }

        private interface Counted {
            long run(long count) throws IOException;
        }

        /** Attempts until one moves something (or, when not {@code parksOutside}, once). */
        private long attempts(long offset, boolean blocking, boolean parksOutside, Counted attempt, long count)
                throws IOException {
            Object lock = offset == ZeroCopy.POSITION ? io.positionLock(fileChannel) : null;
            while (true) {
                long n;
                if (lock == null) {
                    n = attempt.run(count);
                } else {
                    // The gate first: another call at this position may hold the lock while its slow peer lets it
                    // wait; the wait for the gate ends on a close or an interrupt, a wait for the monitor would not.
                    try (PositionLocks.Gate gate = PositionLocks.enterGate(io, lock,
                            this::checkWhileWaitingAtPosition)) {
                        n = underPositionLock(lock, attempt, count);
                    }
                }
                if (n != 0 || !parksOutside) {
                    return n;
                }
                awaitWritable();
            }
        }

        /** An interrupt closes the file as the JDK's own calls at its position do, and ends the wait. */
        private void checkWhileWaitingAtPosition() throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                ClosedByInterruptException e = new ClosedByInterruptException();
                closeBoth(fileChannel, socket == null ? null : (SocketChannel) socket.channel, e);
                throw e;
            }
            ensureOpen();
        }

        private long underPositionLock(Object lock, Counted attempt, long count) throws IOException {
            synchronized (lock) {
                // After a wait that may have been long: a close or interrupt meanwhile ends the call before any byte
                // moves on a channel already closed.
                checkWhileWaitingAtPosition();
                JdkChannelIo.Entry entered = file == null
                        ? io.reenter(fileChannel, JdkChannelIo.FILE, false) : null;
                if (entered != null) {
                    file = entered;
                    fileFd = entered.fd;
                }
                try {
                    fileStart = seek(0, SEEK_CUR);
                    return attempt.run(count);
                } finally {
                    if (entered != null) {
                        file = null;
                        fileFd = -1;
                        io.end(entered, false);
                    }
                }
            }
        }

        /**
         * The file's descriptor only, for a call that does not use {@link #fileStart} (it is 0 then). Every lease is
         * taken through the capability ({@link JdkChannelIo}), whose steps it performs.
         */
        public static Lease of(JdkChannelIo io, FileChannel file) throws IOException {
            return of(io, file, 0);
        }

        /** The file's descriptor, for a call at {@code offset} (or at its position). */
        public static Lease of(JdkChannelIo io, FileChannel file, long offset) throws IOException {
            JdkChannelIo.Entry f = io.begin(file, JdkChannelIo.FILE, false);
            try {
                return new Lease(io, file, f, null, offset);
            } catch (Throwable t) {
                release(io, t, null, f);
                throw t;
            }
        }

        /**
         * The file to read from {@code offset} (or from its position, in {@link #attempts} only) and the socket to
         * write.
         */
        public static Lease of(JdkChannelIo io, FileChannel file, long offset, SocketChannel socket)
                throws IOException {
            // The socket first: its write lock may be held by another writer blocked on a full socket, and waiting
            // for it while in the file's thread set would hold up the file's close() (the JDK's order: a file's
            // slot is only taken for work that will not wait on another channel's lock).
            // The wait for the lock ends on a close of either channel or an interrupt (the JDK's own lock() would
            // wait for the other writer, which a slow peer may hold up for ever).
            JdkChannelIo.Entry s;
            try {
                s = io.begin(io.lock(socket, JdkChannelIo.SOCKET, true,
                        () -> checkWhileWaiting(file, socket)));
            } catch (ClosedByInterruptException e) {
                closeBoth(file, socket, e);
                throw e;
            }
            JdkChannelIo.Entry f = null;
            try {
                if (offset == ZeroCopy.POSITION && !file.isOpen()) {
                    throw new ClosedChannelException();
                }
                f = offset == ZeroCopy.POSITION ? null : io.begin(file, JdkChannelIo.FILE, false);
                return new Lease(io, file, f, s, offset);
            } catch (Throwable t) {
                release(io, t, s, f);
                throw t;
            }
        }

        /** While waiting for the socket's lock: an interrupt or a close of either channel ends the call. */
        private static void checkWhileWaiting(FileChannel file, SocketChannel socket) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new ClosedByInterruptException(); // the file is interruptible whatever the socket's mode
            }
            if (!file.isOpen() || !socket.isOpen()) {
                throw new AsynchronousCloseException();
            }
        }

        /** An interrupted call closes both channels, as the JDK's transfers and the providers' calls do. */
        private static void closeBoth(FileChannel file, SocketChannel socket, Throwable t) {
            for (Channel c : new Channel[] {file, socket}) {
                if (c == null || !ChannelKinds.isBlocking(c)) {
                    continue; // an interrupt closes only what it interrupts: files and blocking channels
                }
                try {
                    c.close();
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
            }
        }

        /** Ends the entries taken before {@code t} was thrown; what ending them throws is added to it. */
        private static void release(JdkChannelIo io, Throwable t, JdkChannelIo.Entry s, JdkChannelIo.Entry f) {
            for (JdkChannelIo.Entry e : new JdkChannelIo.Entry[] {s, f}) {
                if (e != null) {
                    try {
                        io.end(e, false);
                    } catch (IOException | RuntimeException suppressed) {
                        t.addSuppressed(suppressed);
                    }
                }
            }
        }

        /** Moves the file's position, under the lease (a call at ZeroCopy.POSITION, after what it sent). */
        public void setPosition(long position) throws IOException {
            setPosition(position, null);
        }

        /**
         * {@link #setPosition} at the end of a call that may have failed ({@code failure} null when it did not): the
         * position moves past what was sent either way, and after a failure, whose exception matters more, a failure
         * to move it is added to that exception instead of replacing it.
         */
        public void setPosition(long position, Throwable failure) throws IOException {
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

        /** The file's position now, read under the lease. */
        public long position() throws IOException {
            return seek(0, SEEK_CUR);
        }

        private long seek(long offset, int whence) throws IOException {
            long r = PosixNative.seek(fileFd, offset, whence);
            if (r < 0 && r == -Errno.ESPIPE) {
                // Only a descriptor that cannot seek at all gives ESPIPE (a FIFO, or /dev/stdin as a pipe, opened as
                // a FileChannel), and for it the call's first seek fails, before any byte moves: the next provider
                // reads it as a stream.
                throw new DeclinedException("lseek: ESPIPE: the file channel is a pipe, FIFO or socket, which the "
                        + "system's file calls cannot read or write at its position");
            }
            if (r < 0) {
                throw Errno.exception("lseek", r);
            }
            return r;
        }

        /** The socket's pending error (SO_ERROR, cleared by reading it): errno, 0 for none, or -errno. */
        public int socketError() {
            return PosixNative.socketError(socketFd);
        }

        /** The file's size; an fstat that fails is no evidence of end of file, so it reads as no end. */
        public long fileSizeOrMax() {
            long size = PosixNative.fileSize(fileFd);
            return size < 0 ? Long.MAX_VALUE : size;
        }

        /**
         * Writes the buffers to the socket in order: all of them when it blocks, what it takes now when it does not.
         * A failure after some bytes went out returns them; the next call reports it.
         */
        public long writeAll(List<ByteBuffer> buffers, boolean blocking) throws IOException {
            long total = 0;
            while (ByteBuffers.remaining(buffers) > 0) {
                long n;
                try (IoVectors v = IoVectors.of(BUFFERS, buffers)) {
                    n = PosixNative.writev(socketFd, v.buffers, v.positions, v.lengths, v.count());
                }
                if (n > 0) {
                    ByteBuffers.consume(buffers, n);
                    total += n;
                } else if (n == -Errno.EAGAIN) {
                    if (!blocking) {
                        break;
                    }
                    awaitWritable();
                } else if (n == -Errno.EINTR) {
                    ensureOpen();
                } else {
                    if (total > 0) {
                        break;
                    }
                    throw Errno.exception("writev", n);
                }
            }
            return total;
        }

        /**
         * Waits a slice, the JDK's way, for the socket to take bytes (a blocking channel whose descriptor the JDK
         * drives non-blocking, as for virtual threads, which park and free their carrier), then checks close and
         * interrupt.
         */
        public void awaitWritable() throws IOException {
            io.park(socket, SLICE_NANOS);
            ensureOpen();
        }

        /** Throws {@link #closedMidCall()} when the file or the socket was closed: call it after every wakeup. */
        public void ensureOpen() throws AsynchronousCloseException {
            JdkChannels.ensureOpen(fileChannel, socket == null ? null : socket.channel);
        }

        /**
         * Leaves the JDK's protocol. A blocking socket closed by another thread during a call that moved nothing
         * ends it with AsynchronousCloseException, or ClosedByInterruptException when an interrupt closed it, as the
         * JDK's own write does; a call that moved bytes returns their count, as the JDK's write does.
         */
        @Override
        public void close() throws AsynchronousCloseException {
            try {
                if (socket != null) {
                    io.end(socket, completed);
                }
            } finally {
                if (file != null) {
                    io.end(file, completed);
                }
            }
        }
    }
}

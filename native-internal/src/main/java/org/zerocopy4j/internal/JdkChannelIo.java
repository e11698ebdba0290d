package org.zerocopy4j.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
 * The steps are the JDK's private methods, reached through method handles resolved once from the JVM's own lookup,
 * which the provider's native library reads (JNI is not bound by module encapsulation, so no --add-opens is needed).
 * The lookup is used only while resolving and is not kept. The handles are constants, so the JIT inlines the whole
 * protocol: it costs about as much as the JDK's own bookkeeping around a read, far less than duplicating the
 * descriptor. A JDK whose classes lack any of these members leaves the protocol unavailable ({@link #failure()}),
 * and the provider declines to serve rather than run unprotected.
 */
public final class JdkChannelIo {
    /** Channel kinds by class identity; subclasses and wrappers are {@link #UNKNOWN}. */
    public static final int UNKNOWN = 0;
    public static final int FILE = 1;
    public static final int SOCKET = 2;
    public static final int PIPE_SOURCE = 3;
    public static final int PIPE_SINK = 4;

    private static volatile Supplier<Object> lookupSource;

    private JdkChannelIo() {
    }

    /**
     * Resolves the protocol with the JVM's lookup, which {@code source} returns (a provider's native library reads
     * it); later calls, from any provider, reuse the first resolution.
     *
     * @return null when the protocol is ready, else why it is not
     */
    public static Throwable install(Supplier<Object> source) {
        if (lookupSource == null) {
            lookupSource = Objects.requireNonNull(source, "source");
        }
        return Handles.FAILURE;
    }

    /** Null when {@link #install} resolved everything, else why not (also when nothing was installed yet). */
    public static Throwable failure() {
        return lookupSource == null ? new IllegalStateException("no provider installed the JDK lookup")
                : Handles.FAILURE;
    }

    /** The {@code FILE}...{@code PIPE_SINK} kind of a channel, or {@link #UNKNOWN}. */
    public static int kindOf(Channel channel) {
        if (lookupSource == null) {
            return UNKNOWN; // resolving now, without the lookup, would fail for good
        }
        Class<?> type = channel.getClass();
        if (type == Handles.FILE_CLASS) {
            return FILE;
        }
        if (type == Handles.SOCKET_CLASS) {
            return SOCKET;
        }
        if (type == Handles.SOURCE_CLASS) {
            return PIPE_SOURCE;
        }
        if (type == Handles.SINK_CLASS) {
            return PIPE_SINK;
        }
        return UNKNOWN;
    }

    /** The JDK class of a kind, or null before a successful {@link #install}. */
    public static Class<?> channelClass(int kind) {
        if (lookupSource == null) {
            return null;
        }
        return switch (kind) {
            case FILE -> Handles.FILE_CLASS;
            case SOCKET -> Handles.SOCKET_CLASS;
            case PIPE_SOURCE -> Handles.SOURCE_CLASS;
            case PIPE_SINK -> Handles.SINK_CLASS;
            default -> null;
        };
    }

    /** Whether a file channel (kind {@link #FILE}) was opened for reading. */
    public static boolean isReadable(Channel file) {
        try {
            return (boolean) Handles.FILE_READABLE.invokeExact(file);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** Whether a file channel (kind {@link #FILE}) was opened for writing. */
    public static boolean isWritable(Channel file) {
        try {
            return (boolean) Handles.FILE_WRITABLE.invokeExact(file);
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
        final int kind;
        final boolean write;
        /** File: the thread-set slot. */
        final int slot;
        /** Socket or pipe: the read or write lock held until {@link #end}. */
        final ReentrantLock lock;
        /** Socket or pipe: the mode the JDK's begin step was told, fixed while the lock is held. */
        public final boolean blocking;
        public final int fd;

        Entry(Channel channel, int kind, boolean write, int slot, ReentrantLock lock, boolean blocking, int fd) {
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
    public static Entry begin(Channel channel, int kind, boolean write) throws IOException {
        try {
            if (kind == FILE) {
                if (Thread.currentThread().isInterrupted()) {
                    // As the JDK's own file I/O does: an interrupted thread's call closes the channel.
                    channel.close();
                    throw new ClosedByInterruptException();
                }
                Object threads = Handles.FILE_THREADS.invokeExact(channel);
                int slot = (int) Handles.THREADS_ADD.invokeExact(threads);
                int fd = (int) Handles.FILE_FD.invokeExact(channel);
                if (fd < 0 || !channel.isOpen()) {
                    Handles.THREADS_REMOVE.invokeExact(threads, slot);
                    throw new ClosedChannelException();
                }
                return new Entry(channel, kind, false, slot, null, true, fd);
            }
            ReentrantLock lock = lock(channel, kind, write);
            lock.lock();
            try {
                // Under the lock: a non-blocking close() marks the channel closed, then waits for the lock.
                if (!channel.isOpen()) {
                    throw new ClosedChannelException();
                }
                boolean blocking = ((AbstractSelectableChannel) channel).isBlocking();
                try {
                    begin(channel, kind, write, blocking);
                } catch (Throwable t) {
                    // The JDK ends in a finally block, whose exception (interrupt, close) replaces the begin's.
                    endStep(channel, kind, write, blocking, false);
                    throw t;
                }
                return new Entry(channel, kind, write, 0, lock, blocking, fdVal(channel, kind));
            } catch (Throwable t) {
                lock.unlock();
                throw t;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * Leaves the call: the JDK's end step, which throws AsynchronousCloseException when the channel was closed
     * meanwhile and nothing moved, or ClosedByInterruptException when an interrupt closed it; the lock is released
     * either way.
     *
     * @param completed whether the call moved anything (the JDK's own meaning)
     */
    public static void end(Entry entry, boolean completed) throws AsynchronousCloseException {
        Channel channel = entry.channel;
        if (entry.kind == FILE) {
            try {
                Object threads = Handles.FILE_THREADS.invokeExact(channel);
                Handles.THREADS_REMOVE.invokeExact(threads, entry.slot);
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

    private static ReentrantLock lock(Channel channel, int kind, boolean write) throws Throwable {
        return switch (kind) {
            case SOCKET -> write ? (ReentrantLock) Handles.SOCKET_WRITE_LOCK.invokeExact(channel)
                    : (ReentrantLock) Handles.SOCKET_READ_LOCK.invokeExact(channel);
            case PIPE_SINK -> (ReentrantLock) Handles.SINK_LOCK.invokeExact(channel);
            case PIPE_SOURCE -> (ReentrantLock) Handles.SOURCE_LOCK.invokeExact(channel);
            default -> throw new IllegalArgumentException("not a socket or pipe channel: " + channel.getClass());
        };
    }

    private static void begin(Channel channel, int kind, boolean write, boolean blocking) throws Throwable {
        switch (kind) {
            case SOCKET -> {
                if (write) {
                    Handles.SOCKET_BEGIN_WRITE.invokeExact(channel, blocking);
                } else {
                    Handles.SOCKET_BEGIN_READ.invokeExact(channel, blocking);
                }
            }
            case PIPE_SINK -> Handles.SINK_BEGIN.invokeExact(channel, blocking);
            default -> Handles.SOURCE_BEGIN.invokeExact(channel, blocking);
        }
    }

    private static void endStep(Channel channel, int kind, boolean write, boolean blocking, boolean completed)
            throws AsynchronousCloseException {
        try {
            switch (kind) {
                case SOCKET -> {
                    if (write) {
                        Handles.SOCKET_END_WRITE.invokeExact(channel, blocking, completed);
                    } else {
                        Handles.SOCKET_END_READ.invokeExact(channel, blocking, completed);
                    }
                }
                case PIPE_SINK -> Handles.SINK_END.invokeExact(channel, blocking, completed);
                default -> Handles.SOURCE_END.invokeExact(channel, blocking, completed);
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
            return (long) Handles.NATIVE_THREAD_CURRENT.invokeExact();
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /**
     * Sends the JDK's wakeup signal to a native thread from {@link #currentNativeThread()}, as close() does for the
     * threads it records: its handler does nothing and does not restart calls, so a blocked call returns EINTR.
     */
    static void signal(long nativeThread) {
        try {
            Handles.NATIVE_THREAD_SIGNAL.invokeExact(nativeThread);
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

    private static int fdVal(Channel channel, int kind) throws Throwable {
        return switch (kind) {
            case SOCKET -> (int) Handles.SOCKET_FD.invokeExact(channel);
            case PIPE_SINK -> (int) Handles.SINK_FD.invokeExact(channel);
            default -> (int) Handles.SOURCE_FD.invokeExact(channel);
        };
    }

    /** Constant method handles, so the JIT inlines them; resolved when a provider first installs the lookup. */
    private static final class Handles {
        static final Throwable FAILURE;
        static final Class<?> FILE_CLASS;
        static final Class<?> SOCKET_CLASS;
        static final Class<?> SOURCE_CLASS;
        static final Class<?> SINK_CLASS;
        /** (Channel)Object: FileChannelImpl.threads. */
        static final MethodHandle FILE_THREADS;
        /** (Object)int: NativeThreadSet.add(). */
        static final MethodHandle THREADS_ADD;
        /** (Object,int)void: NativeThreadSet.remove(int). */
        static final MethodHandle THREADS_REMOVE;
        /** (Channel)int: FileChannelImpl.fd.fd, -1 once closed. */
        static final MethodHandle FILE_FD;
        /** (Channel)ReentrantLock. */
        static final MethodHandle SOCKET_READ_LOCK;
        static final MethodHandle SOCKET_WRITE_LOCK;
        static final MethodHandle SOURCE_LOCK;
        static final MethodHandle SINK_LOCK;
        /** (Channel,boolean)void. */
        static final MethodHandle SOCKET_BEGIN_READ;
        static final MethodHandle SOCKET_BEGIN_WRITE;
        static final MethodHandle SOURCE_BEGIN;
        static final MethodHandle SINK_BEGIN;
        /** (Channel,boolean,boolean)void. */
        static final MethodHandle SOCKET_END_READ;
        static final MethodHandle SOCKET_END_WRITE;
        static final MethodHandle SOURCE_END;
        static final MethodHandle SINK_END;
        /** (Channel)int: fdVal. */
        static final MethodHandle SOCKET_FD;
        static final MethodHandle SOURCE_FD;
        static final MethodHandle SINK_FD;
        /** ()long: NativeThread.current0() (current() on JDK 17): the platform thread under the caller. */
        static final MethodHandle NATIVE_THREAD_CURRENT;
        /** (long)void: NativeThread.signal0(long) (signal(long) on JDK 17). */
        static final MethodHandle NATIVE_THREAD_SIGNAL;
        /** (Channel)boolean: FileChannelImpl.readable and .writable. */
        static final MethodHandle FILE_READABLE;
        static final MethodHandle FILE_WRITABLE;

        static {
            Resolver r = new Resolver();
            FAILURE = r.failure;
            FILE_CLASS = r.fileClass;
            SOCKET_CLASS = r.socketClass;
            SOURCE_CLASS = r.sourceClass;
            SINK_CLASS = r.sinkClass;
            FILE_THREADS = r.handles[0];
            THREADS_ADD = r.handles[1];
            THREADS_REMOVE = r.handles[2];
            FILE_FD = r.handles[3];
            SOCKET_READ_LOCK = r.handles[4];
            SOCKET_WRITE_LOCK = r.handles[5];
            SOURCE_LOCK = r.handles[6];
            SINK_LOCK = r.handles[7];
            SOCKET_BEGIN_READ = r.handles[8];
            SOCKET_BEGIN_WRITE = r.handles[9];
            SOURCE_BEGIN = r.handles[10];
            SINK_BEGIN = r.handles[11];
            SOCKET_END_READ = r.handles[12];
            SOCKET_END_WRITE = r.handles[13];
            SOURCE_END = r.handles[14];
            SINK_END = r.handles[15];
            SOCKET_FD = r.handles[16];
            SOURCE_FD = r.handles[17];
            SINK_FD = r.handles[18];
            NATIVE_THREAD_CURRENT = r.handles[19];
            NATIVE_THREAD_SIGNAL = r.handles[20];
            FILE_READABLE = r.handles[21];
            FILE_WRITABLE = r.handles[22];
        }
    }

    /** Looks every member up; on any failure all handles stay null and {@link #failure} says which was missing. */
    private static final class Resolver {
        Throwable failure;
        Class<?> fileClass;
        Class<?> socketClass;
        Class<?> sourceClass;
        Class<?> sinkClass;
        final MethodHandle[] handles = new MethodHandle[23];

        Resolver() {
            try {
                Supplier<Object> source = lookupSource;
                Object lookup = source == null ? null : source.get();
                if (!(lookup instanceof MethodHandles.Lookup)) {
                    throw new IllegalStateException("the native library did not return the JVM's lookup");
                }
                resolve((MethodHandles.Lookup) lookup);
            } catch (Throwable t) {
                failure = t;
                fileClass = socketClass = sourceClass = sinkClass = null;
                java.util.Arrays.fill(handles, null);
            }
        }

        private void resolve(MethodHandles.Lookup jvm) throws ReflectiveOperationException {
            fileClass = jvm.findClass("sun.nio.ch.FileChannelImpl");
            socketClass = jvm.findClass("sun.nio.ch.SocketChannelImpl");
            sourceClass = jvm.findClass("sun.nio.ch.SourceChannelImpl");
            sinkClass = jvm.findClass("sun.nio.ch.SinkChannelImpl");
            Class<?> threadSet = jvm.findClass("sun.nio.ch.NativeThreadSet");
            MethodHandle threads = jvm.findGetter(fileClass, "threads", threadSet);
            handles[0] = erase(threads, MethodType.methodType(Object.class, Channel.class));
            handles[1] = erase(jvm.findVirtual(threadSet, "add", MethodType.methodType(int.class)),
                    MethodType.methodType(int.class, Object.class));
            handles[2] = erase(jvm.findVirtual(threadSet, "remove", MethodType.methodType(void.class, int.class)),
                    MethodType.methodType(void.class, Object.class, int.class));
            MethodHandle descriptor = jvm.findGetter(fileClass, "fd", java.io.FileDescriptor.class);
            MethodHandle number = jvm.findGetter(java.io.FileDescriptor.class, "fd", int.class);
            handles[3] = erase(MethodHandles.filterReturnValue(descriptor, number),
                    MethodType.methodType(int.class, Channel.class));
            MethodType flagType = MethodType.methodType(boolean.class, Channel.class);
            handles[21] = erase(jvm.findGetter(fileClass, "readable", boolean.class), flagType);
            handles[22] = erase(jvm.findGetter(fileClass, "writable", boolean.class), flagType);
            MethodType lockType = MethodType.methodType(ReentrantLock.class, Channel.class);
            handles[4] = erase(jvm.findGetter(socketClass, "readLock", ReentrantLock.class), lockType);
            handles[5] = erase(jvm.findGetter(socketClass, "writeLock", ReentrantLock.class), lockType);
            handles[6] = erase(jvm.findGetter(sourceClass, "readLock", ReentrantLock.class), lockType);
            handles[7] = erase(jvm.findGetter(sinkClass, "writeLock", ReentrantLock.class), lockType);
            MethodType begin = MethodType.methodType(void.class, boolean.class);
            MethodType beginType = MethodType.methodType(void.class, Channel.class, boolean.class);
            handles[8] = erase(jvm.findVirtual(socketClass, "beginRead", begin), beginType);
            handles[9] = erase(jvm.findVirtual(socketClass, "beginWrite", begin), beginType);
            handles[10] = erase(jvm.findVirtual(sourceClass, "beginRead", begin), beginType);
            handles[11] = erase(jvm.findVirtual(sinkClass, "beginWrite", begin), beginType);
            MethodType end = MethodType.methodType(void.class, boolean.class, boolean.class);
            MethodType endType = MethodType.methodType(void.class, Channel.class, boolean.class, boolean.class);
            handles[12] = erase(jvm.findVirtual(socketClass, "endRead", end), endType);
            handles[13] = erase(jvm.findVirtual(socketClass, "endWrite", end), endType);
            handles[14] = erase(jvm.findVirtual(sourceClass, "endRead", end), endType);
            handles[15] = erase(jvm.findVirtual(sinkClass, "endWrite", end), endType);
            MethodType fdType = MethodType.methodType(int.class, Channel.class);
            handles[16] = erase(jvm.findGetter(socketClass, "fdVal", int.class), fdType);
            handles[17] = erase(jvm.findGetter(sourceClass, "fdVal", int.class), fdType);
            handles[18] = erase(jvm.findGetter(sinkClass, "fdVal", int.class), fdType);
            // Since JDK 21 current()/signal() refuse virtual threads, whose carrier is exactly what must be
            // signalled, so the natives under them are used; JDK 17 has no virtual threads, and current()/signal()
            // are the natives there.
            Class<?> nativeThread = jvm.findClass("sun.nio.ch.NativeThread");
            MethodType current = MethodType.methodType(long.class);
            MethodType signal = MethodType.methodType(void.class, long.class);
            try {
                handles[19] = jvm.findStatic(nativeThread, "current0", current);
                handles[20] = jvm.findStatic(nativeThread, "signal0", signal);
            } catch (NoSuchMethodException jdk17) {
                if (Watchdog.virtualThreadsExist()) {
                    throw jdk17; // current() would refuse virtual threads, and their wakeups would silently stop
                }
                handles[19] = jvm.findStatic(nativeThread, "current", current);
                handles[20] = jvm.findStatic(nativeThread, "signal", signal);
            }
        }

        private static MethodHandle erase(MethodHandle handle, MethodType type) {
            return handle.asType(type);
        }
    }
}

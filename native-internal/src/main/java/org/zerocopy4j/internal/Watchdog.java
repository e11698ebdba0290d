package org.zerocopy4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Wakes a platform thread blocked in a system call of a relay that another thread closed. The JDK signals a thread
 * blocked on a channel when that channel closes or the thread is interrupted ({@link JdkChannelIo}: the call takes
 * part in the JDK's own protocol), but a relay is not a channel, so nothing in the JDK signals a thread whose relay
 * was closed while both of its channels stay open. Virtual threads need no help: their socket and pipe descriptors
 * are non-blocking, so they park in the JDK's poller in slices of {@value #PERIOD_MILLIS} ms and look at the relay
 * between slices.
 *
 * <p>Such a call registers its native thread around the call. Every {@value #PERIOD_MILLIS} ms a daemon thread sends
 * the JDK's wakeup signal (the one close() sends, through the JDK's own NativeThread, so it is the signal and handler
 * the JDK installed on this OS) to every registered thread whose relay was closed, whose channel is closed, or whose
 * Java thread is interrupted. The handler does nothing and does not restart calls, so the blocked call returns EINTR
 * (or a short count) and the provider decides: AsynchronousCloseException, ClosedByInterruptException, or retry. The
 * signal is repeated each period while the condition holds, so one that lands just before the thread enters the
 * kernel is not lost for good.
 */
public final class Watchdog {
    /** How often registered calls are checked; also the slice providers wait for readiness in. */
    public static final int PERIOD_MILLIS = 100;

    /** Thread.isVirtual() on JDK 21+, through the public API; null on JDK 17, which has no virtual threads. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private static final Set<Registration> ACTIVE = ConcurrentHashMap.newKeySet();
    /**
     * The native threads of registered calls that have not ended, the only values the wakeup signal accepts
     * ({@link #signalInCall}): pthread_kill given anything else (a bogus number, a thread that has exited) may crash
     * the JVM.
     */
    private static final Map<Long, Registration> IN_CALL = new ConcurrentHashMap<>();
    private static volatile Thread thread;

    private Watchdog() {
    }

    /** A registered call; {@link #unregister} it when the call returns. */
    public static final class Registration {
        final Thread owner;
        final Channel a;
        final Channel b;
        /** True once another thread cancelled the call (a relay closed under it); null for none. */
        final BooleanSupplier cancelled;
        /** The native thread to signal, 0 until {@link #refresh} reads it. */
        private volatile long nativeThread;
        /** Guarded by this: no signal once the call has left, when the carrier may run anything. */
        private boolean ended;

        Registration(Thread owner, Channel a, Channel b, BooleanSupplier cancelled) {
            this.owner = owner;
            this.a = a;
            this.b = b;
            this.cancelled = cancelled;
        }

        void refresh() {
            long current = JdkChannelIo.currentNativeThread();
            nativeThread = current;
            if (current != 0) {
                IN_CALL.put(current, this);
            }
        }

        synchronized void wakeIfNeeded() {
            long carrier = nativeThread;
            if (carrier != 0 && !ended && needsWakeup()) {
                JdkChannelIo.signal(carrier);
            }
        }

        synchronized void end() {
            ended = true;
            long current = nativeThread;
            if (current != 0) {
                IN_CALL.remove(current, this);
            }
        }

        boolean needsWakeup() {
            return owner.isInterrupted() || (a != null && !a.isOpen()) || (b != null && !b.isOpen())
                    || (cancelled != null && cancelled.getAsBoolean());
        }
    }

    /** Whether this JDK has virtual threads (21+). */
    static boolean virtualThreadsExist() {
        return IS_VIRTUAL != null;
    }

    /** Whether the thread is virtual; false on JDK 17. */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            // A public no-argument getter does not fail; treating the thread as virtual is the safe answer.
            return true;
        }
    }

    /**
     * Registers a platform thread's call that another thread may cancel without closing either channel (a relay
     * closed under it): the JDK signals nobody then, so the watchdog does once {@code cancelled} is true. Null for a
     * virtual thread (it parks, and looks between slices) and for a thread the JDK cannot signal.
     */
    static Registration register(Channel a, Channel b, BooleanSupplier cancelled) {
        Thread current = Thread.currentThread();
        return isVirtual(current) ? null : register(current, a, b, cancelled);
    }

    private static Registration register(Thread current, Channel a, Channel b, BooleanSupplier cancelled) {
        Registration registration = new Registration(current, a, b, cancelled);
        ACTIVE.add(registration);
        try {
            if (thread == null) {
                start();
            }
            registration.refresh();
        } catch (Throwable t) {
            unregister(registration);
            throw t;
        }
        if (registration.nativeThread == 0) {
            unregister(registration); // a platform whose JDK never signals: its close() needs no signal
            return null;
        }
        return registration;
    }

    /** Ends a registration, waiting out a signal being sent to it; null is ignored. */
    public static void unregister(Registration registration) {
        if (registration != null) {
            ACTIVE.remove(registration);
            registration.end();
        }
    }

    /**
     * The wakeup signal's handle as {@link JdkResolver} hands it out, {@code signal} bound: signals only the native
     * thread of a registered call that has not ended (and whose Java thread is alive), holding the registration's
     * monitor so the call cannot end meanwhile; anything else is refused before it reaches pthread_kill. So neither a
     * bogus number nor the thread of a call that has ended can crash the JVM, even through the handle read from the
     * resolved members. (Every provider call ends its registration before it returns; {@link #register} is reached
     * only through the capability, {@link JdkChannelIo#watch}.)
     */
    static void signalInCall(MethodHandle signal, long nativeThread) throws Throwable {
        Registration r = nativeThread == 0 ? null : IN_CALL.get(nativeThread);
        if (r == null) {
            throw new IllegalArgumentException("not the native thread of a call in progress: " + nativeThread);
        }
        synchronized (r) {
            if (r.ended || r.nativeThread != nativeThread || !r.owner.isAlive()) {
                throw new IllegalArgumentException("the call on native thread " + nativeThread + " has ended");
            }
            signal.invokeExact(nativeThread);
        }
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(Watchdog::run, "zerocopy4j-watchdog");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private static void run() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            for (Registration r : ACTIVE) {
                try {
                    r.wakeIfNeeded();
                } catch (RuntimeException e) {
                    // A channel whose isOpen() throws must not stop the wakeups for everyone else.
                }
            }
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException jdk17) {
            return null;
        }
    }
}

package org.zerocopy4j.linux;

import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes virtual threads blocked in a system call whose channel was closed by another thread or whose Java thread was
 * interrupted. Platform threads need no help: they take part in the JDK's own I/O protocol ({@link LeasedCall}), and
 * close() signals them. The JDK does not signal a virtual thread, because its own calls park in the JDK's poller
 * instead of blocking the carrier in the kernel; ours block the (pinned) carrier.
 *
 * <p>Such a call registers its carrier's kernel thread id (gettid) around the call. Every {@value #PERIOD_MILLIS} ms a
 * daemon thread sends {@link #WAKEUP_SIGNAL} with tgkill to every registered thread that has a closed channel or is
 * interrupted. That signal's handler (the JDK's own, installed by libnio) does nothing and is installed without
 * SA_RESTART, so the blocked call returns EINTR (or a short count) and the Java code decides:
 * AsynchronousCloseException, ClosedByInterruptException, or retry. The signal is repeated each period while the
 * condition holds, so a signal that lands just before the thread enters the kernel is not lost for good. A close
 * therefore ends a stalled transfer within about one period.
 */
final class Watchdog {
    /** SIGRTMAX-2: the signal the JDK uses on Linux to wake threads blocked in I/O (NativeThread). */
    static final int WAKEUP_SIGNAL = 62;
    static final int PERIOD_MILLIS = 100;

    private static final Set<Registration> ACTIVE = ConcurrentHashMap.newKeySet();
    private static volatile Thread thread;

    private Watchdog() {
    }

    /** A registered call; {@link #unregister} it when the call returns. */
    static final class Registration {
        final Thread owner;
        final int tid;
        final Channel a;
        final Channel b;

        Registration(Thread owner, int tid, Channel a, Channel b) {
            this.owner = owner;
            this.tid = tid;
            this.a = a;
            this.b = b;
        }

        boolean needsWakeup() {
            return owner.isInterrupted() || (a != null && !a.isOpen()) || (b != null && !b.isOpen());
        }
    }

    /**
     * Why the wakeup signal cannot be used in this process, or null when it can: its handler must be a function (the
     * default action would kill the process) installed without SA_RESTART (the call would silently resume).
     */
    static String signalProblem() {
        long disposition = LinuxNative.signalDisposition(WAKEUP_SIGNAL);
        if (disposition < 0) {
            return "rt_sigaction(" + WAKEUP_SIGNAL + ") failed: " + Errno.name((int) -disposition);
        }
        long handler = disposition >>> 40;
        if (handler != LinuxNative.HANDLER_FUNCTION) {
            return "signal " + WAKEUP_SIGNAL + " has no handler installed (the JDK's NIO library installs one)";
        }
        if ((disposition & LinuxConstants.SA_RESTART) != 0) {
            return "signal " + WAKEUP_SIGNAL + " is installed with SA_RESTART, so it cannot interrupt a call";
        }
        return null;
    }

    static Registration register(Channel a, Channel b) {
        Registration registration = new Registration(Thread.currentThread(), KernelThreadIds.current(), a, b);
        ACTIVE.add(registration);
        if (thread == null) {
            start();
        }
        return registration;
    }

    static void unregister(Registration registration) {
        ACTIVE.remove(registration);
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(Watchdog::run, "zerocopy4j-linux-watchdog");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private static void run() {
        int pid = LinuxNative.getpid();
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            for (Registration r : ACTIVE) {
                try {
                    if (r.needsWakeup()) {
                        LinuxNative.tgkill(pid, r.tid, WAKEUP_SIGNAL);
                    }
                } catch (RuntimeException e) {
                    // A channel whose isOpen() throws must not stop the wakeups for everyone else.
                }
            }
        }
    }
}

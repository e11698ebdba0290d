package org.zerocopy4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Reads wall time and this thread's CPU time at the start and stop of a measured loop. */
public final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread owner = Thread.currentThread();
    private final long wall0 = System.nanoTime();
    private final long cpu0 = THREADS.getCurrentThreadCpuTime();
    private final long machine0 = MachineCpu.nowNs();

    private Stopwatch() {
    }

    /** Starts timing on the calling thread; {@link #stop} must be called by the same thread. */
    public static Stopwatch start() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time; CPU per GB needs it");
        }
        return new Stopwatch();
    }

    public Measured stop(long bytes, long calls) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("CPU time is per thread: stop on the thread that started");
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        return new Measured(bytes, calls, wall, cpu, -1, MachineCpu.between(machine0, MachineCpu.nowNs()));
    }
}

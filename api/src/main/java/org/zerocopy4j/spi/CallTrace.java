package org.zerocopy4j.spi;

/**
 * What a provider tells the façade about the call it is running, for the façade's {@code org.zerocopy4j.Transfer}
 * JFR event: the path it took ({@link #path}) and the time it waited for a channel to become ready ({@link
 * #waitStarts}/{@link #waitEnds}). A provider calls these static methods on the calling thread, once it knows; they do
 * nothing unless a recording ever wanted the event, and then reach only the call the façade opened on this thread.
 * Without a recording each costs one read of a static field.
 *
 * <p>Only the façade opens traces (it subclasses this class); a provider never does.
 */
public abstract class CallTrace {
    private static final ThreadLocal<CallTrace> CURRENT = new ThreadLocal<>();
    /** Set once the façade opened its first trace: until then the hooks return at once. */
    private static volatile boolean armed;

    private String path;
    private long waitedNanos;
    private boolean active;

    /** For the façade only. */
    protected CallTrace() {
    }

    /**
     * Names the path the running call takes: {@code sendfile}, {@code splice-pipe}, {@code copy_file_range}, {@code
     * transferTo}, ... A later name replaces an earlier one (a provider that falls back within the call names its
     * fallback).
     *
     * @param name the path, a short constant
     */
    public static void path(String name) {
        if (armed) {
            CallTrace t = CURRENT.get();
            if (t != null && t.active) {
                t.path = name;
            }
        }
    }

    /**
     * The start of a wait for readiness, to be passed to {@link #waitEnds}; 0 when no trace can be open.
     *
     * @return the start time, or 0
     */
    public static long waitStarts() {
        return armed ? System.nanoTime() : 0;
    }

    /**
     * Adds the time since {@code start} to the running call's waits.
     *
     * @param start what {@link #waitStarts} returned
     */
    public static void waitEnds(long start) {
        if (start != 0) {
            CallTrace t = CURRENT.get();
            if (t != null && t.active) {
                t.waitedNanos += System.nanoTime() - start;
            }
        }
    }

    /**
     * The façade's: this thread's current trace (open or not), or null.
     *
     * @return the trace, or null
     */
    protected static CallTrace current() {
        return CURRENT.get();
    }

    /**
     * The façade's: opens this trace for the calling thread's call, emptied.
     *
     * @param install whether to make it the thread's trace first (a new one; the thread's own, found by {@link
     *         #current()}, already is): one thread-local look-up per call in the steady state
     */
    protected final void open(boolean install) {
        if (!armed) {
            armed = true;
        }
        if (install) {
            CURRENT.set(this);
        }
        path = null;
        waitedNanos = 0;
        active = true;
    }

    /**
     * The façade's: ends the call; {@code previous} (the trace that was the thread's before a nested call's), if not
     * null, is the thread's again.
     *
     * @param previous the trace to give back to the thread, or null to keep this one there
     */
    protected final void close(CallTrace previous) {
        active = false;
        if (previous != null) {
            CURRENT.set(previous);
        }
    }

    /**
     * Whether this trace is open (a call on this thread is running with it).
     *
     * @return whether it is open
     */
    protected final boolean isOpen() {
        return active;
    }

    /**
     * The path the provider named, or null.
     *
     * @return the path, or null
     */
    protected final String takenPath() {
        return path;
    }

    /**
     * The nanoseconds the call waited for readiness so far.
     *
     * @return the nanoseconds
     */
    protected final long waited() {
        return waitedNanos;
    }
}

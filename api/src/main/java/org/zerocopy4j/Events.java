package org.zerocopy4j;

import java.nio.channels.Channel;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.zerocopy4j.spi.CallTrace;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The façade's JFR events ({@link TransferEvent}, {@link DeclinedEvent}) and decline counters, in one place. With no
 * recording, a call pays one {@code isEnabled()} check on a shared probe and allocates nothing; with one, it reuses
 * its thread's event. No failure here ever
 * reaches a transfer: an event that cannot be written is dropped (and reported once at debug level).
 */
final class Events {
    /** Distinct reasons counted per provider; more are counted under {@link #OTHER_REASONS}. */
    private static final int MAX_REASONS = 64;
    private static final String OTHER_REASONS = "(other reasons)";
    private static final Map<String, Map<String, LongAdder>> DECLINES = new ConcurrentHashMap<>();
    private static final AtomicBoolean FAILURE_REPORTED = new AtomicBoolean();
    /**
     * One event per thread, reused from call to call while a recording wants them (as the JDK 17's own socket events
     * did), so that a recorded call allocates nothing either; a call on a thread whose event is in use gets its own.
     */
    /**
     * A thread's trace ({@link CallTrace}: what the provider says of the call) with its reused event. Kept in the
     * trace's own thread-local, so that a recorded call looks up one thread-local, not two.
     */
    static final class Trace extends CallTrace {
        final TransferEvent event = new TransferEvent();
        /** What the thread's trace was before this one opened (a call made inside a call), restored at its end. */
        CallTrace previous;

        Trace() {
            event.trace = this;
        }

        /** The thread's trace if it is free, else a new one (the first call, or a nested one), open. */
        static Trace openForCall() {
            CallTrace t = current();
            if (t instanceof Trace && !((Trace) t).isOpen()) {
                Trace own = (Trace) t;
                own.open(false);
                return own;
            }
            Trace fresh = new Trace();
            fresh.previous = t;
            fresh.open(true);
            return fresh;
        }

        void finish() {
            CallTrace p = previous;
            previous = null;
            close(p);
        }

        String path() {
            return takenPath();
        }

        long waitedNanos() {
            return waited();
        }
    }

    private Events() {
    }

    /** Whether a recording wants transfer events: one check, no allocation. */
    static boolean transferEnabled() {
        try {
            return TransferEvent.PROBE.isEnabled();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return false;
        }
    }

    /** A started event for a call, or null if it cannot be made. Called only when {@link #transferEnabled()}. */
    static TransferEvent begin(String operation, long inOffset, long outOffset, long requested,
            SendfileOptions options) {
        try {
            Trace trace = Trace.openForCall();
            TransferEvent event = trace.event;
            event.operation = operation;
            event.inOffset = inOffset;
            event.outOffset = outOffset;
            event.requested = requested;
            event.headerBytes = options == null ? 0 : options.headerBytesRemaining();
            event.trailerBytes = options == null ? 0 : options.trailerBytesRemaining();
            event.served = null;
            event.provider = null;
            event.path = null;
            event.inKind = null;
            event.outKind = null;
            event.bytes = 0;
            event.outcome = null;
            event.waited = 0;
            event.begin();
            return event;
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return null;
        }
    }

    /**
     * Ends the event and, if the recording wants it (its threshold), fills in the rest and writes it.
     *
     * @param result the call's return value, or ignored when {@code thrown} is set
     * @param thrown what the call threw, or null
     */
    static void end(TransferEvent event, Channel in, Channel out, long result, Throwable thrown) {
        if (event == null) {
            return;
        }
        try {
            event.end();
            if (!event.shouldCommit()) {
                return;
            }
            String taken = event.trace.path();
            // A failure below drops this event; the reused instance is reset by the next begin().
            event.inKind = kind(in);
            event.outKind = kind(out);
            event.provider = event.served == null ? "none" : event.served.name();
            event.path = taken != null ? taken : event.operation;
            event.waited = event.trace.waitedNanos();
            if (thrown != null) {
                event.outcome = thrown.getClass().getName();
            } else if (result > 0) {
                event.outcome = "moved";
                event.bytes = result;
            } else {
                event.outcome = result == 0 ? "none" : "end";
            }
            event.commit();
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        } finally {
            event.served = null;
            event.trace.finish();
        }
    }

    /** Counts a decline (for {@link Diagnostics}) and writes a {@link DeclinedEvent} if a recording wants it. */
    static void declined(ZeroCopyProvider provider, String operation, Channel in, Channel out, DeclinedException e) {
        try {
            String name = provider.name();
            String reason = String.valueOf(e.getMessage());
            Map<String, LongAdder> reasons = DECLINES.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
            LongAdder count = reasons.get(reason);
            if (count == null) {
                count = reasons.size() < MAX_REASONS ? reasons.computeIfAbsent(reason, k -> new LongAdder())
                        : reasons.computeIfAbsent(OTHER_REASONS, k -> new LongAdder());
            }
            count.increment();
            if (DeclinedEvent.PROBE.isEnabled()) {
                DeclinedEvent event = new DeclinedEvent();
                if (event.shouldCommit()) {
                    event.operation = operation;
                    event.provider = name;
                    event.reason = reason;
                    event.inKind = kind(in);
                    event.outKind = kind(out);
                    event.commit();
                }
            }
        } catch (RuntimeException | LinkageError x) {
            failed(x);
        }
    }

    /** Declines so far: provider -> reason -> count, sorted. */
    static Map<String, Map<String, Long>> declineCounts() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        DECLINES.forEach((provider, reasons) -> {
            Map<String, Long> r = new TreeMap<>();
            reasons.forEach((reason, n) -> r.put(reason, n.sum()));
            copy.put(provider, Collections.unmodifiableMap(r));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A short name for a channel's kind, for events: file, socket, pipe-source, ... or its class's simple name. */
    static String kind(Channel c) {
        if (c == null) {
            return "none";
        } else if (c instanceof java.nio.channels.FileChannel) {
            return "file";
        } else if (c instanceof java.nio.channels.SocketChannel) {
            return "socket";
        } else if (c instanceof java.nio.channels.Pipe.SourceChannel) {
            return "pipe-source";
        } else if (c instanceof java.nio.channels.Pipe.SinkChannel) {
            return "pipe-sink";
        } else if (c instanceof java.nio.channels.DatagramChannel) {
            return "datagram";
        }
        return c.getClass().getSimpleName().isEmpty() ? c.getClass().getName() : c.getClass().getSimpleName();
    }

    private static void failed(Throwable e) {
        if (FAILURE_REPORTED.compareAndSet(false, true)) {
            DebugLog.debug("zerocopy4j: a JFR event could not be written; events failing this way are dropped", e);
        }
    }
}

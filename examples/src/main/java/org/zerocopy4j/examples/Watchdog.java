package org.zerocopy4j.examples;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for blocking socket I/O. A blocking {@link SocketChannel} ignores SO_TIMEOUT (only its socket adaptor's
 * streams honour it), and the body of a response or an upload moves through {@code ZeroCopy.sendfile} and
 * {@code splice}, which block on the channel as well. So each connection's thread sets a deadline before it waits, and
 * one platform thread sweeps all deadlines a few times per shortest timeout. When one passes, the sweeper wakes the
 * waiting thread the JDK's way, which works for platform and virtual threads alike: {@code shutdownInput()} for a
 * request head (the read returns end of stream and the connection's thread can still answer 408), {@code close()} for
 * anything else (the blocked call ends with AsynchronousCloseException).
 */
final class Watchdog implements AutoCloseable {

    /** One armed deadline; immutable, so the sweeper never sees half of an update. */
    private record Deadline(long atNanos, boolean shutInputOnly) {
    }

    /** A connection's deadline. Only its own thread sets it; the sweeper only reads it. */
    final class Timer implements AutoCloseable {
        private final SocketChannel channel;
        private volatile Deadline deadline;
        private volatile boolean expired;

        private Timer(SocketChannel channel) {
            this.channel = channel;
        }

        /** A request head must arrive within {@code millis}; when it does not, input ends (the caller answers). */
        void head(long millis) {
            deadline = new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), true);
        }

        /** The next read or write (a step of a body) must make progress within {@code millis}, or the socket closes. */
        void io(long millis) {
            deadline = new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), false);
        }

        /** No deadline: the thread is not waiting on the peer. */
        void off() {
            deadline = null;
        }

        /** Whether a deadline passed: the socket's input was shut down or the socket closed because of it. */
        boolean expired() {
            return expired;
        }

        private void fire(boolean shutInputOnly) {
            expired = true;
            try {
                if (shutInputOnly) {
                    channel.shutdownInput();
                } else {
                    channel.close();
                }
            } catch (IOException | RuntimeException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more can be done with it
                }
            }
        }

        @Override
        public void close() {
            timers.remove(this);
        }
    }

    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();
    private final long tickMillis;
    private final Thread sweeper;
    private volatile boolean closed;

    /** @param shortestMillis the shortest timeout in use; the sweep runs four times as often, 10 ms to 250 ms apart */
    Watchdog(String name, long shortestMillis) {
        this.tickMillis = Math.max(10, Math.min(250, shortestMillis / 4));
        this.sweeper = new Thread(this::sweep, name);
        sweeper.setDaemon(true);
        sweeper.start();
    }

    Timer watch(SocketChannel channel) {
        Timer t = new Timer(channel);
        timers.add(t);
        return t;
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Timer t : timers) {
                Deadline d = t.deadline;
                // Still the same deadline: one renewed since it was read is not fired.
                if (d != null && !t.expired && now - d.atNanos() >= 0 && t.deadline == d) {
                    t.fire(d.shutInputOnly());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }
}

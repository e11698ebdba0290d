package org.zerocopy4j.examples;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * What an accept loop does when {@code accept()} fails on a listener that is still open: EMFILE and ENFILE (out of
 * descriptors), ENOBUFS/ENOMEM, a connection aborted before it was taken. None of them means the server should stop;
 * retrying at once would spin, since the pending connection stays in the backlog. So the loop sleeps, 100 ms at first,
 * doubling to 1 s while the failures last. The log gets one line for the first failure and then at most one per
 * {@link #LOG_EVERY_SECONDS} seconds (saying how many it left out), however often accept fails and recovers.
 */
final class AcceptBackoff {
    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 1_000;
    static final long LOG_EVERY_SECONDS = 10;

    private final String what;
    private final ThrottledLog failures;
    private final ThrottledLog recoveries;
    private final ThrottledLog capReached;
    private long delayMillis;
    private long failed;

    AcceptBackoff(Logger log, String what) {
        this.what = what;
        this.failures = new ThrottledLog(log, LOG_EVERY_SECONDS);
        this.recoveries = new ThrottledLog(log, LOG_EVERY_SECONDS);
        this.capReached = new ThrottledLog(log, 60);
    }

    /**
     * The next connection, accepted once one of {@code slots} (the connection cap, {@code cap}) is free: at the cap
     * nothing is accepted, and the kernel's backlog holds the next clients meanwhile; a failed accept on an open
     * listener is logged and retried after the back-off. The caller gives the slot back when the connection ends.
     *
     * @return the connection, or null once the listener is closed or the thread was interrupted
     */
    SocketChannel next(ServerSocketChannel listener, Semaphore slots, int cap) {
        while (true) {
            try {
                if (!slots.tryAcquire()) {
                    capReached.warn(what + ": " + cap + " connections open (the cap, --max-connections); new ones"
                            + " wait in the backlog");
                    while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (!listener.isOpen()) {
                            return null;
                        }
                    }
                }
            } catch (InterruptedException e) {
                return null;
            }
            try {
                SocketChannel c = listener.accept();
                succeeded();
                return c;
            } catch (IOException e) {
                slots.release();
                if (!listener.isOpen() || !failed(e)) {
                    return null; // closed (ClosedChannelException, AsynchronousCloseException) or interrupted
                }
            }
        }
    }

    /**
     * Logs the failure (rate-limited) and sleeps before the next attempt.
     *
     * @return false when the thread was interrupted while waiting: the loop should end
     */
    boolean failed(IOException e) {
        delayMillis = delayMillis == 0 ? FIRST_MILLIS : Math.min(2 * delayMillis, MAX_MILLIS);
        failed++;
        failures.warn(what + ": accept failed (" + e + "); open connections are served, new ones wait in the"
                + " backlog; retrying every " + FIRST_MILLIS + "-" + MAX_MILLIS + " ms");
        try {
            Thread.sleep(delayMillis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An accept succeeded: the next failure waits from the shortest delay again. */
    void succeeded() {
        if (failed > 0) {
            recoveries.info(what + ": accepting again after " + failed + " failed attempts");
            failed = 0;
            delayMillis = 0;
        }
    }
}

package org.zerocopy4j.examples;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * What an accept loop does when {@code accept()} fails on a listener that is still open: EMFILE and ENFILE (out of
 * descriptors), ENOBUFS/ENOMEM, a connection aborted before it was taken. None of them means the server should stop;
 * retrying at once would spin, since the pending connection stays in the backlog. So the loop sleeps, 100 ms at first,
 * doubling to 1 s while the failures last, and the log gets one line for the first failure and then at most one
 * summary per {@link #LOG_EVERY_SECONDS} seconds, not one line per attempt.
 */
final class AcceptBackoff {
    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 1_000;
    static final long LOG_EVERY_SECONDS = 10;

    private final Logger log;
    private final String what;
    private long delayMillis;
    private long failures;
    private long loggedAt;
    private long unlogged;

    AcceptBackoff(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /**
     * Logs the failure (rate-limited) and sleeps before the next attempt.
     *
     * @return false when the thread was interrupted while waiting: the loop should end
     */
    boolean failed(IOException e) {
        delayMillis = delayMillis == 0 ? FIRST_MILLIS : Math.min(2 * delayMillis, MAX_MILLIS);
        failures++;
        long now = System.nanoTime();
        if (failures == 1 || now - loggedAt >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS)) {
            if (failures == 1) {
                log.warn("{}: accept failed ({}); open connections are served, new ones wait in the backlog;"
                        + " retrying every {}-{} ms", what, e.toString(), FIRST_MILLIS, MAX_MILLIS);
            } else {
                log.warn("{}: accept still failing, {} more failures in the last {} s, last: {}", what,
                        unlogged + 1, LOG_EVERY_SECONDS, e.toString());
            }
            loggedAt = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
        try {
            Thread.sleep(delayMillis);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An accept succeeded: the next failure is logged and waited for as a first one. */
    void succeeded() {
        if (failures > 0) {
            log.info("{}: accepting again after {} failed attempts", what, failures);
            failures = 0;
            delayMillis = 0;
            unlogged = 0;
        }
    }
}

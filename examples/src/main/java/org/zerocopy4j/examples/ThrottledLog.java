package org.zerocopy4j.examples;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * A warning that can repeat for every connection (a backend that is down, descriptors exhausted): logged the first
 * time, then at most once per period, each line saying how many were left out since the last.
 */
final class ThrottledLog {
    private final Logger log;
    private final long periodNanos;
    private boolean any;
    private long loggedAt;
    private long dropped;

    ThrottledLog(Logger log, long periodSeconds) {
        this.log = log;
        this.periodNanos = TimeUnit.SECONDS.toNanos(periodSeconds);
    }

    void warn(String message) {
        log(true, message);
    }

    void info(String message) {
        log(false, message);
    }

    private void log(boolean warn, String message) {
        long now = System.nanoTime();
        long droppedBefore;
        synchronized (this) {
            if (any && now - loggedAt < periodNanos) {
                dropped++;
                return;
            }
            any = true;
            loggedAt = now;
            droppedBefore = dropped;
            dropped = 0;
        }
        String line = droppedBefore == 0 ? message : message + " (and " + droppedBefore + " more since the last line)";
        if (warn) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }
}

package org.zerocopy4j.examples;

import java.nio.file.Path;

/**
 * What one client may hold of the file server, each with its flag. Without them a client that sends half a head and
 * waits holds a thread and its memory for ever, and one Content-Length fills the disk.
 *
 * @param headerTimeoutMillis from a connection's start, or a request's first byte, to the end of its head; else 408
 *                            (or a silent close when nothing arrived) - a deadline, so dripping bytes does not extend it
 * @param idleTimeoutMillis   how long a kept-alive connection may wait for the next request's first byte
 * @param ioTimeoutMillis     how long a body (upload or response) may go without progress before the socket closes
 * @param maxHeadSize         the largest request head read; a larger one gets 431
 * @param maxUpload           the largest Content-Length a PUT may announce; a larger one gets 413, before any 100
 * @param maxConnections      connections served at once; at the cap the server stops accepting and new clients wait
 *                            in the listen backlog
 * @param uploadTmp           where uploads are written before they are moved into place, or null for {@code .upload-tmp}
 *                            under the root; never served
 */
record Limits(long headerTimeoutMillis, long idleTimeoutMillis, long ioTimeoutMillis, int maxHeadSize, long maxUpload,
        int maxConnections, Path uploadTmp) {

    static final String DEFAULT_UPLOAD_TMP = ".upload-tmp";

    static final Limits DEFAULTS = new Limits(10_000, 30_000, 60_000, 16 << 10, 1L << 30, 10_000, null);

    static final String USAGE = "    [--header-timeout 10s] [--idle-timeout 30s] [--io-timeout 60s] [--max-head-size 16k]\n"
            + "    [--max-upload 1g] [--max-connections 10000] [--upload-tmp DIR (default ROOT/" + DEFAULT_UPLOAD_TMP
            + ")]\n"
            + "    Durations take ms, s or m; sizes k, m or g (powers of 1024).";

    Limits {
        if (headerTimeoutMillis <= 0 || idleTimeoutMillis <= 0 || ioTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxHeadSize < 64 || maxUpload < 0 || maxConnections < 1) {
            throw new IllegalArgumentException("--max-head-size must be at least 64, --max-upload at least 0,"
                    + " --max-connections at least 1");
        }
    }

    static Limits of(Args a) {
        Limits d = DEFAULTS;
        long head = a.bytes("--max-head-size", d.maxHeadSize);
        if (head > Integer.MAX_VALUE) {
            a.fail("--max-head-size " + head + " is too large");
        }
        long connections = a.count("--max-connections", d.maxConnections);
        if (connections > Integer.MAX_VALUE) {
            a.fail("--max-connections " + connections + " is too large");
        }
        String tmp = a.get("--upload-tmp", null);
        try {
            return new Limits(a.millis("--header-timeout", d.headerTimeoutMillis),
                    a.millis("--idle-timeout", d.idleTimeoutMillis), a.millis("--io-timeout", d.ioTimeoutMillis),
                    (int) head, a.bytes("--max-upload", d.maxUpload), (int) connections,
                    tmp == null ? null : Path.of(tmp));
        } catch (IllegalArgumentException e) {
            a.fail(e.getMessage());
            throw e;
        }
    }

    long shortestTimeoutMillis() {
        return Math.min(headerTimeoutMillis, Math.min(idleTimeoutMillis, ioTimeoutMillis));
    }
}

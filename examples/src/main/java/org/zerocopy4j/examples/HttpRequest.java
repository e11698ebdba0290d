package org.zerocopy4j.examples;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request head, read from a connection through a buffer that keeps whatever followed it: the start of an
 * upload's body, or the next pipelined request.
 */
record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    /** Where a connection's head buffer starts; it doubles up to the configured maximum as a head needs it. */
    private static final int INITIAL_BUFFER = 4 << 10;

    String header(String name) {
        return headers.get(name);
    }

    /** HTTP/1.1 keeps the connection unless told not to; this server closes HTTP/1.0 connections. */
    boolean keepAlive() {
        String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") && !c.contains("close");
    }

    /**
     * Reads request heads from one connection, under the header and keep-alive deadlines; the bytes after a head stay
     * in {@link #buffer}.
     */
    static final class Reader {
        private final ReadableByteChannel channel;
        private final Watchdog.Timer timer;
        private final Limits limits;
        private ByteBuffer buffer;
        /** How far the head being read has been checked. */
        private int scanned;
        private boolean first = true;

        Reader(ReadableByteChannel channel, Watchdog.Timer timer, Limits limits) {
            this.channel = channel;
            this.timer = timer;
            this.limits = limits;
            this.buffer = ByteBuffer.allocate(Math.min(INITIAL_BUFFER, limits.maxHeadSize()));
        }

        /**
         * The next request, or null when the peer closed between requests or sent nothing in time. The first head
         * on a connection must be complete within the header timeout from the connection's start; a later one may
         * wait the idle timeout for its first byte, then has the header timeout from there.
         *
         * @throws BadRequest 400 for a head two parsers could frame differently (a bare CR or LF, a control byte),
         *                    408 for one not complete in time, 431 for one over the maximum head size
         */
        HttpRequest next() throws IOException, BadRequest {
            scanned = 0;
            boolean idle = !first && buffer.position() == 0;
            first = false;
            if (idle) {
                timer.head(limits.idleTimeoutMillis());
            } else {
                timer.head(limits.headerTimeoutMillis());
            }
            while (true) {
                int end = scan();
                if (end >= 0) {
                    timer.off();
                    String head = new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1);
                    buffer.flip().position(end + 4);
                    buffer.compact();
                    return parse(head);
                }
                if (!buffer.hasRemaining()) {
                    if (buffer.capacity() >= limits.maxHeadSize()) {
                        throw new BadRequest(431, "request head over " + limits.maxHeadSize() + " bytes");
                    }
                    ByteBuffer larger = ByteBuffer.allocate(Math.min(2 * buffer.capacity(), limits.maxHeadSize()));
                    buffer = larger.put(buffer.flip());
                }
                int n = channel.read(buffer);
                if (n < 0) {
                    if (buffer.position() == 0) {
                        return null; // closed by the peer, or idle past the deadline: nothing to answer
                    }
                    if (timer.expired()) {
                        throw new BadRequest(408, "request head not complete in " + limits.headerTimeoutMillis()
                                + " ms");
                    }
                    throw new EOFException("peer closed inside a request head");
                }
                if (idle && n > 0) {
                    idle = false;
                    timer.head(limits.headerTimeoutMillis());
                }
            }
        }

        /** Takes up to {@code max} bytes already read past the head, for a body; they are removed from the buffer. */
        ByteBuffer take(long max) {
            buffer.flip();
            int n = (int) Math.min(max, buffer.remaining());
            ByteBuffer out = ByteBuffer.allocate(n);
            out.put(buffer.array(), buffer.position(), n).flip();
            buffer.position(buffer.position() + n);
            buffer.compact();
            return out;
        }

        /**
         * Checks the bytes that arrived since the last call, up to the end of the head: every line ends in CRLF (RFC
         * 9112 section 2.2 lets a server take a bare LF; this one refuses it, since a front end that splits lines
         * differently would see other headers), no CR stands alone, and no control byte other than HTAB appears.
         *
         * @return the index of the CRLFCRLF that ends the head, or -1 when it has not arrived yet
         */
        private int scan() throws BadRequest {
            byte[] a = buffer.array();
            for (; scanned < buffer.position(); scanned++) {
                int b = a[scanned] & 0xff;
                int before = scanned == 0 ? -1 : a[scanned - 1] & 0xff;
                if (before == '\r' && b != '\n') {
                    throw new BadRequest(400, "bare CR in the request head");
                }
                if (b == '\n') {
                    if (before != '\r') {
                        throw new BadRequest(400, "bare LF in the request head");
                    }
                    if (scanned >= 3 && a[scanned - 2] == '\n' && a[scanned - 3] == '\r') {
                        return scanned - 3;
                    }
                } else if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
                    throw new BadRequest(400, "control byte 0x" + Integer.toHexString(b) + " in the request head");
                }
            }
            return -1;
        }
    }

    /** Parses a head whose bytes {@link Reader#scan} accepted: CRLF line ends, no control bytes but HTAB. */
    static HttpRequest parse(String head) throws BadRequest {
        String[] lines = head.split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        if (start.length != 3 || !isToken(start[0]) || start[1].isEmpty() || start[1].indexOf('\t') >= 0) {
            throw new BadRequest(400, "malformed request line");
        }
        if (!start[2].equals("HTTP/1.1") && !start[2].equals("HTTP/1.0")) {
            throw new BadRequest(start[2].startsWith("HTTP/") ? 505 : 400, "unsupported version " + start[2]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                // obs-fold (RFC 9112 section 5.2): a parser that does not unfold sees another header.
                throw new BadRequest(400, "folded header line");
            }
            int colon = line.indexOf(':');
            // No name, or whitespace (or anything else) in it before the colon: two parsers could disagree on it.
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new BadRequest(400, "malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = trimOws(line.substring(colon + 1));
            String old = headers.putIfAbsent(name, value);
            if (old != null) {
                if (name.equals("content-length") || name.equals("range") || name.equals("host")) {
                    throw new BadRequest(400, "repeated " + name);
                }
                headers.put(name, old + ", " + value);
            }
        }
        String length = headers.get("content-length");
        if (length != null && (length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            // "1, 1", "+1", " 1x": RFC 9112 section 6.3 makes each an unrecoverable framing error.
            throw new BadRequest(400, "bad Content-Length");
        }
        if (length != null && headers.containsKey("transfer-encoding")) {
            throw new BadRequest(400, "both Content-Length and Transfer-Encoding");
        }
        if (start[2].equals("HTTP/1.1") && !headers.containsKey("host")) {
            throw new BadRequest(400, "HTTP/1.1 request without Host");
        }
        return new HttpRequest(start[0], start[1], start[2], headers);
    }

    /** RFC 9110 section 5.6.2: 1*tchar. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Strips the optional whitespace (SP and HTAB only) around a field value. */
    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }
}

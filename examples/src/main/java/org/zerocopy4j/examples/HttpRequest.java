package org.zerocopy4j.examples;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request head, read from a connection through a buffer that keeps whatever followed it: the start of an
 * upload's body, or the next pipelined request.
 */
record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    /** Large enough for any browser or curl request; a longer head is refused rather than buffered without end. */
    static final int MAX_HEAD = 16 << 10;

    String header(String name) {
        return headers.get(name);
    }

    /** HTTP/1.1 keeps the connection unless told not to; this server closes HTTP/1.0 connections. */
    boolean keepAlive() {
        String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") && !c.contains("close");
    }

    /** Reads request heads from one connection; the bytes after a head stay in {@link #buffer}. */
    static final class Reader {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(MAX_HEAD);

        Reader(SocketChannel channel) {
            this.channel = channel;
        }

        /** The next request, or null when the peer closed between requests. */
        HttpRequest next() throws IOException, BadRequest {
            int scanned = 0;
            while (true) {
                int end = headEnd(scanned);
                if (end >= 0) {
                    String head = new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1);
                    buffer.flip().position(end + 4);
                    buffer.compact();
                    return parse(head);
                }
                scanned = Math.max(0, buffer.position() - 3);
                if (!buffer.hasRemaining()) {
                    throw new BadRequest(431, "request head over " + MAX_HEAD + " bytes");
                }
                if (channel.read(buffer) < 0) {
                    if (buffer.position() == 0) {
                        return null;
                    }
                    throw new EOFException("peer closed inside a request head");
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

        private int headEnd(int from) {
            byte[] a = buffer.array();
            for (int i = from; i + 3 < buffer.position(); i++) {
                if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    static HttpRequest parse(String head) throws BadRequest {
        String[] lines = head.split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        if (start.length != 3 || start[0].isEmpty() || start[1].isEmpty()) {
            throw new BadRequest(400, "malformed request line");
        }
        if (!start[2].equals("HTTP/1.1") && !start[2].equals("HTTP/1.0")) {
            throw new BadRequest(505, "unsupported version " + start[2]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            // No name, whitespace before the colon, or a folded line: each lets two parsers disagree on the request.
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequest(400, "malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            String old = headers.putIfAbsent(name, value);
            if (old != null) {
                if (name.equals("content-length") || name.equals("range") || name.equals("host")) {
                    throw new BadRequest(400, "repeated " + name);
                }
                headers.put(name, old + ", " + value);
            }
        }
        return new HttpRequest(start[0], start[1], start[2], headers);
    }
}

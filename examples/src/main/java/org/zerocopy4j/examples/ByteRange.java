package org.zerocopy4j.examples;

/**
 * The one byte range a {@code Range} header asks for, resolved against the file's size (RFC 9110 section 14).
 * Offsets are longs throughout: files past 4 GiB are served like any other.
 *
 * @param first the first byte sent
 * @param count how many bytes are sent
 */
record ByteRange(long first, long count) {

    /** Thrown for a range that is well formed but lies outside the file: answered 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /**
     * The range to send, or null to send the whole file: no header, or one this server ignores as RFC 9110 allows
     * (not bytes, several ranges, malformed).
     */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long a = number(spec.substring(0, dash));
        long b = number(spec.substring(dash + 1));
        if (dash == 0) {
            // bytes=-n: the last n bytes, all of them when the file is shorter.
            if (b < 0) {
                return null;
            }
            if (b == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            long n = Math.min(b, size);
            return new ByteRange(size - n, n);
        }
        if (a < 0 || (dash + 1 < spec.length() && b < a)) {
            return null;
        }
        if (a >= size) {
            throw new Unsatisfiable();
        }
        long last = dash + 1 == spec.length() ? size - 1 : Math.min(b, size - 1);
        return new ByteRange(a, last - a + 1);
    }

    /** A non-negative decimal, or -1 for anything else (empty, signs, overflow). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + (first + count - 1) + "/" + size;
    }
}

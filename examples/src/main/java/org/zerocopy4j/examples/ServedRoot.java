package org.zerocopy4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Maps request targets to files under one directory, so that no target reaches outside it: not by {@code ..}, not by
 * percent-encoding one, not through a symbolic link that points elsewhere.
 */
final class ServedRoot {
    private final Path root;
    private final Path hidden;

    /** @param hidden a directory (the uploads' temporary files) that no target may name, under the root or not */
    ServedRoot(Path root, Path hidden) throws IOException {
        this.root = root.toRealPath();
        this.hidden = hidden.toRealPath();
    }

    Path path() {
        return root;
    }

    /**
     * The file a target names; it may not exist yet (an upload).
     *
     * @throws BadRequest 400 for a malformed target or one with a {@code .} or {@code ..} segment, 404 for one in
     *                    the hidden directory
     */
    Path resolve(String target) throws BadRequest {
        int query = target.indexOf('?');
        String raw = query >= 0 ? target.substring(0, query) : target;
        if (!raw.startsWith("/")) {
            throw new BadRequest(400, "target must be an absolute path");
        }
        String decoded = percentDecode(raw);
        Path p = root;
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            // Refused rather than normalized away: a client sending them is probing or confused.
            if (segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw new BadRequest(400, "forbidden path segment");
            }
            p = p.resolve(segment);
        }
        p = p.normalize();
        if (!p.startsWith(root)) {
            throw new BadRequest(400, "path outside the served root");
        }
        if (p.startsWith(hidden)) {
            throw new BadRequest(404, "not served");
        }
        return p;
    }

    /**
     * True when the file, or for a new file its directory, really lies under the root once links are followed, and
     * not in the hidden directory (a link to it is no way in either).
     */
    boolean inside(Path p) throws IOException {
        Path real;
        try {
            // The common case (a GET of a file that exists): one realpath, no stat and access before it.
            real = p.toRealPath();
        } catch (IOException e) {
            // Absent, a dangling link, or under a non-directory: the file's directory decides, as before.
            Path existing = Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : p.getParent();
            if (existing == null || !Files.exists(existing)) {
                return false;
            }
            real = existing.toRealPath();
        }
        return real.startsWith(root) && !real.startsWith(hidden);
    }

    private static String percentDecode(String s) throws BadRequest {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadRequest(400, "truncated percent-encoding");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequest(400, "bad percent-encoding");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                throw new BadRequest(400, "unencoded control or non-ASCII byte in target");
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

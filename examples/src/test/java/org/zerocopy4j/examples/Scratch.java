package org.zerocopy4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Files the tests serve and compare, all under target/scratch so a failed run leaves nothing elsewhere. */
final class Scratch {
    private Scratch() {
    }

    static Path dir() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("zerocopy4j.examples.scratch",
                    "target/scratch")).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of pseudo-random bytes: any misplaced, lost or repeated chunk changes its digest. */
    static Path random(Path file, long size, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long left = size; left > 0; ) {
                b.clear();
                while (b.remaining() >= 8) {
                    b.putLong(r.nextLong());
                }
                b.flip().limit((int) Math.min(b.limit(), left));
                left -= b.remaining();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (in.read(b) >= 0) {
                md.update(b.flip());
                b.clear();
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

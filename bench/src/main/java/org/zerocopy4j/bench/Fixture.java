package org.zerocopy4j.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Input files in a private directory, made once and read through so every variant starts from the page cache. */
public final class Fixture implements Closeable {
    private static final int CHUNK = 1 << 20;

    private final Path dir;

    public Fixture(Path parent) throws IOException {
        Files.createDirectories(parent);
        this.dir = Files.createTempDirectory(parent, "zc-bench-");
    }

    public Path dir() {
        return dir;
    }

    /** A file of {@code size} random bytes (random so nothing along the way can shortcut zeros), cached. */
    public Path input(long size) throws IOException {
        return input(dir, size);
    }

    /** As {@link #input(long)}, in another directory (a mounted test filesystem). */
    public static Path input(Path where, long size) throws IOException {
        Path file = where.resolve("in-" + size + ".bin");
        if (!Files.exists(file) || Files.size(file) != size) {
            write(file, size);
        }
        warm(file);
        return file;
    }

    private static void write(Path file, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        SplittableRandom random = new SplittableRandom(size);
        while (chunk.remaining() >= Long.BYTES) {
            chunk.putLong(random.nextLong());
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                chunk.clear().limit((int) Math.min(CHUNK, left));
                while (chunk.hasRemaining()) {
                    left -= out.write(chunk);
                }
            }
        }
    }

    private static void warm(Path file) throws IOException {
        ByteBuffer sink = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel in = FileChannel.open(file)) {
            while (in.read(sink) >= 0) {
                sink.clear();
            }
        }
    }

    /** A fresh path for an output file; the caller deletes it after each trial so the disk does not fill. */
    public Path output(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package org.zerocopy4j.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Files with known content, so every received byte can be checked against where it came from. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Deterministic content whose bytes differ at nearby offsets, so a shifted or duplicated range is caught. */
    public static byte[] pattern(int length, long startOffset) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            long x = startOffset + i;
            b[i] = (byte) ((x * 31 + (x >>> 8) * 7 + (x >>> 16)) % 251);
        }
        return b;
    }

    /** {@link #pattern(int, long)} from offset 0. */
    public static byte[] pattern(int length) {
        return pattern(length, 0);
    }

    /** A new file in {@code dir} holding {@code content}, open for reading. */
    public static FileChannel withBytes(Path dir, byte[] content) throws IOException {
        Path p = Files.createTempFile(dir, "in", ".bin");
        Files.write(p, content);
        return FileChannel.open(p, StandardOpenOption.READ);
    }

    public static Path withPattern(Path dir, int length) throws IOException {
        Path p = Files.createTempFile(dir, "pattern", ".bin");
        Files.write(p, pattern(length, 0));
        return p;
    }

    public static Path withText(Path dir, String text) throws IOException {
        Path p = Files.createTempFile(dir, "text", ".txt");
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    public static FileChannel read(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.READ);
    }

    public static FileChannel write(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    }

    /**
     * A sparse file of {@code size} bytes whose last {@code tailLength} bytes hold {@link #pattern} content
     * (pattern offsets counted from the file start); the rest is a hole.
     */
    public static Path sparseWithTail(Path dir, long size, int tailLength) throws IOException {
        Path p = Files.createTempFile(dir, "sparse", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(size);
            raf.getChannel().write(ByteBuffer.wrap(pattern(tailLength, size - tailLength)), size - tailLength);
        }
        return p;
    }

    public static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    public static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}

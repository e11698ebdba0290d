package org.zerocopy4j.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Test files with a byte pattern that shows any lost, duplicated or shifted byte. */
public final class TestFiles {
    private TestFiles() {
    }

    public static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    public static FileChannel withBytes(Path dir, byte[] content) throws IOException {
        Path p = java.nio.file.Files.createTempFile(dir, "in", ".bin");
        java.nio.file.Files.write(p, content);
        return FileChannel.open(p, StandardOpenOption.READ);
    }
}

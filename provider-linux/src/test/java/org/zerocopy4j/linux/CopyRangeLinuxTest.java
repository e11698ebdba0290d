package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.ZeroCopy;

class CopyRangeLinuxTest {
    @TempDir
    Path dir;

    @Test
    void sameFilesystemCopyIsExactAndEndsWithMinusOne() throws Exception {
        int size = 2 << 20;
        Path src = Fixtures.patternFile(dir, "src", size);
        Path dst = dir.resolve("dst");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            long moved = 0;
            while (moved < size) {
                long n = Fixtures.linux().copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, size);
                assertTrue(n > 0);
                moved += n;
            }
            assertEquals(size, in.position());
            assertEquals(size, out.position());
            assertEquals(-1, Fixtures.linux().copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, 1));
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
    }

    /** /tmp and /dev/shm are different filesystems here; copy_file_range refuses the pair and the copy falls back. */
    @Test
    void acrossTwoFilesystemsTheCopyFallsBackAndRemembers() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
                "needs /dev/shm on another filesystem than the temp dir");
        int size = 1 << 20;
        Path src = Fixtures.patternFile(dir, "src", size);
        Path dst = Files.createTempFile(shm, "zerocopy4j-copy", ".bin");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            for (boolean positional : new boolean[] {false, true}) {
                long moved = 0;
                while (moved < size) {
                    long n = positional
                            ? Fixtures.linux().copyRange(in, moved, out, moved, size - moved)
                            : Fixtures.linux().copyRange(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, size - moved);
                    assertTrue(n > 0);
                    moved += n;
                }
                assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dst));
                assertTrue(CopyFailures.failed(CopyFailures.COPY_FILE_RANGE, in, out),
                        "the refusal is remembered for this pair");
            }
        } finally {
            Files.deleteIfExists(dst);
        }
    }
}

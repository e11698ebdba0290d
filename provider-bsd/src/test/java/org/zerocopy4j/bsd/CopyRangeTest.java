package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.TestFiles;

/**
 * copyRange on FreeBSD 13+ is copy_file_range; without it (ENOSYS: FreeBSD 12, DragonFly) the same request must still
 * complete through the pure-Java path. The build runs this class twice: as is, and with the shim in its FreeBSD 12
 * personality (ZC_SHIM_FREEBSD_12), where copy_file_range fails with ENOSYS.
 */
class CopyRangeTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void onBsdOrThroughTheShim() {
        BsdTesting.assumeServed();
    }

    @Test
    void copiesTheRangeAtBothOffsetsWithOrWithoutTheSystemCall() throws Exception {
        byte[] data = TestFiles.pattern(300_000);
        Path target = dir.resolve("out");
        try (FileChannel in = TestFiles.withBytes(dir, data);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < 200_000) {
                long n = ZeroCopy.using("bsd").copyRange(in, 1000 + copied, out, 7 + copied, 200_000 - copied);
                copied += n;
            }
            assertEquals(-1, ZeroCopy.using("bsd").copyRange(in, data.length, out, 0, 10));
            assertEquals(0, in.position());
        }
        byte[] written = java.nio.file.Files.readAllBytes(target);
        assertArrayEquals(new byte[7], Arrays.copyOf(written, 7));
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 201_000), Arrays.copyOfRange(written, 7, written.length));
    }
}

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.ZeroCopy;

class BasicTransfersTest {
    @TempDir
    Path dir;

    @Test
    void providerIsAvailableWithEveryFeature() {
        LinuxProvider p = new LinuxProvider();
        assertTrue(p.isAvailable(), () -> "unavailable: " + p.unavailabilityCause());
        assertEquals(java.util.EnumSet.allOf(org.zerocopy4j.Feature.class), p.features());
        assertEquals(java.util.EnumSet.allOf(org.zerocopy4j.Capability.class), p.capabilities());
        assertEquals("linux", ZeroCopy.provider().name());
    }

    @Test
    void sendfileToFileAdvancesOnlyThePositionItUses() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 100_000);
        Path dst = dir.resolve("dst");
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            assertEquals(40_000, Fixtures.linux().sendfile(out, in, 10_000, 40_000, org.zerocopy4j.SendfileOptions.NONE));
            assertEquals(0, in.position());
            assertEquals(40_000, out.position());
            in.position(50_000);
            assertEquals(50_000, Fixtures.linux().sendfile(out, in, ZeroCopy.POSITION, 80_000,
                    org.zerocopy4j.SendfileOptions.NONE));
            assertEquals(100_000, in.position());
            assertEquals(-1, Fixtures.linux().sendfile(out, in, ZeroCopy.POSITION, 10,
                    org.zerocopy4j.SendfileOptions.NONE));
        }
        byte[] got = Files.readAllBytes(dst);
        byte[] want = new byte[90_000];
        System.arraycopy(Fixtures.pattern(10_000, 40_000), 0, want, 0, 40_000);
        System.arraycopy(Fixtures.pattern(50_000, 50_000), 0, want, 40_000, 50_000);
        assertArrayEquals(want, got);
    }

    @Test
    void spliceFileIntoPipeAndTeeAndBackOut() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 4096);
        Pipe a = Pipe.open();
        Pipe b = Pipe.open();
        try (FileChannel in = Fixtures.read(src)) {
            assertEquals(4096, Fixtures.linux().splice(in, 0, a.sink(), ZeroCopy.POSITION, 4096));
            assertEquals(4096, Fixtures.linux().tee(a.source(), b.sink(), 4096));
            assertArrayEquals(Fixtures.pattern(0, 4096), Fixtures.readFully(b.source(), 4096));
            assertArrayEquals(Fixtures.pattern(0, 4096), Fixtures.readFully(a.source(), 4096));
        } finally {
            a.sink().close();
            a.source().close();
            b.sink().close();
            b.source().close();
        }
    }
}

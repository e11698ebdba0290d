package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;

class ResourceLeakTest {
    private static final int CALLS = 1_000_000;

    @TempDir
    Path dir;

    /** Resident memory not explained by the committed Java heap: native allocations, ours included. */
    private static long nativeKib() throws Exception {
        return residentKib() - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long residentKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /**
     * A million small calls over every path that takes a descriptor or a pipe (file thread set, socket lock and JDK begin/end,
     * pooled pipe, headers vector): the descriptor table and the resident size stay flat.
     */
    @Test
    void aMillionSmallCallsLeaveDescriptorsAndNativeMemoryFlat() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 64);
        SocketChannel[] pair = Fixtures.socketPair();
        Thread drain = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            try {
                while (pair[1].read(b.clear()) >= 0) {
                    // discard
                }
            } catch (Exception e) {
                // closed at the end of the test
            }
        });
        drain.setDaemon(true);
        drain.start();
        Transfers linux = Fixtures.linux();
        ByteBuffer header = ByteBuffer.allocateDirect(4);
        try (FileChannel in = Fixtures.read(src);
                FileChannel devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
                FileChannel copy = Fixtures.write(dir.resolve("copy"));
                SocketChannel out = pair[0]) {
            int baselineFds = 0;
            long baselineRss = 0;
            for (int i = 0; i < CALLS; i++) {
                long n;
                switch (i & 7) {
                    case 0:
                        n = linux.splice(in, 0, copy, 0, 16);
                        break;
                    case 1:
                        n = linux.copyRange(in, 0, copy, 0, 16);
                        break;
                    case 2:
                        header.clear();
                        n = linux.sendfile(out, in, 0, 16, SendfileOptions.builder().headers(header).build());
                        break;
                    case 3:
                        n = linux.sendfile(out, in, 0, 16, SendfileOptions.NONE);
                        break;
                    default:
                        n = linux.sendfile(devNull, in, 0, 16, SendfileOptions.NONE);
                        break;
                }
                assertTrue(n >= 16, "call " + i + " moved " + n);
                if (i == CALLS / 5) {
                    System.gc();
                    baselineFds = Fixtures.openDescriptors();
                    baselineRss = nativeKib();
                }
            }
            System.gc();
            assertEquals(baselineFds, Fixtures.openDescriptors(), "descriptors leaked");
            long growthKib = nativeKib() - baselineRss;
            assertTrue(growthKib < 8 * 1024, "resident memory outside the Java heap grew by " + growthKib + " KiB over 800,000 calls");
        } finally {
            pair[1].close();
        }
    }
}

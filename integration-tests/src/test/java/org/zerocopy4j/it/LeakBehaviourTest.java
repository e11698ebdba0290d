package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Relay;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/** Many calls, relays opened and closed, and errors leave the process's descriptors and direct memory flat. */
@VirtualThreadsWhenAsked
class LeakBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";

    @TempDir
    Path dir;

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Paths.get("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void manyCallsRelaysAndErrorsLeaveDescriptorsAndDirectMemoryFlat(String provider) throws Exception {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self/fd")), "needs /proc/self/fd");
        Transfers zc = ZeroCopy.using(provider);
        Path target = dir.resolve("sink.bin");
        Pipe pipe = Pipe.open();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 4096)); FileChannel out = TestFiles.write(target);
                SocketPair sockets = new SocketPair(); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            round(zc, in, out, sockets, sink, source);
            System.gc();
            long fdsBefore = openDescriptors();
            long directBefore = directMemory();
            for (int i = 0; i < 20; i++) {
                round(zc, in, out, sockets, sink, source);
            }
            System.gc();
            // 20 rounds of about 2,600 calls: a leak per call or per relay would show thousands of descriptors. A few
            // either way are the JDK's own (lazily opened files, a GC-closed channel from an earlier test).
            long fdsAfter = openDescriptors();
            assertTrue(Math.abs(fdsAfter - fdsBefore) <= 3, "descriptors went from " + fdsBefore + " to " + fdsAfter);
            long grown = directMemory() - directBefore;
            assertTrue(grown <= 1 << 20, "direct memory grew by " + grown + " bytes");
        }
    }

    private static void round(Transfers zc, FileChannel in, FileChannel out, SocketPair sockets, Pipe.SinkChannel sink,
            Pipe.SourceChannel source) throws Exception {
        ByteBuffer drain = ByteBuffer.allocate(8192);
        for (int i = 0; i < 500; i++) {
            assertEquals(4096, zc.sendfile(out, in, 0, 4096));
            assertEquals(4096, zc.copyRange(in, 0, out, 0, 4096));
            assertEquals(100, zc.splice(in, 0, sink, ZeroCopy.POSITION, 100));
            assertEquals(100, zc.splice(source, out, 100));
            assertEquals(4096, zc.sendfile(sockets.client, in, 0, 4096));
            drain.clear();
            int got = 0;
            while (got < 4096) {
                drain.clear().limit(4096 - got);
                got += sockets.server.read(drain);
            }
        }
        for (int i = 0; i < 50; i++) {
            try (Relay r = zc.relay(source, out)) {
                assertEquals(0, r.pending());
            }
            try {
                zc.sendfile(out, in, 0, -1);
            } catch (IllegalArgumentException expected) {
                // errors must not leak either
            }
        }
    }
}

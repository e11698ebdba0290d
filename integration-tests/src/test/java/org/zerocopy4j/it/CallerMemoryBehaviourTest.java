package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

/**
 * Header memory that the caller freed must never reach the network: a direct buffer from a closed FFM arena fails the
 * call as the JDK's own write does, and the peer receives nothing (an unguarded native call sent another allocation's
 * bytes). FFM is final from JDK 22; reached by reflection, since the suite compiles for 17.
 */
class CallerMemoryBehaviourTest {
    @TempDir
    Path dir;

    /** A 51-byte direct buffer whose arena is already closed. */
    private static ByteBuffer freedHeader() throws Exception {
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        AutoCloseable arena = (AutoCloseable) arenaType.getMethod("ofShared").invoke(null);
        Object segment = arenaType.getMethod("allocate", long.class).invoke(arena, 51L);
        ByteBuffer header = (ByteBuffer) segmentType.getMethod("asByteBuffer").invoke(segment);
        arena.close();
        return header;
    }

    @ParameterizedTest
    @MethodSource("org.zerocopy4j.it.AvailableProviders#names")
    void aHeaderFromAClosedArenaFailsAndNothingIsSent(String provider) throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "FFM arenas are final from JDK 22");
        byte[] data = TestFiles.pattern(1000, 0);
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, data.length));
                LoopbackPeer peer = LoopbackPeer.open()) {
            SendfileOptions options = SendfileOptions.builder().headers(freedHeader()).build();
            assertThrows(IllegalStateException.class,
                    () -> ZeroCopy.using(provider).sendfile(peer.sender(), in, 0, data.length, options));
            assertEquals(0, peer.finish().length, "bytes reached the peer from freed memory or after a failed call");
        }
    }
}

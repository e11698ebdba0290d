package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

/**
 * A file that changes size while a call sends it (a log under copytruncate, or one being appended to): whatever the
 * call then sends, it reports exactly what reached the peer, the position moves past the file bytes that went and no
 * further, the bytes on the wire are the file's, and the trailers go out at most once, after them.
 */
@VirtualThreadsWhenAsked
class FileSizeChangeBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final int SIZE = 8 << 20;
    private static final byte[] TRAILER = "TRAILER".getBytes();

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aFileTruncatedDuringTheCall(String provider) throws Exception {
        check(provider, file -> {
            try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
                w.truncate(1 << 20);
            }
        });
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void aFileGrownDuringTheCall(String provider) throws Exception {
        check(provider, file -> {
            try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer more = ByteBuffer.wrap(TestFiles.pattern(4 << 20, 1L << 40));
                while (more.hasRemaining()) {
                    w.write(more);
                }
            }
        });
    }

    private interface Change {
        void apply(Path file) throws Exception;
    }

    private void check(String provider, Change change) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path file = TestFiles.withPattern(dir, SIZE);
        SendfileOptions options = SendfileOptions.builder().trailers(ByteBuffer.wrap(TRAILER)).build();
        try (FileChannel in = TestFiles.read(file); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            AtomicReference<Throwable> changeFailed = new AtomicReference<>();
            // The call fills the socket's buffers and waits; the file changes under it; then the peer reads.
            Thread changer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    change.apply(file);
                } catch (Throwable t) {
                    changeFailed.set(t);
                } finally {
                    peer.resumeReading();
                }
            }, "file-size-changer");
            changer.start();
            long n = zc.sendfile(peer.sender(), in, ZeroCopy.POSITION, Long.MAX_VALUE, options);
            changer.join();
            assertEquals(null, changeFailed.get());
            long position = in.position();
            byte[] received = peer.finish();
            byte[] now = Files.readAllBytes(file);
            assertEquals(received.length, n, "the count returned is what reached the peer");
            assertTrue(position > 0 && position <= Math.max(now.length, SIZE), "position " + position);
            assertTrue(received.length == position || received.length == position + TRAILER.length,
                    "the peer got " + received.length + " bytes for " + position + " file bytes");
            // The file bytes that went are the file's (a truncated range's pages stay what they were).
            byte[] expectedFile = Arrays.copyOf(now.length >= position ? now : TestFiles.pattern(SIZE, 0),
                    (int) position);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(expectedFile);
            if (received.length > position) {
                expected.writeBytes(TRAILER);
            }
            assertArrayEquals(expected.toByteArray(), received);
        }
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.TestFiles;

/**
 * The largest offset, {@code Long.MAX_VALUE}, is past the end of every file: every call reading there returns -1
 * (end of input) and moves nothing, as at {@code Long.MAX_VALUE - 1}, whether the offset is explicit or the
 * channel's position; no call fails because offset + count passes the largest offset.
 */
class LastOffsetBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final SendfileOptions MORE = SendfileOptions.builder().flags(SendfileFlag.MORE).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void everyCallAtTheLastOffsetIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path outFile = dir.resolve("out");
        List<String> wrong = new ArrayList<>();
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 1000));
                FileChannel out = FileChannel.open(outFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                LoopbackPeer peer = LoopbackPeer.open()) {
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                for (long offset : new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
                    for (long count : new long[] {1, 4096, Long.MAX_VALUE}) {
                        String at = " at " + offset + ", count " + count;
                        check(wrong, "sendfile to a socket" + at, () -> zc.sendfile(peer.sender(), in, offset, count));
                        check(wrong, "sendfile MORE to a socket" + at,
                                () -> zc.sendfile(peer.sender(), in, offset, count, MORE));
                        check(wrong, "sendfile to a file" + at, () -> zc.sendfile(out, in, offset, count));
                        check(wrong, "sendfile to a pipe" + at, () -> zc.sendfile(sink, in, offset, count));
                        check(wrong, "splice to a pipe" + at,
                                () -> zc.splice(in, offset, sink, ZeroCopy.POSITION, count));
                        check(wrong, "splice to a socket" + at,
                                () -> zc.splice(in, offset, peer.sender(), ZeroCopy.POSITION, count));
                        check(wrong, "splice to a file" + at, () -> zc.splice(in, offset, out, 0, count));
                        check(wrong, "copyRange" + at, () -> zc.copyRange(in, offset, out, 0, count));
                        check(wrong, "copyRange to the position" + at,
                                () -> zc.copyRange(in, offset, out, ZeroCopy.POSITION, count));
                    }
                }
                assertEquals(0, out.size(), "bytes written to the file");
                assertEquals(0, in.position(), "the input's position");
            }
            assertEquals(0, peer.finish().length, "bytes sent to the socket");
        }
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void everyCallAtTheLastPositionIsEndOfInput(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        // tmpfs takes a position of Long.MAX_VALUE; ext4 refuses positions past its largest file.
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm here");
        Path file = Files.createTempFile(shm, "zc", ".bin");
        List<String> wrong = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel out = TestFiles.write(dir.resolve("out")); LoopbackPeer peer = LoopbackPeer.open()) {
            in.write(ByteBuffer.wrap(new byte[1000]), 0);
            try {
                in.position(Long.MAX_VALUE);
            } catch (java.io.IOException refusedByThisFilesystem) {
                Assumptions.abort("this filesystem refuses the position Long.MAX_VALUE: " + refusedByThisFilesystem);
            }
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                long p = ZeroCopy.POSITION;
                for (long count : new long[] {1, 4096, Long.MAX_VALUE}) {
                    String at = " at the position Long.MAX_VALUE, count " + count;
                    check(wrong, "sendfile to a socket" + at, () -> zc.sendfile(peer.sender(), in, p, count));
                    check(wrong, "sendfile MORE to a socket" + at,
                            () -> zc.sendfile(peer.sender(), in, p, count, MORE));
                    check(wrong, "sendfile to a file" + at, () -> zc.sendfile(out, in, p, count));
                    check(wrong, "sendfile to a pipe" + at, () -> zc.sendfile(sink, in, p, count));
                    check(wrong, "splice to a pipe" + at, () -> zc.splice(in, p, sink, p, count));
                    check(wrong, "splice to a socket" + at, () -> zc.splice(in, p, peer.sender(), p, count));
                    check(wrong, "splice to a file" + at, () -> zc.splice(in, p, out, 0, count));
                    check(wrong, "copyRange" + at, () -> zc.copyRange(in, p, out, 0, count));
                    check(wrong, "copyRange to the position" + at, () -> zc.copyRange(in, p, out, p, count));
                    assertEquals(Long.MAX_VALUE, in.position(), "the input's position after" + at);
                }
            }
            assertEquals(0, out.size(), "bytes written to the file");
            assertEquals(0, peer.finish().length, "bytes sent to the socket");
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(List.of(), wrong);
    }

    private interface Call {
        long run() throws Exception;
    }

    private static void check(List<String> wrong, String what, Call call) {
        try {
            long n = call.run();
            if (n != -1) {
                wrong.add(what + ": returned " + n);
            }
        } catch (Exception e) {
            wrong.add(what + ": " + e);
        }
    }
}

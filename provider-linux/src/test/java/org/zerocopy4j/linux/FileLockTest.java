package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.SendfileOptions;

/**
 * Closing any descriptor of a file drops every POSIX lock the process holds on it. Transfers must therefore never
 * close a descriptor of a file channel, or they would silently release the caller's FileLocks.
 */
class FileLockTest {
    @TempDir
    Path dir;

    private static boolean processHoldsPosixLockOn(Path file) throws Exception {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        String inode = key.toString().replaceAll(".*ino=(\\d+).*", "$1");
        long pid = ProcessHandle.current().pid();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] f = line.trim().split("\\s+");
            // "1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"
            if (f.length > 5 && f[1].equals("POSIX") && f[4].equals(Long.toString(pid))
                    && f[5].endsWith(":" + inode)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void transfersKeepTheCallersFileLocks() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 100_000);
        Path dst = dir.resolve("dst");
        SocketChannel[] pair = Fixtures.socketPair();
        try (FileChannel in = FileChannel.open(src, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE); FileChannel out = Fixtures.write(dst);
                SocketChannel sock = pair[0]; SocketChannel peer = pair[1];
                FileLock inLock = in.lock(); FileLock outLock = out.lock()) {
            assertTrue(processHoldsPosixLockOn(src) && processHoldsPosixLockOn(dst), "precondition");
            Fixtures.linux().copyRange(in, 0, out, 0, 50_000);
            Fixtures.linux().splice(in, 0, out, 50_000, 10_000);
            Fixtures.linux().sendfile(out, in, 0, 1000, SendfileOptions.NONE);
            Fixtures.linux().sendfile(sock, in, 0, 1000, SendfileOptions.NONE);
            assertTrue(processHoldsPosixLockOn(src), "the lock on the input file was dropped");
            assertTrue(processHoldsPosixLockOn(dst), "the lock on the output file was dropped");
        }
    }
}

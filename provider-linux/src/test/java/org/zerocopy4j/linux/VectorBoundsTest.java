package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.JdkChannelIo;

/** The C core trusts no vector entry: one reaching past its buffer's capacity is refused before the kernel sees it. */
class VectorBoundsTest {
    @TempDir
    Path dir;

    @Test
    void anEntryPastTheBuffersCapacityIsRefusedAndNothingIsWritten() throws Exception {
        assertTrue(new LinuxProvider().isAvailable());
        Path target = dir.resolve("out");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer small = ByteBuffer.allocateDirect(4);
            JdkChannelIo.Entry entry = LinuxNative.IO.begin(out, ChannelKind.FILE, true);
            long r;
            long m;
            try {
                r = LinuxNative.writev(entry.fd, new ByteBuffer[] {small}, new int[] {0}, new int[] {4096}, 1);
                m = LinuxNative.sendmsg(entry.fd, new ByteBuffer[] {small}, new int[] {2}, new int[] {3}, 1, 0);
            } finally {
                LinuxNative.IO.end(entry, false);
            }
            assertEquals(-Errno.EINVAL, r, "writev of 4096 bytes from a 4-byte buffer");
            assertEquals(-Errno.EINVAL, m, "sendmsg of bytes 2..5 of a 4-byte buffer");
        }
        assertEquals(0, Files.size(target));
    }
}

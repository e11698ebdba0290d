package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.testkit.TestFiles;

/**
 * The shared POSIX natives ChannelCall makes are registered by this core too, not only by Linux's: asking whether an
 * EINVAL at an offset only means "past the end" makes the one-byte pread (PosixNative.preadByte), which a POSIX
 * library that did not register it answers with UnsatisfiedLinkError.
 */
class PosixNativesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void onBsdOrThroughTheShim() {
        BsdTesting.assumeServed();
    }

    @Test
    void anInvalidOffsetAtOrPastTheEndReadsAsEndOfInput() throws Exception {
        try (FileChannel in = TestFiles.withBytes(dir, new byte[16]);
                FileChannel out = TestFiles.write(dir.resolve("out"));
                ChannelCall call = ChannelCall.of(BsdNative.LIBRARY.io(), in, ChannelKind.FILE, out, ChannelKind.FILE)
                        .open()) {
            assertTrue(call.pastInputEnd(16, -Errno.EINVAL), "at the end");
            assertTrue(call.pastInputEnd(1000, -Errno.EINVAL), "past the end");
            assertFalse(call.pastInputEnd(15, -Errno.EINVAL), "a byte is there");
        }
    }
}

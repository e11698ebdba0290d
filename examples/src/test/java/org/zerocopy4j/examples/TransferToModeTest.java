package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bench compares the modes, so each must send the same bytes as the zero-copy one. */
class TransferToModeTest {

    @ParameterizedTest
    @EnumSource(FileServer.Mode.class)
    void everyModeServesWholeFilesAndRanges(FileServer.Mode mode) throws Exception {
        Clients.require("curl");
        Path base = Files.createTempDirectory(Scratch.dir(), "mode-");
        Path file = Scratch.random(base.resolve("m.bin"), 3_000_000, 8);
        byte[] all = Files.readAllBytes(file);
        try (FileServer s = FileServer.start(base, new InetSocketAddress("127.0.0.1", 0), mode, false)) {
            String url = "http://127.0.0.1:" + s.address().getPort() + "/m.bin";
            Path got = base.resolve("got");
            assertEquals("200 3000000", FileServerTest.curl("-o", got.toString(), url).out().trim());
            assertArrayEquals(all, Files.readAllBytes(got));
            assertEquals("206 1000", FileServerTest.curl("-o", got.toString(), "-r", "2999000-", url).out().trim());
            assertArrayEquals(Arrays.copyOfRange(all, 2_999_000, 3_000_000), Files.readAllBytes(got));
        } finally {
            Scratch.deleteTree(base);
        }
    }
}

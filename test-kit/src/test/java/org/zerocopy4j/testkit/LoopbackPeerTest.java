package org.zerocopy4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The providers' quirk tests trust the peer to hold its reads until told, and then to keep every byte in order. */
class LoopbackPeerTest {
    @Test
    void aHeldPeerFillsTheSocketThenReceivesEverythingInOrder() throws Exception {
        byte[] data = TestFiles.pattern(8 << 20);
        try (LoopbackPeer peer = LoopbackPeer.holdReading()) {
            peer.sender().configureBlocking(false);
            ByteBuffer b = ByteBuffer.wrap(data);
            while (peer.sender().write(b) > 0) {
                // fills the send and receive buffers: nobody reads yet
            }
            assertTrue(b.hasRemaining(), "a held peer must let the socket fill up");
            peer.resumeReading();
            peer.sender().configureBlocking(true);
            while (b.hasRemaining()) {
                peer.sender().write(b);
            }
            assertArrayEquals(data, peer.finish());
        }
    }
}

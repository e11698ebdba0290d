package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Access-mode checks made before a step that cannot be undone (bytes sent as headers, bytes taken from a socket), so
 * that a wrong-mode channel fails before anything moved instead of after. A zero-length positional read or write runs
 * the JDK's own mode check and moves nothing.
 */
final class ChannelChecks {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private ChannelChecks() {
    }

    /** @throws java.nio.channels.NonReadableChannelException if {@code file} was not opened for reading */
    static void ensureReadable(FileChannel file) throws IOException {
        file.read(EMPTY.duplicate(), 0);
    }

    /** @throws java.nio.channels.NonWritableChannelException if {@code file} was not opened for writing */
    static void ensureWritable(FileChannel file) throws IOException {
        file.write(EMPTY.duplicate(), 0);
    }
}

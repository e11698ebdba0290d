package org.zerocopy4j.examples;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import org.zerocopy4j.ZeroCopy;

/**
 * Start-up work the JDK and the library would otherwise do on first use, each needing a free descriptor. Done before
 * the first connection, so that running out of descriptors later cannot break it for the life of the process.
 */
final class Warmup {
    private Warmup() {
    }

    /** Returns the chosen provider's name, for the start-up line. */
    static String run() throws IOException {
        // JDK 17: the first close of a socket or file channel initializes sun.nio.ch.FileDispatcherImpl, which opens
        // a descriptor for itself. If that first close happens under EMFILE, the class stays uninitialized and every
        // later close throws NoClassDefFoundError: descriptors leak and the server never recovers.
        SocketChannel.open().close();
        // Loads the native library (a file to open, a library to map) while there are descriptors to do it with.
        return ZeroCopy.provider().name();
    }
}

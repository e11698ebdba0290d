package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/**
 * Makes sure the JDK's wakeup-signal handler is installed before the {@link Watchdog} relies on it. libnio installs it
 * when its NativeThread class initializes, which the first blocking pipe operation does.
 */
final class WakeupSignal {
    private WakeupSignal() {
    }

    /** Whether blocked calls can be woken in this process. */
    static boolean usable() {
        if (Watchdog.signalProblem() == null) {
            return true;
        }
        try {
            Pipe pipe = Pipe.open();
            try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                sink.write(ByteBuffer.wrap(new byte[1]));
                source.read(ByteBuffer.allocate(1));
            }
        } catch (IOException e) {
            return false;
        }
        return Watchdog.signalProblem() == null;
    }
}

package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import org.zerocopy4j.internal.Errno;

/**
 * The JDK's wakeup signal, which close() sends to a thread blocked in I/O on the closed channel. Blocking sockets and
 * pipes are served only while it can interrupt a call: otherwise a close by another thread could leave a transfer
 * hanging.
 */
final class WakeupSignal {
    /** SIGRTMAX-2: the signal the JDK uses on Linux to wake threads blocked in I/O (NativeThread). */
    static final int NUMBER = 62;

    private WakeupSignal() {
    }

    /**
     * Whether blocked calls can be woken in this process. libnio installs the handler when its NativeThread class
     * initializes, which the first blocking pipe operation does.
     */
    static boolean usable() {
        if (problem() == null) {
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
        return problem() == null;
    }

    /**
     * Why the signal cannot interrupt a call in this process, or null when it can: its handler must be a function
     * (the default action would kill the process) installed without SA_RESTART (the call would silently resume).
     */
    static String problem() {
        long disposition = LinuxNative.signalDisposition(NUMBER);
        if (disposition < 0) {
            return "rt_sigaction(" + NUMBER + ") failed: " + Errno.name((int) -disposition);
        }
        long handler = disposition >>> 40;
        if (handler != LinuxNative.HANDLER_FUNCTION) {
            return "signal " + NUMBER + " has no handler installed (the JDK's NIO library installs one)";
        }
        if ((disposition & LinuxConstants.SA_RESTART) != 0) {
            return "signal " + NUMBER + " is installed with SA_RESTART, so it cannot interrupt a call";
        }
        return null;
    }
}

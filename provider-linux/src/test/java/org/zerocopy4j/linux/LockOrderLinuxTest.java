package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Pipe;

import org.junit.jupiter.api.Test;

/**
 * The end of a call, as issue 19's reading found it: a call that moved bytes tells the JDK's end step so, and a close
 * just after it does not hide the count.
 */
@org.junit.jupiter.api.Timeout(60)
class LockOrderLinuxTest {
    /** Loads the library before any test touches the JDK members directly: they resolve once, on first use. */
    @org.junit.jupiter.api.BeforeAll
    static void loadTheLibrary() {
        LinuxProvider provider = new LinuxProvider();
        assertTrue(provider.isAvailable(), () -> "unavailable: " + provider.unavailabilityCause());
    }

    /**
     * A call that moved bytes and whose channel another thread closes just before it ends (here: this very thread,
     * after the bytes moved, which is the same as far as the JDK's end step goes) returns its count, as the JDK's
     * own read does; one that moved nothing ends with AsynchronousCloseException.
     */
    @Test
    void aCallThatMovedBytesIsNotReportedAsCutOffByALaterClose() throws Exception {
        for (boolean moved : new boolean[] {true, false}) {
            Pipe pipe = Pipe.open();
            try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
                LeasedCall call = LeasedCall.lease(source, LinuxNative.KIND_PIPE_SOURCE, null, 0);
                if (moved) {
                    call.reported(5);
                }
                source.close(); // deferred by the JDK until the call leaves: this thread is its reader
                if (moved) {
                    call.close();
                } else {
                    assertThrows(AsynchronousCloseException.class, call::close);
                }
                assertFalse(source.isOpen());
            }
        }
    }
}

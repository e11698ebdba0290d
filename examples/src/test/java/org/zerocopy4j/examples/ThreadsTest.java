package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Connections get virtual threads exactly when the running JDK has them, and the log line says which. */
class ThreadsTest {

    @Test
    void virtualThreadsFromJdk21() throws Exception {
        boolean expected = Runtime.version().feature() >= 21;
        Threads t = Threads.of(true);
        assertEquals(expected, t.virtual());
        assertEquals((expected ? "virtual" : "platform") + " threads (JDK " + Runtime.version().feature() + ")",
                t.describe());
        CompletableFuture<String> seen = new CompletableFuture<>();
        t.start("probe", () -> seen.complete(Thread.currentThread().toString())).join();
        // A virtual thread's toString starts with "VirtualThread"; a platform thread's with "Thread[".
        assertEquals(expected, seen.get().startsWith("VirtualThread"), seen.get());
    }

    @Test
    void platformThreadsWhenNotAskedFor() {
        assertFalse(Threads.of(false).virtual());
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.TestFiles;

/**
 * Two threads copy between the same two files in opposite directions, as two request handlers appending each other's
 * tail do: neither may wait for the other for ever. A call that holds one file's position lock and then asks the other
 * file anything that takes that file's lock (its size, its position) deadlocks with the mirror call; every later call
 * on either file then blocks too.
 */
@VirtualThreadsWhenAsked
class CrossedCopiesBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    /** Long enough that the deadlock, when there is one, happens (within 150 ms in every run on 27e8478). */
    private static final long RUN_MILLIS = 2000;

    @TempDir
    Path dir;

    private interface Copy {
        long run(FileChannel from, FileChannel to) throws Exception;
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void crossedCopiesFromAnOffsetToThePositionNeverDeadlock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        // Each file holds 4096 bytes, so a copy from offset 4096 is at the end of its input: the last call of any
        // copy loop, which asks whether the input really ended.
        crossed((from, to) -> zc.copyRange(from, 4096, to, ZeroCopy.POSITION, 4096));
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void crossedCopiesBetweenPositionsNeverDeadlock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        crossed((from, to) -> {
            from.position(4096);
            return zc.copyRange(from, ZeroCopy.POSITION, to, ZeroCopy.POSITION, 4096);
        });
    }

    private void crossed(Copy copy) throws Exception {
        Path a = TestFiles.withPattern(dir, 4096);
        Path b = TestFiles.withPattern(dir, 4096);
        try (FileChannel fa = FileChannel.open(a, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel fb = FileChannel.open(b, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong[] calls = {new AtomicLong(), new AtomicLong()};
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread one = start("a-to-b", loop(copy, fa, fb, stop, calls[0], failure));
            Thread two = start("b-to-a", loop(copy, fb, fa, stop, calls[1], failure));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            long[] deadlocked = null;
            while (System.nanoTime() < end && failure.get() == null) {
                deadlocked = ours(threads.findDeadlockedThreads(), one, two);
                if (deadlocked != null) {
                    break;
                }
                Thread.sleep(50);
            }
            stop.set(true);
            long[] found = deadlocked;
            assertNull(found, () -> "deadlocked after " + calls[0].get() + " and " + calls[1].get() + " calls: "
                    + describe(threads, found));
            one.join(5000);
            two.join(5000);
            // A virtual thread's deadlock is invisible to findDeadlockedThreads: it shows as a thread that never ends.
            assertFalse(one.isAlive() || two.isAlive(), () -> "a copy never returned, after " + calls[0].get()
                    + " and " + calls[1].get() + " calls");
            if (failure.get() != null) {
                throw new AssertionError("a copy failed", failure.get());
            }
            assertTrue(calls[0].get() > 0 && calls[1].get() > 0,
                    () -> "no progress: " + calls[0].get() + " and " + calls[1].get() + " calls");
            // Both files are as they were: every call was at the end of its input.
            assertEquals(4096, fa.size());
            assertEquals(4096, fb.size());
        }
    }

    private static Runnable loop(Copy copy, FileChannel from, FileChannel to, AtomicBoolean stop, AtomicLong calls,
            AtomicReference<Throwable> failure) {
        return () -> {
            try {
                while (!stop.get()) {
                    long n = copy.run(from, to);
                    if (n != -1) {
                        throw new AssertionError("a copy at the end of its input returned " + n + ", not -1");
                    }
                    calls.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
    }

    /** A daemon thread, virtual when the suite runs on virtual threads (so the copies run there too). */
    private static Thread start(String name, Runnable body) throws Exception {
        if (Boolean.getBoolean(VirtualThreadInterceptor.PROPERTY)) {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                    .invoke(builder, body);
        }
        Thread t = new Thread(body, name);
        t.setDaemon(true); // a deadlocked copy fails its test instead of holding the test JVM open
        t.start();
        return t;
    }

    /** The deadlocked threads among this test's own (another test's stuck threads are not this one's failure). */
    private static long[] ours(long[] deadlocked, Thread... mine) {
        if (deadlocked == null) {
            return null;
        }
        long[] found = Arrays.stream(deadlocked)
                .filter(id -> Arrays.stream(mine).anyMatch(t -> t.getId() == id))
                .toArray();
        return found.length == 0 ? null : found;
    }

    private static String describe(ThreadMXBean threads, long[] ids) {
        if (ids == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (ThreadInfo info : threads.getThreadInfo(ids, true, false)) {
            s.append('\n').append(info.getThreadName()).append(" waits for ").append(info.getLockName())
                    .append(" held by ").append(info.getLockOwnerName());
            Arrays.stream(info.getStackTrace()).limit(12).forEach(f -> s.append("\n    at ").append(f));
        }
        return s.toString();
    }
}

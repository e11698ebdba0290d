package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.LoopbackPeer;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/**
 * Another thread's close() or interrupt during a transfer, as a server sees it when a client goes away or a request
 * is cancelled: the blocked transfer ends promptly with the JDK's exception, and no byte reaches a file that reused a
 * closed descriptor's number.
 */
class CloseBehaviourTest {
    private static final String PROVIDERS = "org.zerocopy4j.it.AvailableProviders#names";
    private static final int BIG = 256 << 20;

    @TempDir
    Path dir;

    private Path sparse(int size) throws Exception {
        Path p = dir.resolve("big");
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
        return p;
    }

    /** Starts one sendfile of far more than the socket buffers hold to a peer that never reads: it can only block. */
    private static Thread blockedSendfile(Transfers zc, SocketChannel out, FileChannel in, Object[] outcome) {
        Thread t = new Thread(sendfileInto(zc, out, in, outcome), "blocked-sendfile");
        t.setDaemon(true); // a transfer that never ends fails its test instead of holding the test JVM open
        t.start();
        return t;
    }

    private static Runnable sendfileInto(Transfers zc, SocketChannel out, FileChannel in, Object[] outcome) {
        return sendfileInto(zc, out, in, 0, SendfileOptions.NONE, outcome);
    }

    private static Runnable sendfileInto(Transfers zc, SocketChannel out, FileChannel in, long offset,
            SendfileOptions options, Object[] outcome) {
        return () -> {
            try {
                outcome[0] = zc.sendfile(out, in, offset, BIG, options);
            } catch (Throwable e) {
                outcome[0] = e;
            }
        };
    }

    /**
     * The same on a virtual thread (JDK 21+; reflection keeps the suite compiling for Java 17). There a call may
     * return what the socket took before it filled (the descriptor is non-blocking and the wait parks), so the file
     * is sent in a loop, as any caller does, which then waits on the stalled peer.
     */
    private static Thread blockedVirtualSendfile(Transfers zc, SocketChannel out, FileChannel in, Object[] outcome)
            throws Exception {
        Runnable loop = () -> {
            try {
                long sent = 0;
                for (long n; sent < BIG && (n = zc.sendfile(out, in, sent, BIG - sent, SendfileOptions.NONE)) > 0; ) {
                    sent += n;
                }
                outcome[0] = sent;
            } catch (Throwable e) {
                outcome[0] = e;
            }
        };
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, loop);
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        Thread.sleep(300);
        assertTrue(t.isAlive(), "the transfer should be blocked on the stalled peer");
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingTheSocketEndsASendfileBlockedOnAStalledPeerWithinOneSecond(String provider) throws Exception {
        // The fallback too: it writes to a blocking socket with the socket's own write, which close wakes (the JDK's
        // transferTo would wait in sendfile(2) until the peer read).
        closeEndsABlockedSendfile(provider, true);
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingTheFileEndsASendfileBlockedOnAStalledPeerWithinOneSecond(String provider) throws Exception {
        // The fallback waits in the socket's own write (so that closing the socket ends it, which matters more to a
        // server); the JDK has no call that the file's close wakes too. The file's close() itself returns at once.
        assumeFalse(provider.equals("fallback"), "the fallback's socket write is not woken by closing the file");
        closeEndsABlockedSendfile(provider, false);
    }

    /**
     * A virtual thread's call blocks its carrier in the kernel (the socket's descriptor stays blocking: no JDK call
     * made it non-blocking for virtual threads), and the JDK's close() does not signal virtual threads.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingTheSocketEndsAVirtualThreadsSendfileBlockedInTheKernel(String provider) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        // The fallback too: on a virtual thread it sends through the socket's own write, which close wakes.
        closeEndsABlockedSendfile(provider, true, true);
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingTheFileEndsAVirtualThreadsSendfileBlockedInTheKernel(String provider) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        // The fallback waits in the socket's own write, which closing the file does not wake (see above).
        assumeFalse(provider.equals("fallback"), "the fallback's socket write is not woken by closing the file");
        closeEndsABlockedSendfile(provider, false, true);
    }

    /**
     * A file's close() is not held up by a transfer from it that waits for its socket, whose write lock another
     * writer blocked on the full socket holds: the transfer joins the file's I/O only once it has the socket.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingTheFileIsNotHeldUpByATransferWaitingForAnotherWritersSocket(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(sparse(BIG)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            Thread writer = new Thread(() -> {
                try {
                    peer.sender().write(ByteBuffer.allocate(64 << 20));
                } catch (Exception expected) {
                    // ended by the socket's close below
                }
            }, "other-writer");
            writer.setDaemon(true);
            writer.start();
            awaitBlocked(writer);
            Object[] outcome = new Object[1];
            Thread t = blockedSendfile(zc, peer.sender(), in, outcome);
            awaitBlocked(t);
            Thread closer = new Thread(() -> {
                try {
                    in.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "closer");
            closer.setDaemon(true);
            closer.start();
            closer.join(1000);
            assertFalse(closer.isAlive(), "the file's close() waits for a transfer waiting for another writer");
            peer.sender().close();
            t.join(1000);
            writer.join(1000);
            assertFalse(t.isAlive(), "the transfer outlived both its channels");
            // The JDK's transferTo (the fallback's) takes no socket lock, and returns a short count when cut off.
            assertTrue(outcome[0] instanceof ClosedChannelException
                    || outcome[0] instanceof Long sent && sent < BIG, () -> "got " + outcome[0]);
        }
    }

    private void closeEndsABlockedSendfile(String provider, boolean closeSocket) throws Exception {
        closeEndsABlockedSendfile(provider, closeSocket, false);
    }

    private void closeEndsABlockedSendfile(String provider, boolean closeSocket, boolean virtual) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(sparse(BIG)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            Object[] outcome = new Object[1];
            Thread t = virtual ? blockedVirtualSendfile(zc, peer.sender(), in, outcome)
                    : blockedSendfile(zc, peer.sender(), in, outcome);
            awaitBlocked(t);
            long closedAt = System.nanoTime();
            // On its own thread: a file's close() waits for the threads in its calls to leave.
            Thread closer = new Thread(() -> {
                try {
                    (closeSocket ? peer.sender() : in).close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "closer");
            closer.setDaemon(true);
            closer.start();
            t.join(1000);
            closer.join(1000);
            assertFalse(closer.isAlive(), "close() still waiting for the blocked transfer after 1 s");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
            assertFalse(t.isAlive(), "still blocked " + tookMillis + " ms after close");
            if (outcome[0] instanceof Long sent) {
                // The JDK's transferTo returns the short count when its own channel is closed under it; the caller
                // learns of the close from the next call.
                assertTrue(sent < BIG, "a transfer cut off by close cannot have sent everything");
                assertThrows(ClosedChannelException.class,
                        () -> zc.sendfile(peer.sender(), in, sent, BIG - sent, SendfileOptions.NONE));
            } else if (virtual) {
                // The caller's loop: a call the close cut off (AsynchronousCloseException), or the call after one
                // that returned its short count (ClosedChannelException, the JDK's answer on a closed channel).
                assertTrue(outcome[0] instanceof ClosedChannelException, () -> "got " + outcome[0]);
            } else {
                assertEquals(AsynchronousCloseException.class, outcome[0] == null ? null : outcome[0].getClass(),
                        () -> "got " + outcome[0]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void interruptEndsASendfileBlockedOnAStalledPeerAndClosesAChannel(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        try (FileChannel in = TestFiles.read(sparse(BIG)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            Object[] outcome = new Object[1];
            Thread t = blockedSendfile(zc, peer.sender(), in, outcome);
            awaitBlocked(t);
            t.interrupt();
            t.join(1000);
            assertFalse(t.isAlive(), "still blocked 1 s after the interrupt");
            assertEquals(ClosedByInterruptException.class, outcome[0] == null ? null : outcome[0].getClass(),
                    () -> "got " + outcome[0]);
            // The JDK closes the channel the thread was blocked on; which one that is differs between its calls.
            assertTrue(!in.isOpen() || !peer.sender().isOpen(), "an interrupted transfer closes its channel");
        }
    }

    /**
     * The same at the file's position, with MORE: the position is the file channel's own state, and a provider that
     * touched it while its call held the channel would, on an interrupt, close the channel on its own thread and wait
     * for itself forever.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void interruptEndsASendfileAtThePositionWithMoreAndClosesAChannel(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        SendfileOptions more = SendfileOptions.builder().flags(SendfileFlag.MORE).build();
        try (FileChannel in = TestFiles.read(sparse(BIG)); LoopbackPeer peer = LoopbackPeer.holdReading()) {
            Object[] outcome = new Object[1];
            Thread t = new Thread(sendfileInto(zc, peer.sender(), in, ZeroCopy.POSITION, more, outcome), "at-position");
            t.setDaemon(true);
            t.start();
            awaitBlocked(t);
            t.interrupt();
            t.join(1000);
            assertFalse(t.isAlive(), "still running 1 s after the interrupt");
            assertEquals(ClosedByInterruptException.class, outcome[0] == null ? null : outcome[0].getClass(),
                    () -> "got " + outcome[0]);
        }
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void anInterruptedThreadMovesNothingAndClosesTheChannel(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path dst = dir.resolve("dst");
        try (FileChannel in = TestFiles.read(TestFiles.withPattern(dir, 10)); FileChannel out = TestFiles.write(dst)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> zc.copyRange(in, 0, out, 0, 10));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt status stays set, as the JDK leaves it");
            }
            assertTrue(!in.isOpen() || !out.isOpen(), "an interrupted call closes its channel, as the JDK does");
            assertEquals(0, Files.size(dst));
        }
    }

    /**
     * Channels are closed while copies on them run, and another thread keeps opening files that may receive the
     * closed descriptor numbers: those files must stay empty whatever the timing.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closingChannelsMidTransferNeverTouchesAFileThatReusedTheDescriptor(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path src = TestFiles.withPattern(dir, 1 << 20);
        AtomicBoolean stop = new AtomicBoolean();
        List<Path> bystanders = new ArrayList<>();
        List<FileChannel> open = new ArrayList<>();
        Thread opener = new Thread(() -> {
            // At most 300 bystanders: a slow machine (a QEMU cell) would otherwise reach the descriptor limit.
            for (int i = 0; !stop.get() && i < 300; i++) {
                try {
                    Path p = dir.resolve("bystander-" + i);
                    FileChannel c = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    synchronized (bystanders) {
                        bystanders.add(p);
                        open.add(c);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        opener.start();
        try {
            for (int round = 0; round < 200; round++) {
                FileChannel in = TestFiles.read(src);
                FileChannel out = TestFiles.write(dir.resolve("dst-" + round));
                CompletableFuture<Void> copying = CompletableFuture.runAsync(() -> {
                    try {
                        for (int k = 0; k < 64; k++) {
                            zc.copyRange(in, (k * 16384L) % (1 << 20), out, k * 16384L, 16384);
                        }
                    } catch (ClosedChannelException expected) {
                        // the point of the test: the channels are closed under it
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                (round % 2 == 0 ? in : out).close();
                copying.get(5, TimeUnit.SECONDS);
                in.close();
                out.close();
            }
        } finally {
            stop.set(true);
            opener.join();
            for (FileChannel c : open) {
                c.close();
            }
        }
        for (Path p : bystanders) {
            assertEquals(0, Files.size(p), () -> p + " received bytes meant for a closed channel");
        }
    }

    // ---- a call waiting for a lock that another thread holds for as long as its slow peer lets it ----

    /** One call under test, with what it is waiting for set up by {@link Scene}. */
    private interface Blocked {
        long run() throws Exception;
    }

    /** A call's channels and what to close afterwards; {@code in} is the channel the test closes. */
    private static final class Scene implements AutoCloseable {
        final List<AutoCloseable> resources = new ArrayList<>();
        final List<Thread> writers = new ArrayList<>();
        Channel in;
        Channel out;

        <T extends AutoCloseable> T add(T resource) {
            resources.add(resource);
            return resource;
        }

        @Override
        public void close() throws Exception {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            // A blocked writer's channel is closed finally when it leaves: let that happen here, not in a later test
            // (which may count descriptors).
            for (Thread writer : writers) {
                writer.join(5000);
            }
        }
    }

    /**
     * Another writer holds {@code out}'s write lock, blocked on a socket whose peer never reads (or on a full pipe
     * nobody reads): the JDK's own write holds the lock for as long as the peer lets it wait.
     */
    private static void holdTheWriteLock(Scene scene, WritableByteChannel out) throws InterruptedException {
        Thread writer = new Thread(() -> {
            try {
                out.write(ByteBuffer.allocate(64 << 20));
            } catch (Exception expected) {
                // ended when the test closes the channel
            }
        }, "other-writer");
        writer.setDaemon(true);
        writer.start();
        scene.writers.add(writer);
        awaitBlocked(writer);
    }

    /** A socket with nothing to read: its other end is kept open and silent. */
    private static SocketChannel silentSocket(Scene scene) throws Exception {
        return scene.add(new SocketPair()).server;
    }

    /** A socket whose write lock another writer holds, blocked on a peer that never reads. */
    private static SocketChannel socketHeldByAnotherWriter(Scene scene) throws Exception {
        SocketChannel out = scene.add(LoopbackPeer.holdReading()).sender();
        holdTheWriteLock(scene, out);
        return out;
    }

    /** A pipe's sink whose lock another writer holds, blocked on the full pipe. */
    private static Pipe.SinkChannel sinkHeldByAnotherWriter(Scene scene) throws Exception {
        Pipe pipe = Pipe.open();
        scene.add(pipe.source());
        Pipe.SinkChannel sink = scene.add(pipe.sink());
        holdTheWriteLock(scene, sink);
        return sink;
    }

    private static Pipe.SourceChannel emptySource(Scene scene) throws Exception {
        Pipe pipe = Pipe.open();
        scene.add(pipe.sink());
        return scene.add(pipe.source());
    }

    private interface Setup {
        Blocked build(Scene scene) throws Exception;
    }

    /**
     * Runs the call, waits until it is stuck, then closes its input (AsynchronousCloseException expected), in a second
     * run its output (the same, where a native provider serves the call: the fallback waits in the JDK's own write,
     * whose second writer gets ClosedChannelException), or, in a third, interrupts it (ClosedByInterruptException, and a channel closed,
     * as the JDK does): each must end it within 1 s.
     */
    private static void closeAndInterruptEndIt(Transfers zc, Feature operation, Setup setup) throws Exception {
        List<String> ways = servedNatively(zc, operation) ? List.of("in", "out", "interrupt")
                : List.of("in", "interrupt");
        for (String way : ways) {
            boolean interrupt = way.equals("interrupt");
            try (Scene scene = new Scene()) {
                Blocked call = setup.build(scene);
                Object[] outcome = new Object[1];
                Thread t = new Thread(() -> {
                    try {
                        outcome[0] = call.run();
                    } catch (Throwable e) {
                        outcome[0] = e;
                    }
                }, "waiting-call");
                t.setDaemon(true);
                t.start();
                awaitBlocked(t);
                long endedAt = System.nanoTime();
                if (interrupt) {
                    t.interrupt();
                } else {
                    (way.equals("in") ? scene.in : scene.out).close();
                }
                t.join(1000);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedAt);
                String how = interrupt ? "the interrupt" : "closing its " + (way.equals("in") ? "input" : "output");
                assertFalse(t.isAlive(), () -> "still waiting " + tookMillis + " ms after " + how);
                Class<?> expected = interrupt ? ClosedByInterruptException.class : AsynchronousCloseException.class;
                assertEquals(expected, outcome[0] == null ? null : outcome[0].getClass(),
                        () -> "after " + how + ": got " + outcome[0]);
                if (interrupt) {
                    assertTrue(!scene.in.isOpen() || !scene.out.isOpen(), "an interrupted call closes its channel");
                }
            }
        }
    }

    /** Whether the first provider of {@code zc} serves {@code operation} itself, in the kernel. */
    private static boolean servedNatively(Transfers zc, Feature operation) {
        Set<Feature> features = zc.dispatchOrder().get(0).features();
        return features.contains(operation) && AvailableProviders.isNative(zc.dispatchOrder().get(0).name());
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closeAndInterruptEndASocketToSocketSpliceWaitingForItsOutputsLock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        closeAndInterruptEndIt(zc, Feature.SPLICE, scene -> {
            SocketChannel in = silentSocket(scene);
            SocketChannel out = socketHeldByAnotherWriter(scene);
            scene.in = in;
            scene.out = out;
            return () -> zc.splice(in, out, 1 << 20);
        });
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closeAndInterruptEndAPipeToSocketSpliceWaitingForItsOutputsLock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        closeAndInterruptEndIt(zc, Feature.SPLICE, scene -> {
            Pipe.SourceChannel in = emptySource(scene);
            SocketChannel out = socketHeldByAnotherWriter(scene);
            scene.in = in;
            scene.out = out;
            return () -> zc.splice(in, out, 1 << 20);
        });
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closeAndInterruptEndASocketToPipeSpliceWaitingForItsOutputsLock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        closeAndInterruptEndIt(zc, Feature.SPLICE, scene -> {
            SocketChannel in = silentSocket(scene);
            Pipe.SinkChannel out = sinkHeldByAnotherWriter(scene);
            scene.in = in;
            scene.out = out;
            return () -> zc.splice(in, out, 1 << 20);
        });
    }

    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closeAndInterruptEndATeeWaitingForItsOutputsLock(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        assumeTrue(zc.dispatchOrder().stream().anyMatch(p -> p.features().contains(Feature.TEE)),
                "no provider here has tee");
        closeAndInterruptEndIt(zc, Feature.TEE, scene -> {
            Pipe.SourceChannel in = emptySource(scene);
            Pipe.SinkChannel out = sinkHeldByAnotherWriter(scene);
            scene.in = in;
            scene.out = out;
            return () -> zc.tee(in, out, 1 << 20);
        });
    }

    /**
     * A sendfile at the file's position waits for the position lock, which another send at the same position holds
     * while its peer does not read: closing this call's socket or interrupting it ends it within 1 s.
     */
    @ParameterizedTest
    @MethodSource(PROVIDERS)
    void closeAndInterruptEndASendfileWaitingForThePositionLockAnotherSendHolds(String provider) throws Exception {
        Transfers zc = ZeroCopy.using(provider);
        Path big = sparse(BIG);
        closeAndInterruptEndIt(zc, Feature.SENDFILE, scene -> {
            FileChannel file = scene.add(TestFiles.read(big));
            SocketChannel other = scene.add(LoopbackPeer.holdReading()).sender();
            Object[] otherOutcome = new Object[1];
            Thread holder = new Thread(sendfileInto(zc, other, file, ZeroCopy.POSITION, SendfileOptions.NONE,
                    otherOutcome), "position-holder");
            holder.setDaemon(true);
            holder.start();
            scene.writers.add(holder);
            awaitBlocked(holder);
            SocketChannel mine = scene.add(LoopbackPeer.holdReading()).sender();
            scene.in = mine; // the channel closed: this call's own socket
            scene.out = file;
            return () -> zc.sendfile(mine, file, ZeroCopy.POSITION, BIG, SendfileOptions.NONE);
        });
    }
}

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool keeps only pipes of the size the system grants. Past the user's soft pipe quota (pipe-user-pages-soft,
 * 64 MiB by default: 64 pipes of 1 MiB) the kernel makes new pipes 2 pages and refuses F_SETPIPE_SZ, so pipes opened
 * during a burst are 8 KiB; pooled, one would serve later transfers 8 KiB per call long after the burst. These
 * tests make such a pipe directly (root, which runs them here, is exempt from the quota).
 */
class PipePoolTest {
    private static final int SMALL = 8192;

    @TempDir
    Path dir;

    /** Takes every pipe out of the pool and opens one more (which records the size the system grants). */
    private static List<KernelPipe> emptyThePool() throws IOException {
        assertTrue(new LinuxProvider().isAvailable());
        List<KernelPipe> taken = new ArrayList<>();
        while (PipePool.pooled() > 0) {
            taken.add(PipePool.acquire());
        }
        taken.add(PipePool.acquire());
        assumeTrue(taken.get(taken.size() - 1).capacity > SMALL, "this system grows pipes past 8 KiB");
        return taken;
    }

    @Test
    void anUndersizedPipeIsClosedNotPooled() throws Exception {
        Path src = Fixtures.patternFile(dir, "src", 1 << 20);
        List<KernelPipe> taken = emptyThePool();
        try {
            int full = taken.get(taken.size() - 1).capacity;
            KernelPipe small = KernelPipe.open(SMALL);
            assertEquals(SMALL, small.capacity);
            int before = Fixtures.openPipeDescriptors();
            PipePool.release(small);
            assertEquals(0, PipePool.pooled(), "the small pipe is not pooled");
            assertEquals(before - 2, Fixtures.openPipeDescriptors(), "its descriptors are closed");
            // The next transfer through the pool gets a full-size pipe: one call moves a full pipe's worth.
            try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dir.resolve("dst"))) {
                assertEquals(Math.min(full, 1 << 20), Fixtures.linux().splice(in, 0, out, 0, 1 << 20));
            }
            assertArrayEquals(Fixtures.pattern(0, Math.min(full, 1 << 20)),
                    Files.readAllBytes(dir.resolve("dst")));
        } finally {
            taken.forEach(PipePool::release);
        }
    }

    /**
     * A small pipe already in the pool (pooled before any larger one showed what the system grants, as in a process
     * started while its user's quota was exhausted) is closed when it comes up, not handed out.
     */
    @Test
    void anUndersizedPipeInThePoolIsNotHandedOut() throws Exception {
        List<KernelPipe> taken = emptyThePool();
        try {
            int full = taken.get(taken.size() - 1).capacity;
            KernelPipe small = KernelPipe.open(SMALL);
            @SuppressWarnings("unchecked")
            AtomicReferenceArray<KernelPipe> free = (AtomicReferenceArray<KernelPipe>) poolSlots().get(null);
            free.set(0, small);
            int before = Fixtures.openPipeDescriptors();
            KernelPipe next = PipePool.acquire();
            taken.add(next);
            assertNotSame(small, next);
            assertEquals(full, next.capacity);
            assertEquals(0, PipePool.pooled());
            // The small pipe closed (-2), a full one opened in its place (+2).
            assertEquals(before, Fixtures.openPipeDescriptors());
        } finally {
            taken.forEach(PipePool::release);
        }
    }

    private static Field poolSlots() throws NoSuchFieldException {
        Field f = PipePool.class.getDeclaredField("FREE");
        f.setAccessible(true);
        return f;
    }
}

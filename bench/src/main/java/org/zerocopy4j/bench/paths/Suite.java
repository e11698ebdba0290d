package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Scenario;

/**
 * The scenarios the options ask for, in path order. Each is built only when its turn comes, so its input files and
 * mounts exist only while it runs.
 */
public final class Suite {

    private Suite() {
    }

    public static List<Callable<Scenario>> plan(BenchContext ctx) {
        Options o = ctx.options();
        Set<Integer> paths = o.paths();
        List<Callable<Scenario>> plan = new ArrayList<>();
        for (long size : o.bulkSizes()) {
            if (paths.contains(1)) {
                plan.add(() -> FileToSocket.scenario(ctx, size));
            }
        }
        if (paths.contains(2)) {
            for (long size : o.smallSizes()) {
                plan.add(() -> SmallResponses.plain(ctx, size));
            }
            for (long size : o.smallSizes()) {
                plan.add(() -> SmallResponses.withHeader(ctx, size));
            }
            // HTTP responses of real files: the header's cost next to a body that dominates it.
            for (long size : List.of(1L << 20, 16L << 20)) {
                plan.add(() -> SmallResponses.withHeader(ctx, size));
            }
        }
        for (long size : o.bulkSizes()) {
            if (paths.contains(3)) {
                plan.add(() -> SocketRelay.scenario(ctx, size));
            }
            if (paths.contains(4)) {
                plan.add(() -> Upload.scenario(ctx, size));
            }
            if (paths.contains(5)) {
                plan.add(() -> FileCopy.scenario(ctx, ctx.fixture().dir(), "default filesystem (" + FsType
                        .of(ctx.fixture().dir()) + ")", size, List.of()));
                plan.add(() -> xfs(ctx, size));
            }
        }
        return plan;
    }

    private static Scenario xfs(BenchContext ctx, long size) throws Exception {
        String reason = XfsImage.unavailableReason();
        String name = "xfs loop image (reflink)";
        if (reason == null) {
            try {
                XfsImage image = XfsImage.mount(ctx.fixture().dir(), 3 * size + (512L << 20));
                ctx.onClose(image);
                return FileCopy.scenario(ctx, image.dir(), name, size,
                        List.of("xfs made with reflink=1 in a sparse image, loop-mounted for this run"));
            } catch (IOException e) {
                reason = e.getMessage();
            }
        }
        return new Scenario(5, "file-copy-xfs-" + Options.human(size).replace(" ", "").toLowerCase(),
                "5. file -> file, " + Options.human(size) + ", " + name, false, null, null, List.of(),
                List.of("skipped: " + reason));
    }
}

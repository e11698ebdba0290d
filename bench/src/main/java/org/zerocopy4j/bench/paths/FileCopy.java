package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Fixture;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Stopwatch;
import org.zerocopy4j.bench.Trial;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/** Path 5: copying a file on one filesystem, where copy_file_range may share extents instead of copying. */
public final class FileCopy {
    public static final String JDK_REF = "jdk-channel-transferTo";
    public static final String C_REF = "c-copy-file-range";

    @FunctionalInterface
    interface Body {
        long copy(Path from, Path to, long size) throws IOException;
    }

    private FileCopy() {
    }

    /** The scenario in {@code dir}, named after the filesystem ({@code "default fs"}, {@code "xfs loop image"}). */
    public static Scenario scenario(BenchContext ctx, Path dir, String fsName, long size, List<String> extraNotes)
            throws IOException {
        Path src = Fixture.input(dir, size);
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>(extraNotes);
        v.add(new Variant("jdk-files-copy", "JDK Files.copy", Kind.JDK, trial(dir, src, size, (from, to, n) -> {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return 1;
        })));
        v.add(new Variant(JDK_REF, "JDK FileChannel.transferTo", Kind.JDK,
                trial(dir, src, size, (from, to, n) -> channels(from, to, (in, out) -> {
                    long pos = 0;
                    long calls = 0;
                    while (pos < n) {
                        pos += in.transferTo(pos, n - pos, out);
                        calls++;
                    }
                    return calls;
                }))));
        for (String provider : List.of(Providers.LINUX, Providers.FALLBACK)) {
            if (!Providers.available(provider)) {
                notes.add(Providers.absenceNote(provider));
                continue;
            }
            String declined = Serves.declined(ctx, provider, Feature.COPY_RANGE, Serves.Pair.FILE_TO_FILE);
            if (declined != null) {
                notes.add(declined);
                continue;
            }
            Transfers t = Providers.using(provider);
            v.add(new Variant("zc-" + provider + "-copyRange", "ZeroCopy.copyRange (" + provider + ")",
                    Kind.ZEROCOPY, trial(dir, src, size, (from, to, n) -> channels(from, to, (in, out) -> {
                        long pos = 0;
                        long calls = 0;
                        while (pos < n) {
                            long m = t.copyRange(in, pos, out, pos, n - pos);
                            if (m < 0) {
                                throw new IOException("copyRange hit end of file at " + pos);
                            }
                            pos += m;
                            calls++;
                        }
                        return calls;
                    }))));
        }
        if (ctx.ceiling() != null) {
            Path dst = dir.resolve("copy-c.bin");
            Trial c = ctx.ceiling().trial("copyrange", src.toString(), dst.toString());
            v.add(new Variant(C_REF, "C copy_file_range", Kind.C, () -> {
                try {
                    return c.run();
                } finally {
                    Files.deleteIfExists(dst);
                }
            }));
        } else {
            notes.add(ctx.ceilingNote());
        }
        notes.add("copies go to the page cache and are deleted after each trial; no sync is timed");
        String slug = fsName.startsWith("xfs") ? "xfs" : "default";
        return new Scenario(5, "file-copy-" + slug + "-" + Options.human(size).replace(" ", "").toLowerCase(),
                "5. file -> file, " + Options.human(size) + ", " + fsName, false,
                ctx.ceiling() != null ? C_REF : null, JDK_REF, v, notes);
    }

    @FunctionalInterface
    interface ChannelBody {
        long copy(FileChannel in, FileChannel out) throws IOException;
    }

    private static long channels(Path from, Path to, ChannelBody body) throws IOException {
        try (FileChannel in = FileChannel.open(from);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            return body.copy(in, out);
        }
    }

    private static Trial trial(Path dir, Path src, long size, Body body) {
        Path dst = dir.resolve("copy.bin");
        return () -> {
            try {
                Stopwatch w = Stopwatch.start();
                long calls = body.copy(src, dst, size);
                var m = w.stop(size, calls);
                if (Files.size(dst) != size) {
                    throw new IOException("copy holds " + Files.size(dst) + " bytes of " + size);
                }
                return m;
            } finally {
                Files.deleteIfExists(dst);
            }
        };
    }
}

package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Feed;
import org.zerocopy4j.bench.Loopback;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Stopwatch;
import org.zerocopy4j.bench.Trial;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/** Path 4: an upload, a loopback connection written into a file; the receiving thread's CPU is compared. */
public final class Upload {
    /** The reference: what a Java expert writes for an upload (issue 24), as the relay path's JDK reference is. */
    public static final String JDK_REF = "jdk-direct-1m";
    public static final String JDK_TRANSFER_FROM = "jdk-transferFrom";
    public static final String C_REF = "c-splice-1m";

    @FunctionalInterface
    interface Body {
        long receive(SocketChannel in, FileChannel out, long size) throws IOException;
    }

    private Upload() {
    }

    public static Scenario scenario(BenchContext ctx, long size) throws IOException {
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        v.add(new Variant(JDK_REF, "JDK direct 1 MiB ByteBuffer read/write loop (best JDK code)", Kind.JDK,
                trial(ctx, JDK_REF, size, (in, out, n) -> directLoop(in, out, n, ByteBuffer.allocateDirect(1 << 20)))));
        v.add(new Variant(JDK_TRANSFER_FROM, "JDK FileChannel.transferFrom(SocketChannel)", Kind.JDK,
                trial(ctx, JDK_TRANSFER_FROM, size, Upload::transferFrom)));
        for (String provider : List.of(Providers.LINUX, Providers.FALLBACK)) {
            if (!Providers.available(provider)) {
                notes.add(Providers.absenceNote(provider));
                continue;
            }
            String declined = Serves.declined(ctx, provider, Feature.SPLICE, Serves.Pair.SOCKET_TO_FILE);
            if (declined != null) {
                notes.add(declined);
                continue;
            }
            Transfers t = Providers.using(provider);
            String id = "zc-" + provider + "-splice";
            v.add(new Variant(id, "ZeroCopy.splice socket->file (" + provider + ")", Kind.ZEROCOPY,
                    trial(ctx, id, size, (in, out, n) -> splice(t, in, out, n))));
        }
        if (ctx.ceiling() != null) {
            Path target = ctx.fixture().output("upload-c.bin");
            Trial c = ctx.ceiling().trial("upload", String.valueOf(size), String.valueOf(1 << 20), target.toString());
            v.add(new Variant(C_REF, "C splice socket -> 1 MiB pipe -> file", Kind.C, () -> {
                try {
                    return c.run();
                } finally {
                    Files.deleteIfExists(target);
                }
            }));
        } else {
            notes.add(ctx.ceilingNote());
        }
        notes.add("the file is written into the page cache, not synced, and deleted after each trial; when the machine"
                + " has much dirty data to write back, the kernel throttles the writing thread and that trial's CPU"
                + " jumps (about 3x here): read the min-max, not only the median");
        return new Scenario(4, "upload-" + Options.human(size).replace(" ", "").toLowerCase(),
                "4. TCP -> file (an upload), " + Options.human(size), false,
                ctx.ceiling() != null ? C_REF : null, JDK_REF, v, notes);
    }

    static Trial trial(BenchContext ctx, String id, long size, Body body) {
        Loopback lb = ctx.loopback();
        Path target = ctx.fixture().output("upload-" + id + ".bin");
        return () -> {
            SocketChannel[] pair = lb.pair(false);
            try (SocketChannel feedEnd = pair[0]; SocketChannel in = pair[1];
                    FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                Stopwatch w = Stopwatch.start();
                Feed feed = Feed.start(feedEnd, size);
                long calls = body.receive(in, out, size);
                feed.await();
                if (out.size() != size) {
                    throw new IOException("file holds " + out.size() + " bytes, " + size + " were sent");
                }
                return w.stop(size, calls);
            } finally {
                Files.deleteIfExists(target);
            }
        };
    }

    /** read from the socket into one direct buffer, write it to the file at its position: no heap copy. */
    static long directLoop(SocketChannel in, FileChannel out, long size, ByteBuffer buf) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            buf.clear();
            if (size - pos < buf.capacity()) {
                buf.limit((int) (size - pos));
            }
            int n = in.read(buf);
            calls++;
            if (n < 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                pos += out.write(buf, pos);
                calls++;
            }
        }
        return calls;
    }

    static long transferFrom(SocketChannel in, FileChannel out, long size) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            long n = out.transferFrom(in, pos, size - pos);
            calls++;
            if (n == 0) {
                break;
            }
            pos += n;
        }
        return calls;
    }

    static long splice(Transfers t, SocketChannel in, FileChannel out, long size) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            long n = t.splice(in, ZeroCopy.POSITION, out, pos, size - pos);
            calls++;
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return calls;
    }
}

package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Loopback;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/** Path 1: a page-cached file to a loopback socket, pysendfile's benchmark. */
public final class FileToSocket {
    public static final String JDK_REF = "jdk-channel-transferTo";
    public static final String C_REF = "c-sendfile";

    private FileToSocket() {
    }

    public static Scenario scenario(BenchContext ctx, long size) throws IOException {
        Path file = ctx.fixture().input(size);
        Loopback lb = ctx.loopback();
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        v.add(new Variant("jdk-heap-loop", "JDK heap ByteBuffer 64 KiB read/write loop", Kind.JDK,
                SocketTrials.channel(lb, file, size, false, (in, out) -> heapLoop(in, out, 64 << 10))));
        v.add(new Variant("jdk-stream-transferTo", "JDK FileInputStream.transferTo(socket stream)", Kind.JDK,
                SocketTrials.stream(lb, file, size)));
        v.add(new Variant(JDK_REF, "JDK FileChannel.transferTo", Kind.JDK,
                SocketTrials.channel(lb, file, size, false, (in, out) -> transferTo(in, out, size))));
        for (String provider : List.of(Providers.LINUX, Providers.FALLBACK)) {
            if (!Providers.available(provider)) {
                notes.add(Providers.absenceNote(provider));
                continue;
            }
            String declined = Serves.declined(ctx, provider, Feature.SENDFILE, Serves.Pair.FILE_TO_SOCKET);
            if (declined != null) {
                notes.add(declined);
                continue;
            }
            Transfers t = Providers.using(provider);
            v.add(new Variant("zc-" + provider, "ZeroCopy.sendfile (" + provider + ")", Kind.ZEROCOPY,
                    SocketTrials.channel(lb, file, size, false, (in, out) -> sendfile(t, in, out, size))));
        }
        if (ctx.ceiling() != null) {
            String f = file.toString();
            v.add(new Variant(C_REF, "C sendfile", Kind.C, ctx.ceiling().trial("sendfile", f)));
            v.add(new Variant("c-splice-1m", "C splice via 1 MiB pipe", Kind.C,
                    ctx.ceiling().trial("splice", f, String.valueOf(1 << 20))));
            v.add(new Variant("c-readwrite-64k", "C read/write 64 KiB", Kind.C,
                    ctx.ceiling().trial("readwrite", f, String.valueOf(64 << 10))));
        } else {
            notes.add(ctx.ceilingNote());
        }
        return new Scenario(1, "file-socket-" + Options.human(size).replace(" ", "").toLowerCase(),
                "1. file -> TCP loopback, " + Options.human(size) + " from the page cache",
                false, ctx.ceiling() != null ? C_REF : null, JDK_REF, v, notes);
    }

    static long heapLoop(FileChannel in, SocketChannel out, int bufferSize) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bufferSize);
        long calls = 0;
        while (in.read(buf) >= 0) {
            calls++;
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
                calls++;
            }
            buf.clear();
        }
        return calls;
    }

    static long transferTo(FileChannel in, SocketChannel out, long size) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            pos += in.transferTo(pos, size - pos, out);
            calls++;
        }
        return calls;
    }

    static long sendfile(Transfers t, FileChannel in, SocketChannel out, long size) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            long n = t.sendfile(out, in, pos, size - pos, SendfileOptions.NONE);
            if (n < 0) {
                throw new IOException("sendfile hit end of file at " + pos + " of " + size);
            }
            pos += n;
            calls++;
        }
        return calls;
    }
}

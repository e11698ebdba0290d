package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Drain;
import org.zerocopy4j.bench.Feed;
import org.zerocopy4j.bench.Loopback;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.Stopwatch;
import org.zerocopy4j.bench.Trial;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/** Path 3: a proxy thread moving bytes from one loopback connection to another; its CPU is what is compared. */
public final class SocketRelay {
    public static final String JDK_REF = "jdk-direct-1m";
    public static final String C_REF = "c-splice-1m";

    @FunctionalInterface
    interface Body {
        long relay(SocketChannel in, SocketChannel out) throws IOException;
    }

    private SocketRelay() {
    }

    public static Scenario scenario(BenchContext ctx, long size) throws IOException {
        Loopback lb = ctx.loopback();
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        v.add(new Variant(JDK_REF, "JDK direct 1 MiB ByteBuffer loop (best JDK code)", Kind.JDK,
                trial(lb, size, (in, out) -> bufferLoop(in, out, ByteBuffer.allocateDirect(1 << 20)))));
        v.add(new Variant("jdk-heap-64k", "JDK heap 64 KiB ByteBuffer loop", Kind.JDK,
                trial(lb, size, (in, out) -> bufferLoop(in, out, ByteBuffer.allocate(64 << 10)))));
        v.add(new Variant("jdk-stream-transferTo", "JDK socket InputStream.transferTo(OutputStream)", Kind.JDK,
                trial(lb, size, (in, out) -> {
                    in.socket().getInputStream().transferTo(out.socket().getOutputStream());
                    return 1;
                })));
        for (String provider : List.of(Providers.LINUX, Providers.FALLBACK)) {
            if (!Providers.available(provider)) {
                notes.add(Providers.absenceNote(provider));
                continue;
            }
            Transfers t = Providers.using(provider);
            String relayDeclined = Serves.declined(ctx, provider, Feature.RELAY, Serves.Pair.SOCKET_TO_SOCKET);
            if (relayDeclined == null) {
                v.add(new Variant("zc-" + provider + "-relay", "ZeroCopy relay (" + provider + ")", Kind.ZEROCOPY,
                        trial(lb, size, (in, out) -> relay(t, in, out))));
            } else {
                notes.add(relayDeclined);
            }
            String spliceDeclined = Serves.declined(ctx, provider, Feature.SPLICE, Serves.Pair.SOCKET_TO_SOCKET);
            if (spliceDeclined == null) {
                v.add(new Variant("zc-" + provider + "-splice", "ZeroCopy.splice socket->socket (" + provider + ")",
                        Kind.ZEROCOPY, trial(lb, size, (in, out) -> splice(t, in, out))));
            } else {
                notes.add(spliceDeclined);
            }
        }
        if (ctx.ceiling() != null) {
            v.add(new Variant(C_REF, "C splice via 1 MiB pipe", Kind.C,
                    ctx.ceiling().trial("relay", String.valueOf(size), String.valueOf(1 << 20))));
            v.add(new Variant("c-splice-64k", "C splice via 64 KiB pipe", Kind.C,
                    ctx.ceiling().trial("relay", String.valueOf(size), String.valueOf(64 << 10))));
        } else {
            notes.add(ctx.ceilingNote());
        }
        notes.add("one thread feeds the relay and another drains it; only the relaying thread's CPU is counted");
        return new Scenario(3, "relay-" + Options.human(size).replace(" ", "").toLowerCase(),
                "3. TCP -> TCP relay (a proxy), " + Options.human(size), false,
                ctx.ceiling() != null ? C_REF : null, JDK_REF, v, notes);
    }

    static Trial trial(Loopback lb, long size, Body body) {
        return () -> {
            SocketChannel[] upstream = lb.pair(false);
            SocketChannel[] downstream = lb.pair(false);
            try (SocketChannel feedEnd = upstream[0]; SocketChannel in = upstream[1];
                    SocketChannel out = downstream[0]; SocketChannel drainEnd = downstream[1]) {
                Drain drain = Drain.start(drainEnd);
                Stopwatch w = Stopwatch.start();
                Feed feed = Feed.start(feedEnd, size);
                long calls = body.relay(in, out);
                out.shutdownOutput();
                feed.await();
                drain.expect(size);
                return w.stop(size, calls);
            }
        };
    }

    static long bufferLoop(SocketChannel in, SocketChannel out, ByteBuffer buf) throws IOException {
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

    static long relay(Transfers t, SocketChannel in, SocketChannel out) throws IOException {
        long calls = 0;
        try (Relay r = t.relay(in, out)) {
            while (r.transfer(Long.MAX_VALUE) >= 0) {
                calls++;
            }
        }
        return calls;
    }

    static long splice(Transfers t, SocketChannel in, SocketChannel out) throws IOException {
        long calls = 0;
        while (t.splice(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, 1 << 20) >= 0) {
            calls++;
        }
        return calls;
    }
}

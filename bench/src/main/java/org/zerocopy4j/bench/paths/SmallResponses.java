package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.bench.Drain;
import org.zerocopy4j.bench.JfrRecording;
import org.zerocopy4j.bench.JniFloor;
import org.zerocopy4j.bench.Loopback;
import org.zerocopy4j.bench.Options;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.Scenario;
import org.zerocopy4j.bench.SyscallCounting;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.Variant.Kind;

/**
 * Path 2: many small files sent on one connection, where the cost per call matters more than bandwidth; and the same
 * with a 200-byte header first, an HTTP response. Sockets have TCP_NODELAY on, as servers set it.
 */
public final class SmallResponses {
    public static final String JDK_REF = "jdk-channel-transferTo";
    public static final String C_REF = "c-sendfile";
    public static final String JNI_FLOOR = "jni-sendfile";
    public static final String JDK_HEADER_REF = "jdk-write-transferTo";
    public static final String C_HEADER_REF = "c-send-more-sendfile";
    static final int HEADER_BYTES = 200;
    private static final int PROBE_RESPONSES = 2_000;
    private static final String SEGMENTS_NOTE = "TCP segments: data segments of the sending socket alone (ss -ti, '-'"
            + " without ss); loopback's MSS is 64 KiB, so a sender that runs ahead of the receiver packs several"
            + " responses into one segment. Syscalls: strace -c on the sending thread over a separate, untimed"
            + " 2,000 responses ('-' without strace)";

    private SmallResponses() {
    }

    public static Scenario plain(BenchContext ctx, long size) throws IOException {
        Path file = ctx.fixture().input(size);
        int count = ctx.options().count();
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        v.add(variant(ctx, count, JDK_REF, "JDK FileChannel.transferTo", Kind.JDK, file, size, 0,
                (in, out) -> FileToSocket.transferTo(in, out, size)));
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
            Variant zc = variant(ctx, count, "zc-" + provider, "ZeroCopy.sendfile (" + provider + ")", Kind.ZEROCOPY,
                    file, size, 0, (in, out) -> FileToSocket.sendfile(t, in, out, size));
            v.add(zc);
            if (ctx.options().jfr().equals("compare") && provider.equals(Providers.LINUX)) {
                // The same row again under JFR recordings started and closed around each of its runs.
                for (String mode : List.of("jdk-only", "default", "all")) {
                    String what = switch (mode) {
                        case "jdk-only" -> "JFR on, Transfer event off";
                        case "default" -> "JFR on, Transfer at 20 ms";
                        default -> "JFR on, every Transfer";
                    };
                    v.add(new Variant(zc.id() + "-jfr-" + mode, zc.label() + ", " + what, Kind.ZEROCOPY,
                            JfrRecording.around(mode, zc.trial())));
                }
            }
        }
        if (ctx.jniFloorProblem() == null) {
            v.add(variant(ctx, count, JNI_FLOOR, "bare JNI sendfile, no safety (same JVM)", Kind.C, file, size, 0,
                    (in, out) -> JniFloor.sendAll(in, out, size)));
        } else {
            notes.add(ctx.jniFloorProblem());
        }
        if (ctx.ceiling() != null) {
            v.add(new Variant(C_REF, "C sendfile", Kind.C,
                    ctx.ceiling().trial("small", file.toString(), String.valueOf(count))));
        } else {
            notes.add(ctx.ceilingNote());
        }
        notes.add(SEGMENTS_NOTE);
        String h = Options.human(size);
        return new Scenario(2, "small-" + h.replace(" ", "").toLowerCase(), "2. " + count + " sends of a " + h
                + " file on one connection", true, ctx.ceiling() != null ? C_REF : null, JDK_REF, v, notes);
    }

    /**
     * Header + file responses. Sizes of 1 MiB and more send as many responses as fit in the run's largest bulk
     * size (256 MiB when none ran), at least one, so a quick run stays quick.
     */
    public static Scenario withHeader(BenchContext ctx, long size) throws IOException {
        Path file = ctx.fixture().input(size);
        int count = responses(ctx.options(), size);
        ByteBuffer header = header();
        List<Variant> v = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        v.add(variant(ctx, count, JDK_HEADER_REF, "JDK write(header) + FileChannel.transferTo", Kind.JDK, file,
                size, HEADER_BYTES, (in, out) -> {
                    ByteBuffer h = header.duplicate();
                    long calls = 0;
                    while (h.hasRemaining()) {
                        out.write(h);
                        calls++;
                    }
                    return calls + FileToSocket.transferTo(in, out, size);
                }));
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
            v.add(variant(ctx, count, "zc-" + provider + "-headers", "ZeroCopy.sendfile with headers (" + provider
                    + ")", Kind.ZEROCOPY, file, size, HEADER_BYTES, (in, out) -> sendWithHeader(t, in, out, header,
                    size)));
        }
        if (ctx.ceiling() != null) {
            v.add(new Variant(C_HEADER_REF, "C send(header, MSG_MORE) + sendfile", Kind.C, ctx.ceiling().trial(
                    "header", file.toString(), String.valueOf(count), String.valueOf(HEADER_BYTES))));
        } else {
            notes.add(ctx.ceilingNote());
        }
        notes.add("header: " + HEADER_BYTES + " bytes in a heap buffer, as a server builds it from a String");
        notes.add(SEGMENTS_NOTE);
        String h = Options.human(size);
        return new Scenario(2, "header-" + h.replace(" ", "").toLowerCase(), "2. " + count
                + " responses of a " + HEADER_BYTES + "-byte header + " + h + " file", true,
                ctx.ceiling() != null ? C_HEADER_REF : null, JDK_HEADER_REF, v, notes);
    }

    static int responses(Options o, long size) {
        if (size < Options.SMALL_LIMIT) {
            return o.count();
        }
        long budget = o.bulkSizes().isEmpty() ? 256L << 20 : o.bulkSizes().get(o.bulkSizes().size() - 1);
        return (int) Math.max(1, Math.min(o.count(), budget / size));
    }

    static long sendWithHeader(Transfers t, FileChannel in, SocketChannel out, ByteBuffer header, long size)
            throws IOException {
        ByteBuffer h = header.duplicate();
        SendfileOptions opts = SendfileOptions.builder().headers(h).build();
        long fileOffset = 0;
        long calls = 0;
        while (h.hasRemaining() || fileOffset < size) {
            int headerBefore = h.remaining();
            long n = t.sendfile(out, in, fileOffset, size - fileOffset, opts);
            if (n < 0) {
                throw new IOException("sendfile hit end of file at " + fileOffset);
            }
            fileOffset += n - (headerBefore - h.remaining());
            calls++;
        }
        return calls;
    }

    static ByteBuffer header() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n");
        while (sb.length() < HEADER_BYTES - 2) {
            sb.append('x');
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /**
     * A variant repeating {@code oneResponse} count times on one connection, with a probe doing the same under the
     * system-call counter.
     */
    private static Variant variant(BenchContext ctx, int count, String id, String label, Kind kind, Path file,
            long size, int headerBytes, SocketTrials.Send oneResponse) {
        Loopback lb = ctx.loopback();
        long perResponse = size + headerBytes;
        Variant.SyscallProbe probe = SyscallCounting.available() ? () -> {
            int n = Math.min(count, PROBE_RESPONSES);
            SocketChannel[] pair = lb.pair(true);
            try (FileChannel fc = FileChannel.open(file); SocketChannel out = pair[0]; SocketChannel in = pair[1]) {
                Drain drain = Drain.start(in);
                Map<String, Long> calls = SyscallCounting.count(() -> repeat(oneResponse, fc, out, n),
                        ctx.fixture().dir());
                out.shutdownOutput();
                drain.expect(perResponse * n);
                return new Variant.SyscallCount(n, calls);
            }
        } : null;
        return new Variant(id, label, kind, SocketTrials.channel(lb, file, perResponse * count, true,
                (in, out) -> repeat(oneResponse, in, out, count)), probe);
    }

    private static long repeat(SocketTrials.Send oneResponse, FileChannel in, SocketChannel out, int count)
            throws IOException {
        for (int i = 0; i < count; i++) {
            oneResponse.send(in, out);
        }
        return count;
    }
}

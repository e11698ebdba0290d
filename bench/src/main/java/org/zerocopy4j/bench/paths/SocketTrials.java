package org.zerocopy4j.bench.paths;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.zerocopy4j.bench.Drain;
import org.zerocopy4j.bench.Loopback;
import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.SocketSegments;
import org.zerocopy4j.bench.Stopwatch;
import org.zerocopy4j.bench.Trial;

/** Trials that send a file to a fresh loopback connection drained by another thread. */
final class SocketTrials {

    /** Sends the file's {@code size} bytes {@code times} times; returns the calls (or responses) made. */
    @FunctionalInterface
    interface Send {
        long send(FileChannel file, SocketChannel out) throws IOException;
    }

    private SocketTrials() {
    }

    /**
     * @param perCall small responses: TCP_NODELAY on, as servers set it, and the sending socket's data segments
     *                counted once the timing has stopped
     */
    static Trial channel(Loopback lb, Path file, long bytesSent, boolean perCall, Send body) {
        return () -> {
            SocketChannel[] pair = lb.pair(perCall);
            try (FileChannel fc = FileChannel.open(file); SocketChannel out = pair[0]; SocketChannel in = pair[1]) {
                Drain drain = Drain.start(in);
                Stopwatch w = Stopwatch.start();
                long calls = body.send(fc, out);
                out.shutdownOutput();
                drain.expect(bytesSent);
                Measured m = w.stop(bytesSent, calls);
                return perCall ? m.withSegments(SocketSegments.dataSegmentsOut(out)) : m;
            }
        };
    }

    /** What most Java code does: a {@link java.net.Socket}'s stream fed by {@code InputStream.transferTo}. */
    static Trial stream(Loopback lb, Path file, long size) {
        return () -> {
            try (Loopback.Connection c = lb.socketPair(); FileInputStream in = new FileInputStream(file.toFile())) {
                Drain drain = Drain.start(c.accepted());
                Stopwatch w = Stopwatch.start();
                long n = in.transferTo(c.client().getOutputStream());
                c.client().shutdownOutput();
                drain.expect(size);
                if (n != size) {
                    throw new IOException("transferTo moved " + n + " of " + size);
                }
                return w.stop(size, 1);
            }
        };
    }
}

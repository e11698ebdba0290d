package org.zerocopy4j.solaris;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.IoVectors;
import org.zerocopy4j.internal.PosixProvider;

/**
 * sendfilev(3EXT) policy: headers, the file range and trailers as one vector in one call, into a socket or a regular
 * file. The count is always xferred, also when the call returns -1: bytes written before EAGAIN, EINTR or an error are
 * progress (gh-154324). A file offset at or past the end fails with EINVAL there, which is end of input here
 * (bpo-41687); headers before it are still sent, and then the trailers, as on every other system.
 */
final class SolarisSendfile {
    /** The most one call asks for; any count past it is the caller's to ask for again. */
    static final long MAX_CALL_BYTES = 0x7ffff000L;

    private SolarisSendfile() {
    }

    /**
     * Bytes written (headers, file and trailers), 0, or -1 at end of input; the file part from {@code start}, the
     * input file's position moved past it when {@code movesPosition}.
     */
    static long send(PosixProvider provider, ChannelCall call, long start, long requested, SendfileOptions options,
            boolean blocking, boolean movesPosition) throws IOException {
        int inFd = call.inFd();
        int outFd = call.outFd();
        // sendfilev fails with EINVAL for a range longer than the file ("Fewer bytes were transferred than were
        // requested"), so the range stops at the file's end as it is now; one call asks for at most MAX_CALL_BYTES
        // (a "to the end" count of Long.MAX_VALUE would overflow the vector's offset + length). The trailers wait for
        // the call that reaches the requested count or the end of the file.
        long fileLeft = Math.max(0, provider.fileSizeOrMax(call) - start);
        long count = Math.min(Math.min(requested, MAX_CALL_BYTES), fileLeft);
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = count < Math.min(requested, fileLeft) ? List.of() : options.trailers();
        boolean socket = call.output() instanceof SocketChannel;
        boolean nonBlocking = socket && !blocking;
        return provider.movingPosition(call, movesPosition, position -> {
            long total = 0;
            boolean rangePending = count > 0;
            while (true) {
                long headerBytes = ByteBuffers.remaining(headers);
                IoVectors hv = headerBytes > 0 ? IoVectors.of(SolarisNative.LIBRARY.buffers, headers) : IoVectors.empty();
                // The range and the trailers follow only once every header is in the vector.
                boolean allHeaders = hv.bytes() == headerBytes;
                boolean withFile = rangePending && allHeaders;
                IoVectors tv = allHeaders && ByteBuffers.remaining(trailers) > 0 ? IoVectors.of(SolarisNative.LIBRARY.buffers, trailers)
                        : IoVectors.empty();
                long[] sent = new long[1];
                // To a file the call is bounded by the count only: compensated; to a socket by its buffer, like the
                // JDK's own transferTo, which is not.
                int rc = (int) provider.fileWork(call, withFile && !socket ? count : 0, "sendfilev",
                        () -> SolarisNative.sendfilev(outFd, withFile ? inFd : -1, start, count, hv.buffers,
                                hv.positions, hv.lengths, hv.count(), tv.buffers, tv.positions, tv.lengths, tv.count(),
                                sent));
                long vectorHeaderBytes = hv.bytes();
                hv.close();
                tv.close();
                long n = sent[0];
                long fromHeaders = Math.min(n, vectorHeaderBytes);
                // The file entry never runs past the file's end (count is clamped), so what follows the headers is
                // file bytes up to the count; only then trailers. A file that shrank under the call ends the entry
                // early with EINVAL, before any trailer.
                long fromFile = withFile ? Math.min(n - fromHeaders, count) : 0;
                ByteBuffers.consume(headers, fromHeaders);
                ByteBuffers.consume(trailers, n - fromHeaders - fromFile);
                if (fromFile > 0) {
                    // Moved once the loop ends: with one channel at both ends the descriptor's offset is also where
                    // the trailers of a later call are written.
                    position[0] = start + fromFile;
                }
                total += n;
                if (rc == -Errno.EINVAL && withFile && fromHeaders == vectorHeaderBytes
                        && start + fromFile >= provider.fileSizeOrMax(call)) {
                    // EINVAL where the file ends inside the range (it shrank under the call, or the offset is at or
                    // past the end): end of input. The trailers still follow the file bytes that went.
                    rangePending = false;
                } else if (rc == 0) {
                    rangePending &= !withFile;
                } else if (n > 0 || total > 0 && rc != -Errno.EAGAIN && rc != -Errno.EINTR
                        || !call.shouldRetry("sendfilev", rc, nonBlocking, outFd, ChannelCall.POLLOUT, -1, 0)) {
                    // EAGAIN on a blocking channel (the JDK drives its descriptor non-blocking for virtual threads)
                    // waits and calls again, as EINTR does; any other error throws, unless an earlier pass sent
                    // bytes: those are returned, as the JDK's writes do, and the next call reports it.
                    return total;
                } else {
                    continue;
                }
                if (!rangePending && ByteBuffers.remaining(headers) == 0 && ByteBuffers.remaining(trailers) == 0) {
                    return total == 0 && requested > 0 ? -1 : total;
                }
            }
        });
    }
}

package org.zerocopy4j.aix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.IoVectors;
import org.zerocopy4j.internal.PosixProvider;
import org.zerocopy4j.spi.CallTrace;

/**
 * AIX send_file policy. A return of 1 means "more to send", not done: the call is repeated, as it is after EINTR,
 * summing bytes_sent, until it returns 0. On an error bytes_sent still counts what went out, and a request that moved
 * anything returns that count instead of failing (the next call reports the error). file_bytes -1 would mean "to end
 * of file", so the exact count is always passed. The 64-bit sf_parms carries 64-bit offsets and counts.
 */
final class AixSendfile {
    private AixSendfile() {
    }

    /** Bytes sent (headers, file and trailers), 0, or -1 at end of input; the file part from {@code start}. */
    static long send(PosixProvider provider, ChannelCall call, long start, long requested, SendfileOptions options,
            int flags, boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        // IBM, send_file: "If the application sets file_offset greater than the actual file size, or file_bytes
        // greater than (the actual file size - file_offset), the return value will be -1 with errno EINVAL." The
        // range stops at the file's end as it is now; fewer file bytes than requested is end of file.
        // The position moves past what was sent even when the call fails; the failure is the news, though.
        return provider.movingPosition(call, call.positioned(), position -> {
            long size = provider.fileSizeOrMax(call);
            long count = Math.min(requested, Math.max(0, size - start));
            long fileSent = 0;
            long total = 0;
            boolean endOfFile = false;
            long[] parts = new long[3];
            position[0] = start;
            while (true) {
                long headerBytes = ByteBuffers.remaining(headers);
                IoVectors hv = headerBytes > 0 ? IoVectors.of(AixNative.LIBRARY.buffers, headers) : IoVectors.empty();
                boolean allHeaders = hv.bytes() == headerBytes;
                // The range and the trailers follow only once every header is in this call.
                long range = allHeaders && !endOfFile ? count - fileSent : 0;
                long trailerBytes = ByteBuffers.remaining(trailers);
                IoVectors tv = allHeaders && trailerBytes > 0 ? IoVectors.of(AixNative.LIBRARY.buffers, trailers) : IoVectors.empty();
                if (tv.bytes() < trailerBytes && range > 0) {
                    tv.close();
                    tv = IoVectors.empty(); // more trailers than one call takes: they go in calls of their own
                }
                int rc;
                // With no file bytes to send the offset must still not pass the file's end (EINVAL).
                long fileOffset = range > 0 ? start + fileSent : Math.min(start + fileSent, size);
                CallTrace.path("send_file");
                rc = AixNative.sendFile(call.outFd(), call.inFd(), fileOffset, range, hv.buffers,
                        hv.positions, hv.lengths, hv.count(), tv.buffers, tv.positions, tv.lengths, tv.count(),
                        flags, parts);
                hv.close();
                tv.close();
                ByteBuffers.consume(headers, parts[0]);
                fileSent += parts[1];
                position[0] = start + fileSent;
                ByteBuffers.consume(trailers, parts[2]);
                long moved = parts[0] + parts[1] + parts[2];
                total += moved;
                if (rc == 0) {
                    // Done with this call's parts; a range that came up short ended at end of file.
                    endOfFile |= allHeaders && fileSent < requested;
                    if (allHeaders && ByteBuffers.remaining(trailers) == 0) {
                        return total == 0 && endOfFile ? -1 : total;
                    }
                } else if (rc == -Errno.EAGAIN || rc == -Errno.EINTR) {
                    if (!call.shouldRetry("send_file", rc, !blocking, call.outFd(), ChannelCall.POLLOUT, -1, 0)) {
                        return total;
                    }
                } else if (rc == -Errno.EINVAL && range > 0
                        && start + fileSent - parts[1] + range > provider.fileSizeOrMax(call)) {
                    // The file shrank under the transfer: the range now runs past its end (EINVAL). Its end is end
                    // of file; the headers and trailers still go, at an offset within the file.
                    endOfFile = true;
                    size = provider.fileSizeOrMax(call);
                } else if (rc != 1) {
                    if (total > 0) {
                        return total;
                    }
                    throw call.failure("send_file", rc, null);
                }
            }
        });
    }
}

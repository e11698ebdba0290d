package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.IoVectors;
import org.zerocopy4j.internal.PosixProvider;
import org.zerocopy4j.spi.CallTrace;

/**
 * FreeBSD / DragonFly sendfile(2) policy: headers and file bytes in one call, sbytes counting both; the trailers are
 * written after the file part (see {@link #send}). nbytes 0 means "to end of file", so a request with no file bytes
 * never reaches sendfile. EAGAIN (non-blocking),
 * EBUSY (SF_NODISKIO: the rest is not in memory) and EINTR can come with sbytes &gt; 0: those bytes are on the wire and
 * are returned as progress (pysendfile #4, CPython bpo-36488).
 */
final class BsdSendfile {
    private BsdSendfile() {
    }

    /** The kernel flags for the options; a semantic flag this system lacks is refused, a missing hint ignored. */
    static int kernelFlags(SendfileOptions options) {
        int flags = 0;
        for (SendfileFlag flag : options.flags()) {
            switch (flag) {
                case NODISKIO:
                    flags |= required(flag, BsdNative.FLAG_NODISKIO);
                    break;
                case SYNC:
                    flags |= required(flag, BsdNative.FLAG_SYNC);
                    break;
                case MNOWAIT:
                    flags |= BsdNative.sendfileFlag(BsdNative.FLAG_MNOWAIT);
                    break;
                case NOCACHE:
                    flags |= BsdNative.sendfileFlag(BsdNative.FLAG_NOCACHE);
                    break;
                default:
                    break;
            }
        }
        return flags;
    }

    private static int required(SendfileFlag flag, int which) {
        int value = BsdNative.sendfileFlag(which);
        if (value == 0) {
            throw new UnsupportedOperationException("SendfileFlag." + flag + " is not supported by this system's "
                    + "sendfile(2) (no SF_" + flag + "), and the flag changes what the call returns");
        }
        return value;
    }

    /** Bytes sent (headers, file and trailers), 0, -1 at end of input; the file part from {@code start}. */
    static long send(PosixProvider provider, ChannelCall call, long start, long count, SendfileOptions options,
            int flags, boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        long total = 0;
        // FreeBSD builds the header mbufs only inside its file loop, for (off = offset; rem > 0; ) with rem =
        // omin(nbytes, obj_size - offset) (kern_sendfile.c): at or past the end of the file no header goes out, and
        // nbytes 0 would mean "to the end". The range stops at the file's end as it is now; with nothing left the
        // headers and trailers go out through writev.
        long fileCount = Math.min(count, Math.max(0, provider.fileSizeOrMax(call) - start));
        long headerBytes = ByteBuffers.remaining(headers);
        IoVectors hv = headerBytes > 0 && fileCount > 0 ? IoVectors.of(BsdNative.LIBRARY.buffers, headers) : IoVectors.empty();
        try {
            if (fileCount == 0 || hv.bytes() < headerBytes) {
                // No file bytes, or more headers than one vector: write them.
                total += provider.writeAll(call, headers, blocking);
                if (ByteBuffers.remaining(headers) > 0) {
                    return total;
                }
                hv.close();
                hv = IoVectors.empty();
            }
            if (fileCount == 0) {
                total += provider.writeAll(call, trailers, blocking);
                return total == 0 && count > 0 && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
            }
            // The trailers never ride in the call: sbytes would then count file and trailer bytes together, and only
            // the file's size as the kernel saw it tells them apart, which a file that changes size under the call
            // (a log being appended to or truncated) makes unknowable. Written after the file part, they cannot be
            // mistaken for file bytes.
            long[] sent = new long[1];
            int rc;
            while (true) {
                CallTrace.path("sendfile");
                rc = BsdNative.sendfile(call.inFd(), call.outFd(), start, fileCount, hv.buffers, hv.positions,
                        hv.lengths, hv.count(), null, null, null, 0, flags, sent);
                if (rc == 0 || sent[0] > 0) {
                    break;
                }
                if (rc == -Errno.EBUSY) {
                    return total;
                } else if (rc == -Errno.EINVAL && start >= provider.fileSizeOrMax(call)) {
                    rc = 0; // an offset past the end: end of input, not a bad argument
                    break;
                } else if (total == 0 && (rc == -Errno.ENOTSOCK || rc == -Errno.EOPNOTSUPP)) {
                    throw provider.notThisSocket("sendfile(2)", -rc);
                } else if (rc != -Errno.EAGAIN && rc != -Errno.EINTR) {
                    throw provider.sendfileFailure(call, -rc);
                } else if (!call.shouldRetry("sendfile", rc, !blocking, call.outFd(), ChannelCall.POLLOUT, -1, 0)) {
                    return total;
                }
            }
            long n = sent[0];
            // sbytes counts the headers, then the file bytes, and nothing else.
            long fromHeaders = Math.min(n, hv.bytes());
            long fromFile = n - fromHeaders;
            ByteBuffers.consume(headers, fromHeaders);
            provider.fileSent(call, start + fromFile, null);
            total += n;
            // Success with fewer file bytes than asked for: the file ended under the call (it shrank), and the
            // kernel then sends neither the rest nor, when it got no header out, the headers.
            boolean endOfFile = rc == 0 && fromFile < fileCount;
            if (rc == 0 && (fromFile == fileCount || endOfFile)) {
                total += provider.writeAll(call, headers, blocking);
                if (ByteBuffers.remaining(headers) == 0) {
                    total += provider.writeAll(call, trailers, blocking);
                }
            }
            // End of file with trailers still to go is not end of input: they go out on a later call.
            return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
        } finally {
            hv.close();
        }
    }
}

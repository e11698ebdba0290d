package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.IoVectors;
import org.zerocopy4j.internal.PosixProvider;

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

    /** Bytes sent (headers, file and trailers), 0, -1 at end of input; the file part from {@code start}. */
    static long send(PosixProvider provider, ChannelCall call, long start, long count, SendfileOptions options,
            int flags, boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        long total = 0;
        // FreeBSD builds the header mbufs only inside its file loop, for (off = offset; rem > 0; ) with rem =
        // omin(nbytes, obj_size - offset) (kern_sendfile.c): at or past the end of the file no header goes out, and
        // nbytes 0 would mean "to the end". The range stops at the file's end as it is now; with nothing left the
        // headers and trailers go out through writev.
        long fileCount = Math.min(count, Math.max(0, provider.fileSizeOrMax(call) - start));
        if (fileCount == 0) {
            return provider.withoutFile(call, options, count, blocking);
        }
        long headerBytes = ByteBuffers.remaining(headers);
        IoVectors hv = headerBytes > 0 ? IoVectors.of(BsdNative.LIBRARY.buffers, headers) : IoVectors.empty();
        try {
            if (hv.bytes() < headerBytes) {
                // More headers than one vector: write them.
                hv.close();
                hv = IoVectors.empty();
                total += provider.writeAll(call, headers, blocking);
                if (ByteBuffers.remaining(headers) > 0) {
                    return total;
                }
            }
            // The trailers never ride in the call: sbytes would then count file and trailer bytes together, and only
            // the file's size as the kernel saw it tells them apart, which a file that changes size under the call
            // (a log being appended to or truncated) makes unknowable. Written after the file part, they cannot be
            // mistaken for file bytes.
            // sbytes counts the headers, then the file bytes, and nothing else. Success with fewer file bytes than
            // asked for: the file ended under the call (it shrank), and the kernel then sends neither the rest nor,
            // when it got no header out, the headers.
            IoVectors v = hv;
            return provider.sendFilePart(call, "sendfile", total, blocking, options, hv.bytes(), start, fileCount,
                    sent -> BsdNative.sendfile(call.inFd(), call.outFd(), start, fileCount, v.buffers, v.positions,
                            v.lengths, v.count(), null, null, null, 0, flags, sent),
                    // EBUSY (SF_NODISKIO: the rest is not in memory): the progress; EINVAL past the end: end of input
                    error -> error == -Errno.EBUSY ? PosixProvider.RETURN_PROGRESS
                            : error == -Errno.EINVAL && start >= provider.fileSizeOrMax(call) ? 0 : error);
        } finally {
            hv.close();
        }
    }
}

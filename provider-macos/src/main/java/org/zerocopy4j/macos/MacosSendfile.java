package org.zerocopy4j.macos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.PosixProvider;

/**
 * Darwin sendfile(2) policy. len is in/out and would count the header bytes in the call (the kernel stops the file
 * part when its running total, headers included, reaches len) and trailer bytes would be taken as more file bytes
 * (bpo-33871); xnu also counts a short header write as whole progress and carries on with the file. So the call
 * carries the file range only: the headers are written before it and the trailers after it, each whole on a blocking
 * channel. len 0 means "to end of file", so it is never passed. EAGAIN and EINTR come back with the bytes already
 * sent in len, which are progress, not loss.
 */
final class MacosSendfile {
    private MacosSendfile() {
    }

    /** Bytes sent (headers, file and trailers), 0, -1 at end of input; the file part from {@code start}. */
    static long send(PosixProvider provider, ChannelCall call, long start, long count, SendfileOptions options,
            boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        // xnu writes the headers with writev inside sendfile and adds what that returned to sbytes unchecked
        // (uipc_syscalls.c: "sbytes += writev_retval"), then goes on with the file: a short header write (a descriptor
        // the JDK left non-blocking after a virtual thread used the channel, or a signal) puts file bytes inside the
        // headers and sends more file bytes than asked for, len counting the headers. The headers are therefore
        // written here, whole, before the file.
        if (count == 0) {
            return provider.withoutFile(call, options, count, blocking);
        }
        long total = provider.writeAll(call, headers, blocking);
        if (ByteBuffers.remaining(headers) > 0) {
            return total;
        }
        // The call carries the file bytes only, so len out counts nothing else: no file size, read before or after
        // the call, is needed to split it (one that changes under the call would mis-book the trailers). len 0 would
        // mean "to end of file", so it is never passed.
        // Success with fewer file bytes than asked for: the file ended (xnu stops at the size it read at the start).
        return provider.sendFilePart(call, "sendfile", total, blocking, options, 0, start, count,
                sent -> MacosNative.sendfile(call.inFd(), call.outFd(), start, count, null, null, null, 0, null, null,
                        null, 0, sent),
                error -> error);
    }
}

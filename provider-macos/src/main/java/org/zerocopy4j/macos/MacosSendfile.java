package org.zerocopy4j.macos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.IoVectors;
import org.zerocopy4j.internal.JdkChannels;
import org.zerocopy4j.internal.Watchdog;
import org.zerocopy4j.internal.PosixNative;

/**
 * Darwin sendfile(2) policy. len is in/out and must count the header bytes in the call (the kernel stops the file
 * part when its running total, headers included, reaches len) but never the trailer bytes (those would be taken as
 * more file bytes, bpo-33871); len 0 means "to end of file", so it is never passed. Headers and trailers never share
 * a call (Darwin may then send no file data): trailers ride with the file only when no header does, else they are
 * written after it. EAGAIN and EINTR come back with the bytes already sent in len, which are progress, not loss.
 */
final class MacosSendfile {
    /** What an "operation not possible on this descriptor" error asks for: the pure-Java path. */
    private MacosSendfile() {
    }

    static void checkFlags(SendfileOptions options) {
        for (SendfileFlag flag : options.flags()) {
            if (flag == SendfileFlag.NODISKIO || flag == SendfileFlag.SYNC) {
                throw new UnsupportedOperationException("SendfileFlag." + flag + " is not supported on macOS: "
                        + "Darwin's sendfile(2) takes no flags, and this one changes what the call returns");
            }
        }
    }

    /** Bytes sent (headers, file and trailers), 0, -1 at end of input. */
    static long send(JdkChannels.Lease lease, SocketChannel out, long offset, long count,
            SendfileOptions options, boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        long headerBytes = ByteBuffers.remaining(headers);
        long total = 0;
        // A short header write does not stop Darwin's call: file bytes follow as soon as the socket has room, in the
        // middle of the headers. So headers go in the call only where the write cannot be short (blocking, one vector).
        if (headerBytes > 0 && (!blocking || count == 0 || !fitsOneVector(headers, headerBytes))) {
            total += lease.writeAll(headers, blocking);
            if (ByteBuffers.remaining(headers) > 0) {
                return total;
            }
        }
        if (count == 0) {
            return total + lease.writeAll(trailers, blocking);
        }
        long start = lease.fileStart();
        IoVectors hv = ByteBuffers.remaining(headers) > 0 ? IoVectors.of(headers) : IoVectors.empty();
        IoVectors tv = IoVectors.empty();
        try {
            long trailerBytes = ByteBuffers.remaining(trailers);
            tv = hv.count() == 0 && trailerBytes > 0 ? IoVectors.of(trailers) : IoVectors.empty();
            if (tv.bytes() < trailerBytes) {
                tv.close();
                tv = IoVectors.empty();
            }
            long fileCount = Math.min(count, Long.MAX_VALUE - hv.bytes());
            long len = hv.bytes() + fileCount;
            long[] sent = new long[1];
            int rc;
            while (true) {
                rc = MacosNative.sendfile(lease.fileFd, lease.socketFd, start, len, hv.buffers, hv.positions,
                        hv.lengths, hv.count(), tv.buffers, tv.positions, tv.lengths, tv.count(), sent);
                if (rc == 0 || sent[0] > 0) {
                    break;
                }
                if (rc == -MacosNative.EAGAIN) {
                    if (!blocking) {
                        return total;
                    }
                    // A blocking channel whose descriptor the JDK drives non-blocking (virtual threads): wait here.
                    lease.awaitWritable();
                } else if (rc == -MacosNative.EINTR) {
                    lease.ensureOpen();
                } else if (total == 0 && (rc == -MacosNative.ENOTSOCK || rc == -MacosNative.ENOTSUP
                        || rc == -MacosNative.EOPNOTSUPP)) {
                    throw new DeclinedException("sendfile(2) will not write to this socket: " + PosixNative.errnoName(-rc));
                } else {
                    throw failure(lease, out, -rc);
                }
            }
            long n = sent[0];
            long fromHeaders = Math.min(n, hv.bytes());
            // At end of file the trailers follow fewer file bytes than asked for: only the file's size tells the split.
            long fromFile = Math.min(n - fromHeaders, Math.min(fileCount, Math.max(0, lease.fileSizeOrMax() - start)));
            ByteBuffers.consume(headers, fromHeaders);
            ByteBuffers.consume(trailers, n - fromHeaders - fromFile);
            if (offset == ZeroCopy.POSITION) {
                lease.setPosition(start + fromFile);
            }
            total += n;
            boolean endOfFile = rc == 0 && fromFile < fileCount;
            if (rc == 0 && (fromFile == count || endOfFile) && ByteBuffers.remaining(trailers) > 0) {
                total += lease.writeAll(trailers, blocking);
            }
            // End of file with trailers still to go is not end of input: they go out on a later call.
            return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
        } finally {
            hv.close();
            tv.close();
        }
    }

    /** Writes the buffers in order: all of them on a blocking socket, what it takes now on a non-blocking one. */
    private static boolean fitsOneVector(List<ByteBuffer> buffers, long bytes) {
        try (IoVectors v = IoVectors.of(buffers)) {
            return v.bytes() == bytes;
        }
    }


    /**
     * Darwin's sendfile checks "connected" before anything else, and a peer's reset clears that state (the reset's
     * error is usually taken by the call that saw it, which returned its progress): the caller would get ENOTCONN on a
     * channel the JDK still calls connected, where a write gets EPIPE. The socket's pending error is reported if it
     * has one, else EPIPE with the reason spelled out.
     */
    private static NativeIOException failure(JdkChannels.Lease lease, SocketChannel out, int errno) {
        if (errno == MacosNative.ENOTCONN && out.isConnected()) {
            int pending = lease.socketError();
            if (pending > 0) {
                return PosixNative.exception("sendfile", pending);
            }
            return new NativeIOException("sendfile", MacosNative.EPIPE, "EPIPE", "Broken pipe: the peer dropped the "
                    + "connection, and Darwin's sendfile reports ENOTCONN for a socket a reset has disconnected");
        }
        return PosixNative.exception("sendfile", errno);
    }
}

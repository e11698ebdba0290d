package org.zerocopy4j.bsd;

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
 * FreeBSD / DragonFly sendfile(2) policy: headers, file bytes and trailers in one call, sbytes counting all three.
 * nbytes 0 means "to end of file", so a request with no file bytes never reaches sendfile. EAGAIN (non-blocking),
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

    /** Bytes sent (headers, file and trailers), 0, -1 at end of input. */
    static long send(JdkChannels.Lease lease, SocketChannel out, long offset, long count,
            SendfileOptions options, int flags, boolean blocking) throws IOException {
        List<ByteBuffer> headers = options.headers();
        List<ByteBuffer> trailers = options.trailers();
        long total = 0;
        long headerBytes = ByteBuffers.remaining(headers);
        IoVectors hv = headerBytes > 0 ? IoVectors.of(headers) : IoVectors.empty();
        IoVectors tv = IoVectors.empty();
        try {
            if (count == 0 || hv.bytes() < headerBytes) {
                // No file bytes (nbytes 0 would send the whole file), or more headers than one vector: write them.
                total += lease.writeAll(headers, blocking);
                if (ByteBuffers.remaining(headers) > 0) {
                    return total;
                }
                hv.close();
                hv = IoVectors.empty();
            }
            if (count == 0) {
                return total + lease.writeAll(trailers, blocking);
            }
            long start = lease.fileStart();
            long trailerBytes = ByteBuffers.remaining(trailers);
            tv = trailerBytes > 0 ? IoVectors.of(trailers) : IoVectors.empty();
            if (tv.bytes() < trailerBytes) {
                tv.close();
                tv = IoVectors.empty();
            }
            long[] sent = new long[1];
            int rc;
            while (true) {
                rc = BsdNative.sendfile(lease.fileFd, lease.socketFd, start, count, hv.buffers, hv.positions,
                        hv.lengths, hv.count(), tv.buffers, tv.positions, tv.lengths, tv.count(), flags, sent);
                if (rc == 0 || sent[0] > 0) {
                    break;
                }
                if (rc == -BsdNative.EAGAIN || rc == -BsdNative.EBUSY) {
                    if (!blocking || rc == -BsdNative.EBUSY) {
                        return total;
                    }
                    lease.awaitWritable();
                } else if (rc == -BsdNative.EINTR) {
                    lease.ensureOpen();
                } else if (rc == -BsdNative.EINVAL && start >= lease.fileSizeOrMax()) {
                    rc = 0; // an offset past the end: end of input, not a bad argument
                    break;
                } else if (total == 0 && (rc == -BsdNative.ENOTSOCK || rc == -BsdNative.EOPNOTSUPP)) {
                    throw new DeclinedException("sendfile(2) will not write to this socket: " + PosixNative.errnoName(-rc));
                } else {
                    throw failure(lease, out, -rc);
                }
            }
            long n = sent[0];
            long fromHeaders = Math.min(n, hv.bytes());
            // At end of file the trailers follow fewer file bytes than asked for: only the file's size tells the split.
            long fromFile = Math.min(n - fromHeaders, Math.min(count, Math.max(0, lease.fileSizeOrMax() - start)));
            ByteBuffers.consume(headers, fromHeaders);
            ByteBuffers.consume(trailers, n - fromHeaders - fromFile);
            if (offset == ZeroCopy.POSITION) {
                lease.setPosition(start + fromFile);
            }
            total += n;
            boolean endOfFile = rc == 0 && fromFile < count;
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


    /**
     * sendfile checks "connected" before anything else, and a peer's reset clears that state (the reset's error is
     * usually taken by the call that saw it, which returned its progress): the caller would get ENOTCONN on a channel
     * the JDK still calls connected, where a write gets EPIPE. The pending error is reported if there is one, else
     * EPIPE with the reason spelled out.
     */
    private static NativeIOException failure(JdkChannels.Lease lease, SocketChannel out, int errno) {
        if (errno == BsdNative.ENOTCONN && out.isConnected()) {
            int pending = lease.socketError();
            if (pending > 0) {
                return PosixNative.exception("sendfile", pending);
            }
            return new NativeIOException("sendfile", BsdNative.EPIPE, "EPIPE", "Broken pipe: the peer dropped the "
                    + "connection, and sendfile reports ENOTCONN for a socket a reset has disconnected");
        }
        return PosixNative.exception("sendfile", errno);
    }

}

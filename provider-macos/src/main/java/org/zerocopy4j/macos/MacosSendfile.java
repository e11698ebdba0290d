package org.zerocopy4j.macos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.internal.ByteBuffers;
import org.zerocopy4j.internal.JdkChannels;
import org.zerocopy4j.internal.Watchdog;

/**
 * Darwin sendfile(2) policy. len is in/out and would count the header bytes in the call (the kernel stops the file
 * part when its running total, headers included, reaches len) and trailer bytes would be taken as more file bytes
 * (bpo-33871); xnu also counts a short header write as whole progress and carries on with the file. So the call
 * carries the file range only: the headers are written before it and the trailers after it, each whole on a blocking
 * channel. len 0 means "to end of file", so it is never passed. EAGAIN and EINTR come back with the bytes already
 * sent in len, which are progress, not loss.
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
        // xnu writes the headers with writev inside sendfile and adds what that returned to sbytes unchecked
        // (uipc_syscalls.c: "sbytes += writev_retval"), then goes on with the file: a short header write (a descriptor
        // the JDK left non-blocking after a virtual thread used the channel, or a signal) puts file bytes inside the
        // headers and sends more file bytes than asked for, len counting the headers. The headers are therefore
        // written here, whole, before the file.
        long total = lease.writeAll(headers, blocking);
        if (ByteBuffers.remaining(headers) > 0) {
            return total;
        }
        if (count == 0) {
            return total + lease.writeAll(trailers, blocking);
        }
        long start = lease.fileStart();
        // The call carries the file bytes only, so len out counts nothing else: no file size, read before or after
        // the call, is needed to split it (one that changes under the call would mis-book the trailers). len 0 would
        // mean "to end of file", so it is never passed.
        long[] sent = new long[1];
        int rc;
        while (true) {
            rc = MacosNative.sendfile(lease.fileFd, lease.socketFd, start, count, null, null, null, 0, null, null,
                    null, 0, sent);
            if (rc == 0 || sent[0] > 0) {
                break;
            }
            if (rc == -Errno.EAGAIN) {
                if (!blocking) {
                    return total;
                }
                // A blocking channel whose descriptor the JDK drives non-blocking (virtual threads): wait here.
                lease.awaitWritable();
            } else if (rc == -Errno.EINTR) {
                lease.ensureOpen();
            } else if (total == 0 && (rc == -Errno.ENOTSOCK || rc == -Errno.ENOTSUP
                    || rc == -Errno.EOPNOTSUPP)) {
                throw new DeclinedException("sendfile(2) will not write to this socket: " + Errno.name(-rc));
            } else {
                throw failure(lease, out, -rc);
            }
        }
        long fromFile = sent[0];
        if (offset == ZeroCopy.POSITION) {
            lease.setPosition(start + fromFile);
        }
        total += fromFile;
        // Success with fewer file bytes than asked for: the file ended (xnu stops at the size it read at the start).
        boolean endOfFile = rc == 0 && fromFile < count;
        if (rc == 0) {
            total += lease.writeAll(trailers, blocking);
        }
        // End of file with trailers still to go is not end of input: they go out on a later call.
        return total == 0 && endOfFile && ByteBuffers.remaining(trailers) == 0 ? -1 : total;
    }

    /**
     * Darwin's sendfile checks "connected" before anything else, and a peer's reset clears that state (the reset's
     * error is usually taken by the call that saw it, which returned its progress): the caller would get ENOTCONN on a
     * channel the JDK still calls connected, where a write gets EPIPE. The socket's pending error is reported if it
     * has one, else EPIPE with the reason spelled out.
     */
    private static NativeIOException failure(JdkChannels.Lease lease, SocketChannel out, int errno) {
        if (errno == Errno.ENOTCONN && out.isConnected()) {
            int pending = lease.socketError();
            if (pending > 0) {
                return Errno.exception("sendfile", -pending);
            }
            return new NativeIOException("sendfile", Errno.EPIPE, "EPIPE", "Broken pipe: the peer dropped the "
                    + "connection, and Darwin's sendfile reports ENOTCONN for a socket a reset has disconnected");
        }
        return Errno.exception("sendfile", -errno);
    }
}

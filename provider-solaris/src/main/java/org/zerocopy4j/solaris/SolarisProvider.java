package org.zerocopy4j.solaris;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.internal.PosixProvider;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The Solaris and illumos provider: sendfilev(3EXT) from a JDK file channel, with headers and trailers, into a JDK
 * socket or file channel. There is no splice, tee or in-kernel range copy: those, and relays, are declined and served
 * by the next provider (the pure-Java fallback).
 */
public final class SolarisProvider extends PosixProvider {
    /** Needed by ServiceLoader; never throws. */
    public SolarisProvider() {
        super("solaris", "Solaris", "Solaris or illumos",
                os -> os.equals("sunos") || os.equals("solaris"),
                SolarisNative.LIBRARY,
                Set.of(Feature.SENDFILE),
                Set.of(Capability.SENDFILE_HEADERS), true);
    }

    @Override
    protected Step step(SendfileOptions options) {
        SolarisSendfile.checkFlags(options);
        return (call, start, count, blocking) -> SolarisSendfile.send(this, call, start, count, options, blocking,
                call.positioned());
    }

    @Override
    protected void checkSocket(SocketChannel socket) throws IOException {
        if (!(socket.getLocalAddress() instanceof InetSocketAddress)) {
            // illumos sendfilev fails with EOPNOTSUPP for a socket without SM_SENDFILESUPP, which only TCP over
            // IPv4 and IPv6 has: a Unix-domain socket is left to the next provider before any byte moves.
            throw new DeclinedException("sendfilev(3EXT) sends to AF_INET and AF_INET6 sockets only, not "
                    + socket.getLocalAddress());
        }
    }

    @Override
    protected long toFile(FileChannel in, long offset, FileChannel file, long count, SendfileOptions options)
            throws IOException {
        // Files only, so nothing waits for another channel: the whole call holds the position locks it uses (the
        // output is always written at its position).
        return PositionLocks.holding(io(), PositionLocks.of(io(), in, offset),
                PositionLocks.of(io(), file, ZeroCopy.POSITION), PositionLocks.closingOn(in, file),
                () -> toFileHolding(in, offset, file, count, options));
    }

    private long toFileHolding(FileChannel in, long offset, FileChannel file, long count, SendfileOptions options)
            throws IOException {
        // A target starting inside the source range, after its start, may be one file's (the JDK shows no file
        // identity): the kernel's forward copy would overwrite source bytes before reading them. The next provider
        // copies such ranges as memmove does. Both positions read here are under locks this call holds.
        long inAt;
        long outAt;
        try {
            inAt = offset == ZeroCopy.POSITION ? in.position() : offset;
            outAt = file.position();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException noPosition) {
            inAt = 0; // a FIFO or device has no position (ESPIPE): nothing to overlap; the call says the rest
            outAt = 0;
        }
        if (outAt > inAt && outAt - inAt < count) {
            throw new DeclinedException("sendfilev to a file: the target range starts inside the source range, "
                    + "which within one file needs a copy last to first");
        }
        // One call enters a channel at both ends once.
        try (ChannelCall call = openFiles(in, file)) {
            long start = offset == ZeroCopy.POSITION ? call.seek(0, ChannelCall.SEEK_CUR) : offset;
            return SolarisSendfile.send(this, call, start, count, options, true, offset == ZeroCopy.POSITION);
        }
    }
}

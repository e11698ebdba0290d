package org.zerocopy4j.solaris;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.JdkChannelProvider;
import org.zerocopy4j.internal.JdkChannels;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.internal.PositionLocks;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The Solaris and illumos provider: sendfilev(3EXT) from a JDK file channel, with headers and trailers, into a JDK
 * socket or file channel. There is no splice, tee or in-kernel range copy: those, and relays, are declined and served
 * by the next provider (the pure-Java fallback).
 */
public final class SolarisProvider extends JdkChannelProvider {
    /** Needed by ServiceLoader; never throws. */
    public SolarisProvider() {
        super("solaris", "Solaris", cause());
    }

    private static Throwable cause() {
        String os = System.getProperty("os.name", "");
        String lower = os.toLowerCase(Locale.ROOT);
        if (SolarisNative.testLibrary() == null && !lower.equals("sunos") && !lower.equals("solaris")) {
            return new UnsupportedOperationException("not Solaris or illumos: " + os);
        }
        return SolarisNative.failure().orElse(null);
    }

    @Override
    public Set<Feature> features() {
        return isAvailable() ? Set.of(Feature.SENDFILE) : Set.of();
    }

    @Override
    public Set<Capability> capabilities() {
        return isAvailable() ? Set.of(Capability.SENDFILE_HEADERS) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return isAvailable() && channels().isFile(a) && (channels().isSocket(b) || channels().isFile(b));
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        SolarisSendfile.checkFlags(options);
        JdkChannels.ensureReadable(in);
        if (out instanceof SocketChannel) {
            SocketChannel socket = (SocketChannel) out;
            JdkChannels.ensureConnected(socket);
            if (!(socket.getLocalAddress() instanceof InetSocketAddress)) {
                // illumos sendfilev fails with EOPNOTSUPP for a socket without SM_SENDFILESUPP, which only TCP over
                // IPv4 and IPv6 has: a Unix-domain socket is left to the next provider before any byte moves.
                throw new DeclinedException("sendfilev(3EXT) sends to AF_INET and AF_INET6 sockets only, not "
                        + socket.getLocalAddress());
            }
            try (JdkChannels.Lease lease = JdkChannels.Lease.of(SolarisNative.io(), in, offset, socket)) {
                return lease.attempts(offset, count, options, socket.isBlocking(), (blocking, c) ->
                        SolarisSendfile.send(lease, lease.socketFd, out, in, offset, c, options, blocking));
            }
        }
        FileChannel file = (FileChannel) out;
        JdkChannels.ensureWritable(file);
        // Files only, so nothing waits for another channel: the whole call holds the position locks it uses (the
        // output is always written at its position).
        return PositionLocks.holding(SolarisNative.io(), PositionLocks.of(SolarisNative.io(), in, offset),
                PositionLocks.of(SolarisNative.io(), file, ZeroCopy.POSITION), PositionLocks.closingOn(in, file),
                () -> toFile(in, offset, file, count, options));
    }

    private static long toFile(FileChannel in, long offset, FileChannel file, long count, SendfileOptions options)
            throws IOException {
        // A target starting inside the source range, after its start, may be one file's (the JDK shows no file
        // identity): the kernel's forward copy would overwrite source bytes before reading them. The next provider
        // copies such ranges as memmove does. Both positions read here are under locks this call holds.
        long inAt;
        long outAt;
        try {
            inAt = offset == ZeroCopy.POSITION ? in.position() : offset;
            outAt = file.position();
        } catch (java.nio.channels.ClosedChannelException e) {
            throw e;
        } catch (IOException noPosition) {
            inAt = 0; // a FIFO or device has no position (ESPIPE): nothing to overlap; the call says the rest
            outAt = 0;
        }
        if (outAt > inAt && outAt - inAt < count) {
            throw new DeclinedException("sendfilev to a file: the target range starts inside the source range, "
                    + "which within one file needs a copy last to first");
        }
        // One lease when both ends are the same channel: a second entry into it would, on an interrupt, close the
        // channel on this thread and wait for the slot this thread already holds.
        try (JdkChannels.Lease source = JdkChannels.Lease.of(SolarisNative.io(), in, offset);
                JdkChannels.Lease target = file == in ? null : JdkChannels.Lease.of(SolarisNative.io(), file)) {
            return SolarisSendfile.send(source, target == null ? source.fileFd : target.fileFd, file, in, offset,
                    count, options, true);
        }
    }

}

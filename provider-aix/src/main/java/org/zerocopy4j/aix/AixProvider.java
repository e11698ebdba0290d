package org.zerocopy4j.aix;

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
import org.zerocopy4j.spi.DeclinedException;

/**
 * The AIX provider: send_file from a JDK file channel to a JDK socket channel, with headers, trailers and the
 * SF_DONT_CACHE / SF_SYNC_CACHE flags. AIX has no splice, tee or in-kernel range copy: those, and relays, are declined
 * and served by the next provider (the pure-Java fallback).
 */
public final class AixProvider extends JdkChannelProvider {
    /** Needed by ServiceLoader; never throws. */
    public AixProvider() {
        super("aix", "AIX", cause());
    }

    private static Throwable cause() {
        String os = System.getProperty("os.name", "");
        if (AixNative.testLibrary() == null && !os.toLowerCase(Locale.ROOT).equals("aix")) {
            return new UnsupportedOperationException("not AIX: " + os);
        }
        return AixNative.failure().orElse(null);
    }

    @Override
    public Set<Feature> features() {
        return isAvailable() ? Set.of(Feature.SENDFILE) : Set.of();
    }

    @Override
    public Set<Capability> capabilities() {
        return isAvailable() ? Set.of(Capability.SENDFILE_HEADERS, Capability.SENDFILE_FLAGS) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return isAvailable() && channels().isFile(a) && channels().isSocket(b);
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        int flags = AixSendfile.kernelFlags(options);
        JdkChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        JdkChannels.ensureConnected(socket);
        if (!(socket.getLocalAddress() instanceof InetSocketAddress)) {
            // IBM, send_file: "only supports the TCP/IP protocol (SOCK_STREAM socket in AF_INET). An error will be
            // returned when this function is used on any other types of sockets": left to the next provider.
            throw new DeclinedException("send_file sends to TCP/IP sockets only, not " + socket.getLocalAddress());
        }
        try (JdkChannels.Lease lease = JdkChannels.Lease.of(AixNative.io(), in, offset, socket)) {
            return lease.attempts(offset, count, options, socket.isBlocking(),
                    (blocking, c) -> AixSendfile.send(lease, socket, offset, c, options, flags, blocking));
        }
    }

}

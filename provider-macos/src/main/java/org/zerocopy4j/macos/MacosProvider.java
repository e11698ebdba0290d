package org.zerocopy4j.macos;

import java.io.IOException;
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

/**
 * The macOS provider: Darwin's sendfile(2) from a JDK file channel to a JDK socket channel, headers and trailers
 * included. Darwin has no splice, tee or ranged in-kernel copy, so every other operation is declined and served by
 * the next provider (the pure-Java fallback).
 */
public final class MacosProvider extends JdkChannelProvider {
    /** Needed by ServiceLoader; never throws. */
    public MacosProvider() {
        super("macos", "Darwin", cause());
    }

    private static Throwable cause() {
        String os = System.getProperty("os.name", "");
        if (MacosNative.testLibrary() == null && !os.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return new UnsupportedOperationException("not macOS: " + os);
        }
        return MacosNative.failure().orElse(null);
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
        return isAvailable() && channels().isFile(a) && channels().isSocket(b);
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        MacosSendfile.checkFlags(options);
        JdkChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        JdkChannels.ensureConnected(socket);
        try (JdkChannels.Lease lease = JdkChannels.Lease.of(MacosNative.io(), in, offset, socket)) {
            return lease.attempts(offset, count, options, socket.isBlocking(),
                    (blocking, c) -> MacosSendfile.send(lease, socket, offset, c, options, blocking));
        }
    }

}

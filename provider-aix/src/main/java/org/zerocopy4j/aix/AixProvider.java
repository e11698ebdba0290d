package org.zerocopy4j.aix;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The AIX provider: send_file from a JDK file channel to a JDK socket channel, with headers, trailers and the
 * SF_DONT_CACHE / SF_SYNC_CACHE flags. AIX has no splice, tee or in-kernel range copy: those, and relays, are declined
 * and served by the next provider (the pure-Java fallback).
 */
public final class AixProvider implements ZeroCopyProvider {
    private final Throwable unavailable;
    private final AixChannels channels;

    /** Needed by ServiceLoader; never throws. */
    public AixProvider() {
        Throwable cause;
        AixChannels c = null;
        String os = System.getProperty("os.name", "");
        if (AixNative.testLibrary() == null && !os.toLowerCase(Locale.ROOT).equals("aix")) {
            cause = new UnsupportedOperationException("not AIX: " + os);
        } else {
            cause = AixNative.failure().orElse(null);
        }
        if (cause == null) {
            try {
                c = new AixChannels();
            } catch (Throwable t) {
                cause = t;
            }
        }
        this.unavailable = cause;
        this.channels = c;
    }

    @Override
    public String name() {
        return "aix";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return unavailable == null;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public Set<Feature> features() {
        return unavailable == null ? Set.of(Feature.SENDFILE, Feature.SENDFILE_HEADERS, Feature.SENDFILE_FLAGS) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return unavailable == null && channels.isFile(a) && channels.isSocket(b);
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        int flags = AixSendfile.kernelFlags(options);
        AixChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        AixChannels.ensureConnected(socket);
        try (AixChannels.Lease lease = AixChannels.Lease.of(in, socket)) {
            return AixSendfile.send(lease, socket, in, offset, count, options, flags);
        }
    }

    @Override
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) {
        throw declined("splice");
    }

    @Override
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags) {
        throw declined("tee");
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) {
        throw declined("copyRange");
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) {
        throw declined("relay");
    }

    private static UnsupportedOperationException declined(String call) {
        return new UnsupportedOperationException(call + " has no AIX system call; accepts() declines it");
    }

    @Override
    public String toString() {
        return "aix";
    }
}

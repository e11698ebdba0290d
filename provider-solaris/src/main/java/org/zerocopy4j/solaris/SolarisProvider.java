package org.zerocopy4j.solaris;

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
 * The Solaris and illumos provider: sendfilev(3EXT) from a JDK file channel, with headers and trailers, into a JDK
 * socket or file channel. There is no splice, tee or in-kernel range copy: those, and relays, are declined and served
 * by the next provider (the pure-Java fallback).
 */
public final class SolarisProvider implements ZeroCopyProvider {
    private final Throwable unavailable;
    private final SolarisChannels channels;

    /** Needed by ServiceLoader; never throws. */
    public SolarisProvider() {
        Throwable cause;
        SolarisChannels c = null;
        String os = System.getProperty("os.name", "");
        String lower = os.toLowerCase(Locale.ROOT);
        if (SolarisNative.testLibrary() == null && !lower.equals("sunos") && !lower.equals("solaris")) {
            cause = new UnsupportedOperationException("not Solaris or illumos: " + os);
        } else {
            cause = SolarisNative.failure().orElse(null);
        }
        if (cause == null) {
            try {
                c = new SolarisChannels();
            } catch (Throwable t) {
                cause = t;
            }
        }
        this.unavailable = cause;
        this.channels = c;
    }

    @Override
    public String name() {
        return "solaris";
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
        return unavailable == null ? Set.of(Feature.SENDFILE, Feature.SENDFILE_HEADERS) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return unavailable == null && channels.isFile(a) && (channels.isSocket(b) || channels.isFile(b));
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        SolarisSendfile.checkFlags(options);
        SolarisChannels.ensureReadable(in);
        if (out instanceof SocketChannel) {
            SocketChannel socket = (SocketChannel) out;
            SolarisChannels.ensureConnected(socket);
            try (SolarisChannels.Lease lease = SolarisChannels.Lease.of(in, socket)) {
                return SolarisSendfile.send(lease.socketFd, lease.fileFd, out, in, offset, count, options);
            }
        }
        FileChannel file = (FileChannel) out;
        SolarisChannels.ensureWritable(file);
        try (SolarisChannels.Lease source = SolarisChannels.Lease.of(in);
                SolarisChannels.Lease target = SolarisChannels.Lease.of(file)) {
            return SolarisSendfile.send(target.fileFd, source.fileFd, out, in, offset, count, options);
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
        return new UnsupportedOperationException(call + " has no Solaris system call; accepts() declines it");
    }

    @Override
    public String toString() {
        return "solaris";
    }
}

package org.zerocopy4j.bsd;

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
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The FreeBSD and DragonFly BSD provider: sendfile(2) from a JDK file channel to a JDK socket channel with headers,
 * trailers and flags, and copy_file_range(2) between JDK file channels (FreeBSD 13+; elsewhere the pure-Java path).
 * There is no splice or tee: those, and relays, are declined and served by the next provider (the fallback).
 */
public final class BsdProvider implements ZeroCopyProvider {
    private final Throwable unavailable;
    private final BsdChannels channels;

    /** Needed by ServiceLoader; never throws. */
    public BsdProvider() {
        Throwable cause;
        BsdChannels c = null;
        String os = System.getProperty("os.name", "");
        String lower = os.toLowerCase(Locale.ROOT);
        if (BsdNative.testLibrary() == null && !lower.equals("freebsd") && !lower.equals("dragonfly")) {
            cause = new UnsupportedOperationException("not FreeBSD or DragonFly BSD: " + os);
        } else {
            cause = BsdNative.failure().orElse(null);
        }
        if (cause == null) {
            try {
                c = new BsdChannels();
            } catch (Throwable t) {
                cause = t;
            }
        }
        this.unavailable = cause;
        this.channels = c;
    }

    @Override
    public String name() {
        return "bsd";
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
        return unavailable == null ? Set.of(Feature.SENDFILE, Feature.SENDFILE_HEADERS, Feature.SENDFILE_FLAGS,
                Feature.COPY_RANGE) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return unavailable == null && channels.isFile(a) && (channels.isSocket(b) || channels.isFile(b));
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        if (!accepts(a, b)) {
            return false;
        }
        return operation == Feature.SENDFILE ? channels.isSocket(b) : operation == Feature.COPY_RANGE && channels.isFile(b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        int flags = BsdSendfile.kernelFlags(options);
        BsdChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        BsdChannels.ensureConnected(socket);
        long n;
        try (BsdChannels.Lease lease = BsdChannels.Lease.of(in, socket)) {
            n = BsdSendfile.send(lease, socket, in, offset, count, options, flags);
        }
        // A socket sendfile will not write to: the same call, done in Java.
        return n == BsdSendfile.USE_FALLBACK ? ZeroCopy.using("fallback").sendfile(out, in, offset, count, options) : n;
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
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        return BsdCopyRange.copy(in, inOffset, out, outOffset, count);
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) {
        throw declined("relay");
    }

    private static UnsupportedOperationException declined(String call) {
        return new UnsupportedOperationException(call + " has no FreeBSD system call; accepts() declines it");
    }

    @Override
    public String toString() {
        return "bsd";
    }
}

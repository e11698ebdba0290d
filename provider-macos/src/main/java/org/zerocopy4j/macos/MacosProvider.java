package org.zerocopy4j.macos;

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
 * The macOS provider: Darwin's sendfile(2) from a JDK file channel to a JDK socket channel, headers and trailers
 * included. Darwin has no splice, tee or ranged in-kernel copy, so every other operation is declined and served by
 * the next provider (the pure-Java fallback).
 */
public final class MacosProvider implements ZeroCopyProvider {
    private final Throwable unavailable;
    private final MacosChannels channels;

    /** Needed by ServiceLoader; never throws. */
    public MacosProvider() {
        Throwable cause;
        MacosChannels c = null;
        String os = System.getProperty("os.name", "");
        if (MacosNative.testLibrary() == null && !os.toLowerCase(Locale.ROOT).startsWith("mac")) {
            cause = new UnsupportedOperationException("not macOS: " + os);
        } else {
            cause = MacosNative.failure().orElse(null);
        }
        if (cause == null) {
            try {
                c = new MacosChannels();
            } catch (Throwable t) {
                cause = t;
            }
        }
        this.unavailable = cause;
        this.channels = c;
    }

    @Override
    public String name() {
        return "macos";
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
        return unavailable == null && channels.isFile(a) && channels.isSocket(b);
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation == Feature.SENDFILE && accepts(a, b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        MacosSendfile.checkFlags(options);
        MacosChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        MacosChannels.ensureConnected(socket);
        long n;
        try (MacosChannels.Lease lease = MacosChannels.Lease.of(in, socket)) {
            n = MacosSendfile.send(lease, socket, in, offset, count, options);
        }
        // A socket Darwin will not sendfile into (not a TCP stream): the same call, done in Java.
        return n == MacosSendfile.USE_FALLBACK ? ZeroCopy.using("fallback").sendfile(out, in, offset, count, options) : n;
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
        return new UnsupportedOperationException(call + " has no Darwin system call; accepts() declines it");
    }

    @Override
    public String toString() {
        return "macos";
    }
}

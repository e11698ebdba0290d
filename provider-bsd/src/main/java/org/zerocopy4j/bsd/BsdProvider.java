package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.JdkChannelProvider;
import org.zerocopy4j.internal.JdkChannels;

/**
 * The FreeBSD and DragonFly BSD provider: sendfile(2) from a JDK file channel to a JDK socket channel with headers,
 * trailers and flags, and copy_file_range(2) between JDK file channels (FreeBSD 13+; elsewhere the pure-Java path).
 * There is no splice or tee: those, and relays, are declined and served by the next provider (the fallback).
 */
public final class BsdProvider extends JdkChannelProvider {
    /** Needed by ServiceLoader; never throws. */
    public BsdProvider() {
        super("bsd", "FreeBSD", cause());
    }

    private static Throwable cause() {
        String os = System.getProperty("os.name", "");
        String lower = os.toLowerCase(Locale.ROOT);
        if (BsdNative.testLibrary() == null && !lower.equals("freebsd") && !lower.equals("dragonfly")) {
            return new UnsupportedOperationException("not FreeBSD or DragonFly BSD: " + os);
        }
        return BsdNative.failure().orElse(null);
    }

    @Override
    public Set<Feature> features() {
        return isAvailable() ? Set.of(Feature.SENDFILE, Feature.COPY_RANGE) : Set.of();
    }

    @Override
    public Set<Capability> capabilities() {
        return isAvailable() ? Set.of(Capability.SENDFILE_HEADERS, Capability.SENDFILE_FLAGS) : Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return isAvailable() && channels().isFile(a) && (channels().isSocket(b) || channels().isFile(b));
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        if (!accepts(a, b)) {
            return false;
        }
        return operation == Feature.SENDFILE ? channels().isSocket(b) : operation == Feature.COPY_RANGE && channels().isFile(b);
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        int flags = BsdSendfile.kernelFlags(options);
        JdkChannels.ensureReadable(in);
        SocketChannel socket = (SocketChannel) out;
        JdkChannels.ensureConnected(socket);
        // With NODISKIO a call returns 0 when the file's pages are not in memory (EBUSY), which the caller expects;
        // parking outside the attempt on a 0 would spin on EBUSY, so such a call waits for a full socket inside its
        // attempt instead (a blocking channel never returns 0 for a full socket, also when the JDK drives its
        // descriptor non-blocking for a virtual thread).
        boolean nodiskio = options.flags().contains(SendfileFlag.NODISKIO);
        boolean waits = socket.isBlocking() && !nodiskio;
        boolean waitsInside = socket.isBlocking() && nodiskio;
        try (JdkChannels.Lease lease = JdkChannels.Lease.of(BsdNative.io(), in, offset, socket)) {
            return lease.attempts(offset, count, options, waits, (blocking, c) ->
                    BsdSendfile.send(lease, socket, offset, c, options, flags, blocking || waitsInside));
        }
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        return BsdCopyRange.copy(in, inOffset, out, outOffset, count);
    }

}

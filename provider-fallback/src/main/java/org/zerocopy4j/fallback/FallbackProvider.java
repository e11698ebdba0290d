package org.zerocopy4j.fallback;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.Set;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The pure-Java provider: available on every JDK 17+ platform, for every channel pair, for every operation but tee.
 * It lets the JDK do zero-copy where the JDK can (FileChannel.transferTo towards files and selectable channels) and
 * otherwise copies through pooled direct buffers. Its {@link #features()} are empty because nothing it does is
 * guaranteed to stay in the kernel. Splice flags are hints it ignores.
 */
public final class FallbackProvider implements ZeroCopyProvider {

    /** Needed by ServiceLoader. */
    public FallbackProvider() {
    }

    @Override
    public String name() {
        return "fallback";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.empty();
    }

    @Override
    public Set<Feature> features() {
        return Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return true;
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        return operation != Feature.TEE;
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        return FileTransfers.sendfile(out, in, offset, count, options);
    }

    @Override
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException {
        if (in instanceof FileChannel) {
            FileChannel file = (FileChannel) in;
            return out instanceof FileChannel
                    ? FileTransfers.copyRange(file, inOffset, (FileChannel) out, outOffset, count)
                    : FileTransfers.sendfile(out, file, inOffset, count, SendfileOptions.NONE);
        }
        return StreamTransfers.splice(in, out, outOffset, count);
    }

    @Override
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags) {
        throw new UnsupportedOperationException("tee is not supported by the fallback provider: duplicating pipe "
                + "content without consuming it needs the kernel's tee(2) (Linux provider)");
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        return FileTransfers.copyRange(in, inOffset, out, outOffset, count);
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        if (out instanceof FileChannel) {
            ChannelChecks.ensureWritable((FileChannel) out);
        }
        return new BufferRelay(in, out);
    }

    @Override
    public String toString() {
        return "fallback";
    }
}

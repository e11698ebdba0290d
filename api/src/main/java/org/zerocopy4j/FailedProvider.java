package org.zerocopy4j;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.Set;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * Stands in for a provider that ServiceLoader found but could not instantiate, so that {@link ZeroCopy#providers()}
 * and the diagnostics still show it with the reason.
 */
final class FailedProvider implements ZeroCopyProvider {
    private final String name;
    private final Throwable cause;

    FailedProvider(String name, Throwable cause) {
        this.name = name;
        this.cause = cause;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.of(cause);
    }

    @Override
    public Set<Feature> features() {
        return Set.of();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return false;
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        throw unusable();
    }

    @Override
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException {
        throw unusable();
    }

    @Override
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags)
            throws IOException {
        throw unusable();
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        throw unusable();
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        throw unusable();
    }

    private IllegalStateException unusable() {
        return new IllegalStateException("provider " + name + " could not be loaded", cause);
    }

    @Override
    public String toString() {
        return name + " (failed to load)";
    }
}

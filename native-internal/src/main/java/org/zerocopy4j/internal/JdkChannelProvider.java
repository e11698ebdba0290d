package org.zerocopy4j.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.Set;

import org.zerocopy4j.Relay;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The common part of every native provider, which reads descriptors from the JDK's own channel classes
 * ({@link JdkChannelIo#kindOf}): availability, name, priority, and declining the operations the system has no call for. A
 * subclass implements {@code features}, {@code accepts} and {@code sendfile}, and overrides whichever of splice, tee,
 * copyRange and relay its system does have (Linux: all of them).
 */
public abstract class JdkChannelProvider implements ZeroCopyProvider {
    private final String name;
    private final String system;
    private final Throwable unavailable;

    /**
     * Never throws.
     *
     * @param name the provider's name
     * @param system the system's name in the message of a declined call
     * @param cause why the provider is unavailable, or null (its library loaded and the JDK's protocol is complete)
     */
    protected JdkChannelProvider(String name, String system, Throwable cause) {
        this.name = name;
        this.system = system;
        this.unavailable = cause;
    }

    @Override
    public String name() {
        return name;
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
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException {
        throw declined("splice");
    }

    @Override
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags)
            throws IOException {
        throw declined("tee");
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        throw declined("copyRange");
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        throw declined("relay");
    }

    /** The exception for a call the system has none for. */
    protected final UnsupportedOperationException declined(String call) {
        return new UnsupportedOperationException(call + " has no " + system + " system call; accepts() declines it");
    }

    /** The library this provider's native class loaded: its resource, or the file a property named. */
    @Override
    public Optional<String> nativeLibrary() {
        return ProviderLibrary.loaded(getClass().getPackageName());
    }

    @Override
    public String toString() {
        return name;
    }
}

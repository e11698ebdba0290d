package org.zerocopy4j.spi;

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
import org.zerocopy4j.ZeroCopy;

/**
 * What a zerocopy4j provider implements. Providers are found with {@link java.util.ServiceLoader} (module path:
 * {@code provides org.zerocopy4j.spi.ZeroCopyProvider with ...}; class path:
 * {@code META-INF/services/org.zerocopy4j.spi.ZeroCopyProvider}) and need a public no-argument constructor that
 * never throws: a provider that cannot work here reports it through {@link #isAvailable()} and
 * {@link #unavailabilityCause()}.
 *
 * <p>The façade ({@link ZeroCopy}) checks arguments before it calls a provider: channels are non-null and were open,
 * counts are positive (sendfile: zero only when headers or trailers remain), offsets are {@link ZeroCopy#POSITION} or
 * non-negative and given only for {@link FileChannel}s, and the pair was {@link #accepts(Feature, Channel, Channel)
 * accepted}. Providers keep every other rule written in {@link ZeroCopy}'s javadoc: return values (n, 0 for a
 * non-blocking end that can take nothing now, -1 at end of input), position handling, no lost or duplicated byte, and
 * the exceptions named there.
 */
public interface ZeroCopyProvider {

    /** Short lower-case name: "linux", "bsd", "macos", "solaris", "aix", "fallback". */
    String name();

    /** Higher wins among available providers: native providers 100, the fallback 0. */
    int priority();

    /** False when this OS or architecture is not served, or the native core failed to load. */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false; empty when available. */
    Optional<Throwable> unavailabilityCause();

    /** What this provider does in the kernel, without copying through the JVM; the fallback returns an empty set. */
    Set<Feature> features();

    /** Whether this provider can serve this pair of channel types at all (for any operation). */
    boolean accepts(Channel a, Channel b);

    /**
     * Whether this provider can serve {@code operation} (one of SENDFILE, SPLICE, TEE, COPY_RANGE, RELAY) between these
     * channels; the façade hands a declined call to the next provider in selection order. The default is
     * {@link #accepts(Channel, Channel)}; a provider that lacks an operation entirely overrides this.
     */
    default boolean accepts(Feature operation, Channel a, Channel b) {
        return accepts(a, b);
    }

    /** {@link ZeroCopy#sendfile(WritableByteChannel, FileChannel, long, long, SendfileOptions)}. */
    long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException;

    /** {@link ZeroCopy#splice(ReadableByteChannel, long, WritableByteChannel, long, long, SpliceFlag...)}. */
    long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException;

    /** {@link ZeroCopy#tee(Pipe.SourceChannel, Pipe.SinkChannel, long, SpliceFlag...)}. */
    long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags) throws IOException;

    /** {@link ZeroCopy#copyRange(FileChannel, long, FileChannel, long, long)}. */
    long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) throws IOException;

    /** {@link ZeroCopy#relay(ReadableByteChannel, WritableByteChannel)}. */
    Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException;
}

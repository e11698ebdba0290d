package org.zerocopy4j.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.TlsOffload;
import org.zerocopy4j.TlsOffloadRefusedException;
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

    /**
     * Short lower-case name: "linux", "bsd", "macos", "solaris", "aix", "fallback".
     *
     * @return the short lower-case name
     */
    String name();

    /**
     * Higher wins among available providers: native providers 100, the fallback 0.
     *
     * @return the priority; higher wins
     */
    int priority();

    /**
     * False when this OS or architecture is not served, or the native core failed to load.
     *
     * @return whether this provider works here
     */
    boolean isAvailable();

    /**
     * Why {@link #isAvailable()} is false; empty when available.
     *
     * @return why this provider is unavailable, or empty
     */
    Optional<Throwable> unavailabilityCause();

    /**
     * The native library this provider loaded (its resource in the jar, or the file a property named), for
     * {@link org.zerocopy4j.Diagnostics}; empty for a provider without one or whose library did not load.
     *
     * @return the library, or empty
     */
    default Optional<String> nativeLibrary() {
        return Optional.empty();
    }

    /**
     * What this provider does in the kernel, without copying through the JVM; the fallback returns an empty set.
     *
     * @return the operations this provider does in the kernel
     */
    Set<Feature> features();

    /**
     * What this provider's operations do beyond moving bytes (headers with the file, sendfile flags); the default is
     * none. Only operations are dispatched on: see {@link #accepts(Feature, Channel, Channel)}.
     *
     * @return the capabilities of this provider's kernel operations
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Whether this provider can serve this pair of channel types at all (for any operation).
     *
     * @param a the channel the bytes would be read from
     * @param b the channel the bytes would be written to
     * @return whether this provider serves these channels
     */
    boolean accepts(Channel a, Channel b);

    /**
     * Whether this provider can serve {@code operation} (one of SENDFILE, SPLICE, TEE, COPY_RANGE, RELAY) between these
     * channels; the façade hands a declined call to the next provider in selection order. The default is
     * {@link #accepts(Channel, Channel)}; a provider that lacks an operation entirely overrides this.
     *
     * @param operation the operation asked for: SENDFILE, SPLICE, TEE, COPY_RANGE or RELAY
     * @param a the channel the bytes would be read from
     * @param b the channel the bytes would be written to
     * @return whether this provider serves these channels
     */
    default boolean accepts(Feature operation, Channel a, Channel b) {
        return accepts(a, b);
    }

    /**
     * {@link ZeroCopy#sendfile(WritableByteChannel, FileChannel, long, long, SendfileOptions)}.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param offset the offset in the file {@code in}, or {@link ZeroCopy#POSITION} for its position (advanced by the
     *         file bytes sent)
     * @param count the most file bytes to send
     * @param options headers, trailers and flags; {@link SendfileOptions#NONE} for none
     * @return the header, file and trailer bytes sent together ({@code n > 0}), 0 when a non-blocking channel could
     *         take or give nothing now, or -1 at the end of the input
     * @throws IOException if the operating system reports an error ({@link org.zerocopy4j.NativeIOException},
     *         naming the call and errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException};
     *         {@link java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException;

    /**
     * {@link ZeroCopy#splice(ReadableByteChannel, long, WritableByteChannel, long, long, SpliceFlag...)}.
     *
     * @param in the channel the bytes are read from
     * @param inOffset the offset in {@code in} if it is a file, else {@link ZeroCopy#POSITION}
     * @param out the channel the bytes are written to
     * @param outOffset the offset in {@code out} if it is a file, else {@link ZeroCopy#POSITION}
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link org.zerocopy4j.NativeIOException},
     *         naming the call and errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException};
     *         {@link java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException;

    /**
     * {@link ZeroCopy#tee(Pipe.SourceChannel, Pipe.SinkChannel, long, SpliceFlag...)}.
     *
     * @param in the pipe the bytes are copied from; they stay in it
     * @param out the pipe the copies are written to
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes copied ({@code n > 0}), 0 when a non-blocking pipe could take or give nothing now, or -1 when
     *         the input pipe is empty and its writer closed
     * @throws IOException if the operating system reports an error ({@link org.zerocopy4j.NativeIOException},
     *         naming the call and errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException};
     *         {@link java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags) throws IOException;

    /**
     * {@link ZeroCopy#copyRange(FileChannel, long, FileChannel, long, long)}.
     *
     * @param in the file the bytes are read from
     * @param inOffset the offset in {@code in}, or {@link ZeroCopy#POSITION} for its position
     * @param out the file the bytes are written to
     * @param outOffset the offset in {@code out}, or {@link ZeroCopy#POSITION} for its position
     * @param count the most bytes to move
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link org.zerocopy4j.NativeIOException},
     *         naming the call and errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException};
     *         {@link java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) throws IOException;

    /**
     * {@link ZeroCopy#relay(ReadableByteChannel, WritableByteChannel)}.
     *
     * @param in the channel the relay reads from
     * @param out the channel the relay writes to
     * @return a new relay from {@code in} to {@code out}; close it to free its pipe or buffer (the channels stay open)
     * @throws IOException if the operating system reports an error ({@link org.zerocopy4j.NativeIOException},
     *         naming the call and errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException};
     *         {@link java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException;

    /**
     * {@link ZeroCopy#offloadTls(SocketChannel, SSLEngine, ByteBuffer)}: hands the engine's record layer to the
     * kernel. A provider that cannot do it here throws {@link DeclinedException} with the reason, having sent or
     * consumed no byte and changed neither the engine nor {@code unreadInbound}; the façade then asks the next
     * provider, and when every provider declined throws {@link TlsOffloadRefusedException} with every reason. The
     * default declines. The one change a decline may leave is a kernel's TLS layer put on the socket without keys when
     * the kernel refused the keys (Linux: the {@code tls} ULP, which cannot be removed): the socket must then behave
     * as plain TCP, and a second offload of it must be declined with a reason that says so.
     *
     * @param socket the connected socket the engine's records travel on
     * @param engine the engine whose handshake finished on {@code socket}
     * @param unreadInbound network bytes read from the socket but not unwrapped; null or empty for none
     * @return the offloaded connection
     * @throws DeclinedException if this provider cannot offload this connection (no byte sent or consumed)
     * @throws TlsOffloadRefusedException if the connection cannot be offloaded by any provider (no byte sent or
     *         consumed)
     * @throws IOException if the socket failed after it was changed
     */
    default TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound) throws IOException {
        throw new DeclinedException(tlsOffloadUnavailability().orElse("no kernel TLS offload in this provider"));
    }

    /**
     * Why {@link #offloadTls} cannot work on this machine at all (no kernel TLS here, e.g. "no tls ULP in this
     * kernel"); empty when it can work for a suitable engine. {@link org.zerocopy4j.Diagnostics} prints it.
     *
     * @return why TLS offload is unavailable, or empty
     */
    default Optional<String> tlsOffloadUnavailability() {
        return Optional.of("no kernel TLS offload in the " + name() + " provider");
    }
}

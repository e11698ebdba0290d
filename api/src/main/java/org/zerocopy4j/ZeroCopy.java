package org.zerocopy4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLEngine;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * Zero-copy transfers between files, sockets and pipes: {@code sendfile}, {@code splice}, {@code tee} and
 * {@code copy_file_range} behind one API, served by the best provider found on the class or module path.
 *
 * <h2>Rules every operation keeps, with every provider</h2>
 * <ul>
 * <li><b>Return value</b>: {@code n > 0} bytes moved; {@code 0} when a non-blocking channel could take or give
 * nothing now (never a spin, never a wait); {@code -1} when the input is at its end (file offset at or past the
 * size, peer or pipe writer closed) and nothing was moved. {@code count == 0} returns 0. A blocking channel never
 * gets 0 back: the provider waits, also under virtual threads, where the JDK makes a blocking socket's descriptor
 * non-blocking. One call may move fewer bytes than asked, like {@code write(2)};
 * {@link #transferFully} loops.</li>
 * <li><b>Offsets</b>: an explicit offset never changes the channel's position. {@link #POSITION} reads or writes at
 * the channel's position and advances it by exactly the bytes moved, also when an exception ends the call. Other
 * negative offsets, negative counts, and an offset for a channel that has no position (anything but a
 * {@link FileChannel}) throw {@link IllegalArgumentException}. Offsets and counts are 64-bit; calls larger than the
 * kernel's per-call limit are split by the provider.</li>
 * <li><b>Errors</b>: a null argument throws {@link NullPointerException}; a closed channel
 * {@link java.nio.channels.ClosedChannelException}; a write-only input
 * {@link java.nio.channels.NonReadableChannelException}; a read-only output
 * {@link java.nio.channels.NonWritableChannelException}; an operating-system error {@link NativeIOException} naming
 * the call and errno ({@code "sendfile: EPIPE (Broken pipe)"}). No byte is lost or duplicated by an error: when
 * a write fails after part of a call's bytes reached the output, an input read at {@link #POSITION} has advanced by
 * exactly those, and a {@link NativeIOException} says how many ({@link NativeIOException#bytesTransferred()}).</li>
 * <li><b>Copies within one file</b> ({@link #copyRange}, and {@link #splice} or {@link #sendfile} from a file to a
 * file; one channel, or two channels on the same file): where the target range overlaps the source range, the result
 * is what {@code memmove} gives, every source byte copied as it was before the call, whichever lies first. Such a
 * call moves the whole count (up to the end of the input) at once, so that a loop of calls is a memmove too.</li>
 * <li><b>Any channel works</b>: a provider that cannot serve a pair of channel types hands the call to the next
 * provider in selection order; when none can, {@link UnsupportedOperationException} names both channel classes and
 * the artifact to add.</li>
 * </ul>
 *
 * <h2>Choosing the provider</h2>
 * The highest-priority available provider wins (native providers 100, the fallback 0; ties by name). The system
 * property {@code zerocopy4j.provider} or the environment variable {@code ZEROCOPY4J_PROVIDER} names one instead.
 * The choice is made once, on first use; run {@link Diagnostics} to see it and why.
 */
public final class ZeroCopy {

    /** As an offset: use the channel's own position and advance it by the bytes moved. */
    public static final long POSITION = -1L;

    private static final Transfers DEFAULT = new Transfers(() -> ProviderRegistry.selection().chosenOrder());

    private ZeroCopy() {
    }

    /**
     * The provider chosen for this JVM.
     *
     * @return the provider chosen for this JVM
     * @throws IllegalStateException when no provider is available, or the requested one is unknown or unavailable;
     *                               the message lists every candidate with the reason it is unavailable
     */
    public static ZeroCopyProvider provider() {
        return ProviderRegistry.selection().chosen();
    }

    /**
     * Every provider found, available or not, in selection order.
     *
     * @return every provider found, available or not, in selection order
     */
    public static List<ZeroCopyProvider> providers() {
        return ProviderRegistry.selection().all;
    }

    /**
     * Operations that offer each call to the named provider first, then to the other available providers in selection
     * order (for pairs of channels the named one declines).
     *
     * @param providerName the provider's {@link ZeroCopyProvider#name() name}, e.g. {@code "fallback"}
     * @return operations that offer each call to the named provider first
     * @throws IllegalStateException when no provider has that name or it is unavailable
     */
    public static Transfers using(String providerName) {
        Objects.requireNonNull(providerName, "providerName");
        Selection s = Selection.choose(providers(), providerName);
        s.chosen();
        return new Transfers(() -> s.dispatchOrder);
    }

    /**
     * Sends {@code count} bytes of the file {@code in}, starting at {@code offset}, to {@code out}: any writable
     * channel (socket, pipe, file, or anything else through a provider that accepts it). Returns the bytes moved,
     * 0 or -1 as described in the class documentation.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param offset file offset, or {@link #POSITION} for the channel's position (advanced by the bytes sent)
     * @param count the most file bytes to send
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long sendfile(WritableByteChannel out, FileChannel in, long offset, long count) throws IOException {
        return DEFAULT.sendfile(out, in, offset, count);
    }

    /**
     * {@link #sendfile(WritableByteChannel, FileChannel, long, long)} with headers, trailers and flags. Headers go
     * before the file bytes and trailers after them as one logical message; the return value counts header, file and
     * trailer bytes together, and each buffer's position advances by what was sent from it, so a partial
     * non-blocking send is resumed by calling again with the same options and the file offset and count advanced by
     * the file bytes sent. Trailers follow only once all {@code count} file bytes were sent, or the file ended. At end
     * of file the headers and trailers are still sent. With {@code count == 0}, only remaining headers and trailers
     * are sent.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param offset the offset in the file {@code in}, or {@link ZeroCopy#POSITION} for its position (advanced by the
     *         file bytes sent)
     * @param count the most file bytes to send
     * @param options headers, trailers and flags; {@link SendfileOptions#NONE} for none
     * @return the header, file and trailer bytes sent together ({@code n > 0}), 0 when a non-blocking channel could
     *         take or give nothing now, or -1 at the end of the input
     * @throws UnsupportedOperationException for a semantic flag ({@link SendfileFlag#NODISKIO},
     *                                       {@link SendfileFlag#SYNC}) this platform cannot honour
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long sendfile(WritableByteChannel out, FileChannel in, long offset, long count,
            SendfileOptions options) throws IOException {
        return DEFAULT.sendfile(out, in, offset, count, options);
    }

    /**
     * {@link #sendfile(WritableByteChannel, FileChannel, long, long)} from the file's position, advancing it.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param count the most file bytes to send
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long sendfile(WritableByteChannel out, FileChannel in, long count) throws IOException {
        return DEFAULT.sendfile(out, in, count);
    }

    /**
     * {@link #splice(ReadableByteChannel, long, WritableByteChannel, long, long, SpliceFlag...)} at the positions.
     *
     * @param in the channel the bytes are read from
     * @param out the channel the bytes are written to
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long splice(ReadableByteChannel in, WritableByteChannel out, long count, SpliceFlag... flags)
            throws IOException {
        return DEFAULT.splice(in, out, count, flags);
    }

    /**
     * Moves up to {@code count} bytes from {@code in} to {@code out}. In the kernel one end must be a pipe; when
     * neither is, the bytes go through an internal pipe or buffer and the call returns only after every byte it took
     * from {@code in} was written to {@code out}. For that reason a non-pipe, non-file {@code in} with a non-blocking,
     * non-pipe {@code out} is refused with {@link IllegalArgumentException}: use {@link #relay}, which keeps what the
     * output could not take yet.
     *
     * @param in the channel the bytes are read from
     * @param inOffset  offset into {@code in} if it is a file, else {@link #POSITION}
     * @param out the channel the bytes are written to
     * @param outOffset offset into {@code out} if it is a file, else {@link #POSITION}; past the end of the file
     *                  leaves a hole of zero bytes, as a positional write does
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset,
            long count, SpliceFlag... flags) throws IOException {
        return DEFAULT.splice(in, inOffset, out, outOffset, count, flags);
    }

    /**
     * Copies up to {@code count} bytes from one pipe to another without consuming them from {@code in}.
     *
     * @param in the pipe the bytes are copied from; they stay in it
     * @param out the pipe the copies are written to
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes copied ({@code n > 0}), 0 when a non-blocking pipe could take or give nothing now, or -1 when
     *         the input pipe is empty and its writer closed
     * @throws UnsupportedOperationException where the kernel has no tee (every platform but Linux)
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, SpliceFlag... flags)
            throws IOException {
        return DEFAULT.tee(in, out, count, flags);
    }

    /**
     * Copies up to {@code count} bytes from file {@code in} to file {@code out} inside the kernel where it can (a
     * reflink on filesystems that share extents), else by the fastest path available. {@code in} and {@code out} may
     * be one file (one channel or two): overlapping ranges are copied as {@code memmove} copies them.
     *
     * @param in the file the bytes are read from
     * @param inOffset the offset in {@code in}, or {@link ZeroCopy#POSITION} for its position
     * @param out the file the bytes are written to
     * @param outOffset the offset in {@code out}, or {@link ZeroCopy#POSITION} for its position
     * @param count the most bytes to move
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        return DEFAULT.copyRange(in, inOffset, out, outOffset, count);
    }

    /**
     * Moves {@code count} bytes, or until the input ends, between blocking channels, choosing sendfile, copyRange or
     * splice by the channel types, and returns the total moved (less than {@code count} only at end of input).
     *
     * @param in the channel the bytes are read from
     * @param out the channel the bytes are written to
     * @param count the bytes to move; {@code Long.MAX_VALUE} moves everything up to the end of the input
     * @return the bytes moved; less than {@code count} only when the input ended
     * @throws IllegalArgumentException if either channel is non-blocking
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static long transferFully(ReadableByteChannel in, WritableByteChannel out, long count) throws IOException {
        return DEFAULT.transferFully(in, out, count);
    }

    /**
     * A {@link Relay} from {@code in} to {@code out} that owns its intermediate pipe or buffer: the way to proxy
     * between non-blocking sockets without losing bytes.
     *
     * @param in the channel the relay reads from
     * @param out the channel the relay writes to
     * @return a new relay from {@code in} to {@code out}; close it to free its pipe or buffer (the channels stay open)
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public static Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        return DEFAULT.relay(in, out);
    }

    /**
     * Hands a finished JSSE handshake's record layer to the kernel (Linux kTLS), so that plaintext written to
     * {@code socket} leaves as TLS records: {@code socket.write}, {@link #sendfile} with headers and trailers,
     * {@link #splice} and {@link #relay} into the socket then serve TLS without any change, and without the bytes
     * entering the JVM. The kernel takes the receive direction too ({@link TlsOffload#receives()}) when it can and
     * {@code unreadInbound} is empty; otherwise the send direction only.
     *
     * <p>Conditions, checked before the socket is touched, in this order: {@code engine} is the JDK's own
     * ({@code sun.security.ssl.SSLEngineImpl}); its handshake finished ({@code NOT_HANDSHAKING} with a session); the
     * protocol is TLSv1.2 or TLSv1.3 and the cipher suite uses AES-128-GCM, AES-256-GCM or ChaCha20-Poly1305; the
     * engine holds no outbound bytes (a {@code wrap} of nothing would produce a record, e.g. a TLS 1.3 server's
     * NewSessionTicket: the application must wrap and write those first); then the kernel has the {@code tls} ULP and
     * takes the keys. When a condition fails this throws {@link TlsOffloadRefusedException} naming it: no byte was sent
     * or consumed, the engine and {@code unreadInbound} are as they were, and the application goes on with its engine.
     * A refusal of the keys after the kernel took the {@code tls} ULP (e.g. ChaCha20-Poly1305 before Linux 5.11) leaves
     * that ULP on the socket without keys (it cannot be removed): the socket carries every byte as plain TCP, but a
     * second offload of it is refused, saying so. After a successful call the engine must not wrap or unwrap again (see {@link TlsOffload}); TLS 1.2
     * renegotiation is then impossible (the kernel treats a handshake record as an error).
     *
     * @param socket the connected socket the engine's records travel on; it stays open and owned by the caller
     * @param engine the engine whose handshake finished on {@code socket}
     * @param unreadInbound network bytes the application already read from the socket but did not unwrap, or
     *         {@code null} or empty for none; when there are some, only the send direction is offloaded and the
     *         application keeps unwrapping what arrives
     * @return the offloaded connection; {@link TlsOffload#close()} sends close_notify
     * @throws TlsOffloadRefusedException if a condition failed (no byte sent or consumed); {@link
     *         TlsOffloadRefusedException#condition()} names it for every provider asked
     * @throws IOException if the socket failed after the kernel took it over
     */
    public static TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound)
            throws IOException {
        return DEFAULT.offloadTls(socket, engine, unreadInbound);
    }
}

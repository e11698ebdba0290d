package org.zerocopy4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import org.zerocopy4j.spi.DeclinedException;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The operations of {@link ZeroCopy}, bound to an ordered list of providers: each call goes to the first provider that
 * {@linkplain ZeroCopyProvider#accepts(Feature, Channel, Channel) accepts} its channels. {@link ZeroCopy}'s static
 * methods use the JVM-wide selection; {@link ZeroCopy#using(String)} gives one that tries a named provider first (for
 * tests, benchmarks, or a call that must take a particular path). Semantics are documented on {@link ZeroCopy}.
 */
public final class Transfers {
    private static final Set<SpliceFlag> NO_FLAGS = Collections.emptySet();

    private final Supplier<List<ZeroCopyProvider>> order;

    Transfers(Supplier<List<ZeroCopyProvider>> order) {
        this.order = order;
    }

    /**
     * The providers calls are offered to, first to last.
     *
     * @return the providers, first to last
     */
    public List<ZeroCopyProvider> dispatchOrder() {
        return order.get();
    }

    /**
     * See {@link ZeroCopy#sendfile(WritableByteChannel, FileChannel, long, long)}.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param offset the offset in the file {@code in}, or {@link ZeroCopy#POSITION} for its position (advanced by the
     *         file bytes sent)
     * @param count the most file bytes to send
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count) throws IOException {
        return sendfile(out, in, offset, count, SendfileOptions.NONE);
    }

    /**
     * See {@link ZeroCopy#sendfile(WritableByteChannel, FileChannel, long)}.
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
    public long sendfile(WritableByteChannel out, FileChannel in, long count) throws IOException {
        return sendfile(out, in, ZeroCopy.POSITION, count, SendfileOptions.NONE);
    }

    /**
     * See {@link ZeroCopy#sendfile(WritableByteChannel, FileChannel, long, long, SendfileOptions)}.
     *
     * @param out where the bytes go: a socket, pipe, file, or any writable channel a provider accepts
     * @param in the file the bytes are read from
     * @param offset the offset in the file {@code in}, or {@link ZeroCopy#POSITION} for its position (advanced by the
     *         file bytes sent)
     * @param count the most file bytes to send
     * @param options headers, trailers and flags; {@link SendfileOptions#NONE} for none
     * @return the header, file and trailer bytes sent together ({@code n > 0}), 0 when a non-blocking channel could
     *         take or give nothing now, or -1 at the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        checkCount(count);
        checkOffset("offset", offset, in);
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        if (count == 0 && options.headerBytesRemaining() == 0 && options.trailerBytesRemaining() == 0) {
            return 0;
        }
        return transfer(Feature.SENDFILE, "sendfile", in, offset, out, ZeroCopy.POSITION, count, options,
                p -> p.sendfile(out, in, offset, count, options));
    }

    /**
     * See {@link ZeroCopy#splice(ReadableByteChannel, WritableByteChannel, long, SpliceFlag...)}.
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
    public long splice(ReadableByteChannel in, WritableByteChannel out, long count, SpliceFlag... flags)
            throws IOException {
        return splice(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, count, flags);
    }

    /**
     * See {@link ZeroCopy#splice(ReadableByteChannel, long, WritableByteChannel, long, long, SpliceFlag...)}.
     *
     * @param in the channel the bytes are read from
     * @param inOffset the offset in {@code in} if it is a file, else {@link ZeroCopy#POSITION}
     * @param out the channel the bytes are written to
     * @param outOffset the offset in {@code out} if it is a file, else {@link ZeroCopy#POSITION}
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes moved ({@code n > 0}), 0 when a non-blocking channel could take or give nothing now, or -1 at
     *         the end of the input
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            SpliceFlag... flags) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Set<SpliceFlag> flagSet = flagSet(flags);
        checkCount(count);
        checkOffset("inOffset", inOffset, in);
        checkOffset("outOffset", outOffset, out);
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        if (count == 0) {
            return 0;
        }
        // Bytes read from a socket cannot be put back; with neither end a pipe they would have to wait in a hidden
        // buffer until a non-blocking out takes them. Relay owns such a buffer explicitly.
        if (!ChannelKinds.isPipe(in) && !ChannelKinds.isPipe(out) && !ChannelKinds.hasPosition(in)
                && !ChannelKinds.isBlocking(out)) {
            throw new IllegalArgumentException("splice between two non-pipe channels needs a blocking out, but out ("
                    + ChannelKinds.describe(out) + ") is non-blocking: bytes taken from in ("
                    + ChannelKinds.describe(in) + ") could be stranded. Use ZeroCopy.relay(in, out), which keeps "
                    + "them pending, for non-blocking proxying.");
        }
        return transfer(Feature.SPLICE, "splice", in, inOffset, out, outOffset, count, null,
                p -> p.splice(in, inOffset, out, outOffset, count, flagSet));
    }

    /**
     * See {@link ZeroCopy#tee(Pipe.SourceChannel, Pipe.SinkChannel, long, SpliceFlag...)}.
     *
     * @param in the pipe the bytes are copied from; they stay in it
     * @param out the pipe the copies are written to
     * @param count the most bytes to move
     * @param flags hints to the kernel (see {@link SpliceFlag}); none is fine
     * @return the bytes copied ({@code n > 0}), 0 when a non-blocking pipe could take or give nothing now, or -1 when
     *         the input pipe is empty and its writer closed
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, SpliceFlag... flags) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Set<SpliceFlag> flagSet = flagSet(flags);
        checkCount(count);
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        if (count == 0) {
            return 0;
        }
        return transfer(Feature.TEE, "tee", in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, count, null,
                p -> p.tee(in, out, count, flagSet));
    }

    /**
     * See {@link ZeroCopy#copyRange(FileChannel, long, FileChannel, long, long)}.
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
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        checkCount(count);
        checkOffset("inOffset", inOffset, in);
        checkOffset("outOffset", outOffset, out);
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        if (count == 0) {
            return 0;
        }
        return transfer(Feature.COPY_RANGE, "copyRange", in, inOffset, out, outOffset, count, null,
                p -> p.copyRange(in, inOffset, out, outOffset, count));
    }

    /**
     * See {@link ZeroCopy#transferFully(ReadableByteChannel, WritableByteChannel, long)}.
     *
     * @param in the channel the bytes are read from
     * @param out the channel the bytes are written to
     * @param count the bytes to move; {@code Long.MAX_VALUE} moves everything up to the end of the input
     * @return the bytes moved; less than {@code count} only when the input ended
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public long transferFully(ReadableByteChannel in, WritableByteChannel out, long count) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        checkCount(count);
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        for (Channel c : new Channel[] {in, out}) {
            if (!ChannelKinds.isBlocking(c)) {
                throw new IllegalArgumentException("transferFully needs blocking channels, but "
                        + (c == in ? "in" : "out") + " (" + ChannelKinds.describe(c) + ") is non-blocking; use "
                        + "sendfile/splice with a selector, or relay(), for non-blocking channels");
            }
        }
        long total = 0;
        while (total < count) {
            long n;
            long left = count - total;
            if (in instanceof FileChannel && out instanceof FileChannel) {
                n = copyRange((FileChannel) in, ZeroCopy.POSITION, (FileChannel) out, ZeroCopy.POSITION, left);
            } else if (in instanceof FileChannel) {
                n = sendfile(out, (FileChannel) in, ZeroCopy.POSITION, left, SendfileOptions.NONE);
            } else {
                n = splice(in, ZeroCopy.POSITION, out, ZeroCopy.POSITION, left);
            }
            if (n < 0) {
                break;
            }
            if (n == 0) {
                // Blocking channels never return 0 from a provider; a 0 would make this loop spin.
                throw new IllegalStateException("provider returned 0 for blocking channels " + ChannelKinds.describe(in)
                        + " -> " + ChannelKinds.describe(out));
            }
            total += n;
        }
        return total;
    }

    /**
     * See {@link ZeroCopy#relay(ReadableByteChannel, WritableByteChannel)}.
     *
     * @param in the channel the relay reads from
     * @param out the channel the relay writes to
     * @return a new relay from {@code in} to {@code out}; close it to free its pipe or buffer (the channels stay open)
     * @throws IOException if the operating system reports an error ({@link NativeIOException}, naming the call and
     *         errno) or a channel is closed ({@link java.nio.channels.ClosedChannelException}; {@link
     *         java.nio.channels.AsynchronousCloseException} when another thread closes it during the call)
     */
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        ensureOpen(in, "in");
        ensureOpen(out, "out");
        ServedHolder served = new ServedHolder();
        Relay relay = dispatch(Feature.RELAY, "relay", in, out, p -> p.relay(in, out), served);
        return new ObservedRelay(relay, served.provider, in, out);
    }

    /**
     * See {@link ZeroCopy#offloadTls(SocketChannel, SSLEngine, ByteBuffer)}: each provider in order is offered the
     * connection; one that declines ({@link DeclinedException}) sent and consumed no byte, and the next is asked.
     *
     * @param socket the connected socket the engine's records travel on
     * @param engine the engine whose handshake finished on {@code socket}
     * @param unreadInbound network bytes read from the socket but not unwrapped; null or empty for none
     * @return the offloaded connection
     * @throws TlsOffloadRefusedException if every provider declined (no byte sent or consumed), with every reason
     * @throws IOException if the socket failed after the kernel took it over
     */
    public TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound)
            throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(engine, "engine");
        List<String> reasons = new ArrayList<>();
        for (ZeroCopyProvider p : order.get()) {
            try {
                return p.offloadTls(socket, engine, unreadInbound);
            } catch (DeclinedException e) {
                reasons.add(p.name() + ": " + e.getMessage());
            }
        }
        throw new TlsOffloadRefusedException(reasons.isEmpty() ? "no provider" : String.join("; ", reasons));
    }

    /** One operation, to be offered to providers in turn. */
    @FunctionalInterface
    private interface Call<T> {
        T on(ZeroCopyProvider provider) throws IOException;
    }

    /** Which provider served a call, for the events (a {@link TransferEvent}, or a holder for the relay's). */
    interface Served {
        void servedBy(ZeroCopyProvider provider);
    }

    /** The holder for a relay's provider. */
    private static final class ServedHolder implements Served {
        ZeroCopyProvider provider;

        @Override
        public void servedBy(ZeroCopyProvider provider) {
            this.provider = provider;
        }
    }

    /**
     * {@link #dispatch} for the calls that move bytes, recorded as an {@code org.zerocopy4j.Transfer} JFR event when a
     * recording wants it. Without one this costs one {@code isEnabled()} check and allocates nothing.
     */
    private long transfer(Feature operation, String name, Channel in, long inOffset, Channel out, long outOffset,
            long count, SendfileOptions options, Call<Long> call) throws IOException {
        if (Events.transferEnabled()) {
            return recorded(operation, name, in, inOffset, out, outOffset, count, options, call);
        }
        return dispatch(operation, name, in, out, call, null);
    }

    /** {@link #transfer} during a recording that wants the event: kept apart so the common path stays small. */
    private long recorded(Feature operation, String name, Channel in, long inOffset, Channel out, long outOffset,
            long count, SendfileOptions options, Call<Long> call) throws IOException {
        TransferEvent event = Events.begin(name, inOffset, outOffset, count, options);
        long n;
        try {
            n = dispatch(operation, name, in, out, call, event);
        } catch (IOException | RuntimeException | Error e) {
            Events.end(event, in, out, 0, e);
            throw e;
        }
        Events.end(event, in, out, n, null);
        return n;
    }

    /**
     * Offers the call to the first provider that accepts it; one that declines it ({@link DeclinedException}, thrown
     * before anything moved) passes it on to the next, so no provider needs to know another.
     *
     * @param served where the provider that took the call is put, or null
     */
    private <T> T dispatch(Feature operation, String name, Channel in, Channel out, Call<T> call, Served served)
            throws IOException {
        List<ZeroCopyProvider> providers = order.get();
        DeclinedException declined = null;
        for (int i = next(providers, 0, operation, name, in, out, null); ;
                i = next(providers, i + 1, operation, name, in, out, declined)) {
            ZeroCopyProvider provider = providers.get(i);
            if (served != null) {
                served.servedBy(provider);
            }
            try {
                return call.on(provider);
            } catch (DeclinedException e) {
                declined = e;
                Events.declined(provider, name, in, out, e);
            }
        }
    }

    /**
     * The index of the first provider from {@code from} on that accepts the call. A provider may still decline a call
     * it accepted ({@link DeclinedException}, before anything moved): the caller then asks again from the next index.
     *
     * @throws UnsupportedOperationException when no provider is left, naming what to add
     */
    private static int next(List<ZeroCopyProvider> providers, int from, Feature operation, String call, Channel in,
            Channel out, DeclinedException declined) {
        for (int i = from, n = providers.size(); i < n; i++) {
            if (providers.get(i).accepts(operation, in, out)) {
                return i;
            }
        }
        StringBuilder names = new StringBuilder();
        boolean fallbackPresent = false;
        for (ZeroCopyProvider p : providers) {
            names.append(names.length() == 0 ? "" : ", ").append(p.name());
            fallbackPresent |= p.name().equals("fallback");
        }
        String msg = "no zerocopy4j provider serves " + call + " from " + ChannelKinds.describe(in) + " to "
                + ChannelKinds.describe(out) + " (tried: " + names + ").";
        if (declined != null) {
            msg += " The last one declined it: " + declined.getMessage() + ".";
        }
        if (!fallbackPresent) {
            msg += " Add org.zerocopy4j:zerocopy4j-provider-fallback, which serves every other channel pair.";
        } else if (operation == Feature.TEE) {
            msg += " tee duplicates pipe content in the kernel and has no pure-Java equivalent; it needs a provider"
                    + " whose features() include TEE (Linux).";
        }
        UnsupportedOperationException e = new UnsupportedOperationException(msg);
        if (declined != null) {
            e.initCause(declined);
        }
        throw e;
    }

    private static Set<SpliceFlag> flagSet(SpliceFlag[] flags) {
        Objects.requireNonNull(flags, "flags");
        if (flags.length == 0) {
            return NO_FLAGS;
        }
        EnumSet<SpliceFlag> set = EnumSet.noneOf(SpliceFlag.class);
        for (SpliceFlag f : flags) {
            set.add(Objects.requireNonNull(f, "flags contains null"));
        }
        return set;
    }

    private static void checkCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    private static void checkOffset(String name, long offset, Channel channel) {
        if (offset == ZeroCopy.POSITION) {
            return;
        }
        if (offset < 0) {
            throw new IllegalArgumentException(name + " must be ZeroCopy.POSITION (-1) or >= 0: " + offset);
        }
        if (!ChannelKinds.hasPosition(channel)) {
            throw new IllegalArgumentException(name + " " + offset + " given, but " + ChannelKinds.describe(channel)
                    + " has no position; pass ZeroCopy.POSITION");
        }
    }

    private static void ensureOpen(Channel channel, String name) throws ClosedChannelException {
        if (!channel.isOpen()) {
            ClosedChannelException e = new ClosedChannelException();
            e.initCause(new IllegalStateException(name + " (" + ChannelKinds.describe(channel) + ") is closed"));
            throw e;
        }
    }
}

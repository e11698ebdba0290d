package org.zerocopy4j.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import org.zerocopy4j.Feature;
import org.zerocopy4j.Relay;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.SpliceFlag;
import org.zerocopy4j.TlsOffload;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.internal.JdkChannelProvider;
import org.zerocopy4j.spi.DeclinedException;

/**
 * The Linux provider: sendfile, splice, tee, copy_file_range and pipe relays in the kernel, for the JDK's own file,
 * socket and pipe channels. Any other channel class is declined and served by the next provider, and so is a
 * FileChannel whose descriptor the kernel calls cannot take as a file (a FIFO, see {@link FileTypes}).
 */
public final class LinuxProvider extends JdkChannelProvider {
    /** TLS among them: the operation is this provider's; whether this kernel has the tls ULP is a runtime matter. */
    private static final Set<Feature> FEATURES = Collections.unmodifiableSet(EnumSet.allOf(Feature.class));

    private final boolean wakeups;
    private final Sendfile sendfile;
    private final Splice splice;
    private final CopyRange copyRange;

    /** Needed by ServiceLoader; never throws. */
    public LinuxProvider() {
        super("linux", "Linux", cause());
        boolean w = false;
        if (isAvailable()) {
            try {
                w = WakeupSignal.usable();
            } catch (RuntimeException e) {
                w = false; // blocking sockets and pipes then go to the next provider
            }
        }
        this.wakeups = w;
        this.sendfile = new Sendfile();
        this.splice = new Splice(sendfile);
        this.copyRange = new CopyRange(splice);
    }

    private static Throwable cause() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("not Linux: " + System.getProperty("os.name"));
        }
        return LinuxNative.failure().orElse(null);
    }

    @Override
    public Set<Feature> features() {
        return isAvailable() ? FEATURES : Set.of();
    }

    /** Kernel TLS: see {@link KernelTls}; declines with the failed condition. */
    @Override
    public TlsOffload offloadTls(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound)
            throws IOException {
        if (!isAvailable()) {
            throw new DeclinedException("the linux provider is unavailable: " + unavailabilityCause().orElse(null));
        }
        return KernelTls.offload(socket, engine, unreadInbound);
    }

    @Override
    public Optional<String> tlsOffloadUnavailability() {
        if (!isAvailable()) {
            return Optional.of("the linux provider is unavailable");
        }
        return KernelTls.unavailability();
    }

    @Override
    public boolean accepts(Channel a, Channel b) {
        return isAvailable() && served(a) && served(b);
    }

    /**
     * A known channel class; a blocking socket or pipe only while blocked calls can be woken (otherwise a close by
     * another thread could leave a transfer hanging, and the pure-Java path is the safer one).
     */
    private boolean served(Channel c) {
        int kind = KnownChannels.kindOf(c);
        return kind != KnownChannels.UNKNOWN && (wakeups || KnownChannels.isFile(kind) || !ChannelKinds.isBlocking(c));
    }

    @Override
    public boolean accepts(Feature operation, Channel a, Channel b) {
        if (!accepts(a, b)) {
            return false;
        }
        switch (operation) {
            case SENDFILE:
                return KnownChannels.kindOf(a) == LinuxNative.KIND_FILE;
            case COPY_RANGE:
                return KnownChannels.kindOf(a) == LinuxNative.KIND_FILE && KnownChannels.kindOf(b) == LinuxNative.KIND_FILE;
            case TEE:
                return KnownChannels.kindOf(a) == LinuxNative.KIND_PIPE_SOURCE && KnownChannels.kindOf(b) == LinuxNative.KIND_PIPE_SINK;
            default:
                return true;
        }
    }

    @Override
    public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options)
            throws IOException {
        FileTypes.ensureInput(in, "sendfile");
        if (KnownChannels.isFile(KnownChannels.kindOf(out))) {
            FileTypes.ensureOutput((FileChannel) out, "sendfile");
        }
        return sendfile.send(out, in, offset, count, options);
    }

    @Override
    public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
            Set<SpliceFlag> flags) throws IOException {
        if (KnownChannels.isFile(KnownChannels.kindOf(in))) {
            FileTypes.ensureInput((FileChannel) in, "splice");
        }
        if (KnownChannels.isFile(KnownChannels.kindOf(out))) {
            FileTypes.ensureOutput((FileChannel) out, "splice");
        }
        return splice.splice(in, inOffset, out, outOffset, count, flags);
    }

    @Override
    public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags)
            throws IOException {
        return splice.tee(in, out, count, flags);
    }

    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        FileTypes.ensureInput(in, "copyRange");
        FileTypes.ensureOutput(out, "copyRange");
        return copyRange.copy(in, inOffset, out, outOffset, count);
    }

    @Override
    public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        return new PipeRelay(in, KnownChannels.kindOf(in), out, KnownChannels.kindOf(out));
    }
}

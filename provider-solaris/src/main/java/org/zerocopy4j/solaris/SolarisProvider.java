package org.zerocopy4j.solaris;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.PosixProvider;

/**
 * The Solaris and illumos provider: sendfilev(3EXT) from a JDK file channel, with headers and trailers, into a JDK
 * socket or file channel. There is no splice, tee or in-kernel range copy: those, and relays, are declined and served
 * by the next provider (the pure-Java fallback).
 */
public final class SolarisProvider extends PosixProvider {
    /** Needed by ServiceLoader; never throws. */
    public SolarisProvider() {
        super("solaris", "Solaris", "Solaris or illumos",
                os -> os.equals("sunos") || os.equals("solaris"),
                SolarisNative.LIBRARY,
                Set.of(Feature.SENDFILE),
                Set.of(Capability.SENDFILE_HEADERS), true);
    }

    @Override
    protected Step step(SendfileOptions options) {
        kernelFlags(options, flag -> 0, flag -> "on Solaris: sendfilev has no such mode");
        return (call, start, count, blocking) -> SolarisSendfile.send(this, call, start, count, options, blocking,
                call.positioned());
    }

    @Override
    protected void checkSocket(SocketChannel socket) throws IOException {
        // illumos sendfilev fails with EOPNOTSUPP for a socket without SM_SENDFILESUPP, which only TCP over IPv4 and
        // IPv6 has: a Unix-domain socket is left to the next provider before any byte moves.
        inetOnly(socket, "sendfilev(3EXT) sends to AF_INET and AF_INET6 sockets only");
    }

    @Override
    protected long fileStep(ChannelCall call, long start, long count, boolean movesPosition, SendfileOptions options)
            throws IOException {
        return SolarisSendfile.send(this, call, start, count, options, true, movesPosition);
    }
}

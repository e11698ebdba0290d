package org.zerocopy4j.aix;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.PosixProvider;

/**
 * The AIX provider: send_file from a JDK file channel to a JDK socket channel, with headers, trailers and the
 * SF_DONT_CACHE / SF_SYNC_CACHE flags. AIX has no splice, tee or in-kernel range copy: those, and relays, are declined
 * and served by the next provider (the pure-Java fallback).
 */
public final class AixProvider extends PosixProvider {
    /** Needed by ServiceLoader; never throws. */
    public AixProvider() {
        super("aix", "AIX", "AIX", os -> os.equals("aix"), AixNative.LIBRARY, Set.of(Feature.SENDFILE),
                Set.of(Capability.SENDFILE_HEADERS, Capability.SENDFILE_FLAGS), false);
    }

    @Override
    protected Step step(SendfileOptions options) {
        // SF_SYNC_CACHE is no SYNC wait: IBM describes it as verifying and updating the network buffer cache for the
        // file before the data is sent, not returning once the data has left.
        int flags = kernelFlags(options, flag -> flag == SendfileFlag.NOCACHE ? AixNative.SF_DONT_CACHE : 0,
                flag -> flag == SendfileFlag.SYNC
                        ? "on AIX: send_file cannot return only once the data has left (SF_SYNC_CACHE refreshes the "
                                + "network buffer cache instead)"
                        : "on AIX: send_file has no such mode");
        return (call, start, count, blocking) -> AixSendfile.send(this, call, start, count, options, flags,
                blocking);
    }

    @Override
    protected void checkSocket(SocketChannel socket) throws IOException {
        // IBM, send_file: "only supports the TCP/IP protocol (SOCK_STREAM socket in AF_INET). An error will be
        // returned when this function is used on any other types of sockets": left to the next provider.
        inetOnly(socket, "send_file sends to TCP/IP sockets only");
    }
}

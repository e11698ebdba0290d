package org.zerocopy4j.macos;

import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.PosixProvider;

/**
 * The macOS provider: Darwin's sendfile(2) from a JDK file channel to a JDK socket channel, headers and trailers
 * included. Darwin has no splice, tee or ranged in-kernel copy, so every other operation is declined and served by
 * the next provider (the pure-Java fallback).
 */
public final class MacosProvider extends PosixProvider {
    /** Needed by ServiceLoader; never throws. */
    public MacosProvider() {
        super("macos", "Darwin", "macOS", os -> os.startsWith("mac"),
                MacosNative.LIBRARY,
                Set.of(Feature.SENDFILE),
                Set.of(Capability.SENDFILE_HEADERS), false);
    }

    @Override
    protected Step step(SendfileOptions options) {
        kernelFlags(options, flag -> 0, flag -> "on macOS: Darwin's sendfile(2) takes no flags");
        return (call, start, count, blocking) -> MacosSendfile.send(this, call, start, count, options, blocking);
    }
}

package org.zerocopy4j.bsd;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.zerocopy4j.Capability;
import org.zerocopy4j.Feature;
import org.zerocopy4j.SendfileFlag;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.internal.PosixProvider;

/**
 * The FreeBSD and DragonFly BSD provider: sendfile(2) from a JDK file channel to a JDK socket channel with headers,
 * trailers and flags, and copy_file_range(2) between JDK file channels (FreeBSD 13+; elsewhere the pure-Java path).
 * There is no splice or tee: those, and relays, are declined and served by the next provider (the fallback).
 */
public final class BsdProvider extends PosixProvider {
    /** Needed by ServiceLoader; never throws. */
    public BsdProvider() {
        super("bsd", "FreeBSD", "FreeBSD or DragonFly BSD",
                os -> os.equals("freebsd") || os.equals("dragonfly"),
                BsdNative.LIBRARY,
                Set.of(Feature.SENDFILE, Feature.COPY_RANGE),
                Set.of(Capability.SENDFILE_HEADERS, Capability.SENDFILE_FLAGS), false);
    }

    @Override
    protected Step step(SendfileOptions options) {
        // A semantic flag this system lacks is refused, a missing hint ignored.
        int flags = kernelFlags(options, flag -> switch (flag) {
            case NODISKIO -> BsdNative.sendfileFlag(BsdNative.FLAG_NODISKIO);
            case SYNC -> BsdNative.sendfileFlag(BsdNative.FLAG_SYNC);
            case MNOWAIT -> BsdNative.sendfileFlag(BsdNative.FLAG_MNOWAIT);
            case NOCACHE -> BsdNative.sendfileFlag(BsdNative.FLAG_NOCACHE);
            default -> 0;
        }, flag -> "by this system's sendfile(2) (no SF_" + flag + ")");
        // With NODISKIO a call returns 0 when the file's pages are not in memory (EBUSY), which the caller expects;
        // parking outside the attempt on a 0 would spin on EBUSY, so such a call waits for a full socket inside its
        // attempt instead (a blocking channel never returns 0 for a full socket, also when the JDK drives its
        // descriptor non-blocking for a virtual thread).
        boolean nodiskio = options.flags().contains(SendfileFlag.NODISKIO);
        return (call, start, count, blocking) -> BsdSendfile.send(this, call, start, count, options, flags,
                blocking || nodiskio && ((SocketChannel) call.output()).isBlocking());
    }

    @Override
    protected boolean waitsOutside(SendfileOptions options) {
        return !options.flags().contains(SendfileFlag.NODISKIO);
    }

    /**
     * copy_file_range(2) (FreeBSD 13+), one call per request. Where the system has none (ENOSYS: DragonFly, FreeBSD
     * 12) or refuses this pair of files, the call is declined and the façade offers it to the next provider.
     */
    @Override
    public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count)
            throws IOException {
        return copyWith("copy_file_range", in, inOffset, out, outOffset, count, BsdNative::copyFileRange,
                errno -> errno == Errno.ENOSYS || errno == Errno.EOPNOTSUPP || errno == Errno.EINVAL
                        || errno == Errno.EXDEV || errno == 9 /* EBADF: e.g. out opened for append */);
    }
}

package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.ChannelKinds;
import org.zerocopy4j.spi.DeclinedException;

/**
 * What kind of file a FileChannel's descriptor is. {@code FileChannel.open} takes any path: a named FIFO, or
 * {@code /dev/stdin} when stdin is a pipe or a socket, gives a FileChannel the provider's file calls cannot use
 * (sendfile and copy_file_range need a regular file or block device to read, every offset needs a seekable file, and
 * lseek of the position fails with ESPIPE). Such a channel is declined before anything moves, so the facade hands the
 * call to the next provider, which reads and writes it as a stream.
 *
 * <p>Asked once per channel, not per call: a channel's descriptor is fixed for its life (once closed it serves no
 * call), so the answer is remembered, weakly, in a small table indexed by the channel's identity hash. A loop of calls
 * on one channel (the 4 KiB sendfile path) stays one system call each; a channel's first call pays one fstat. Checking
 * only on the error path (after EINVAL or ESPIPE) would cost nothing even then, but cannot keep the promise that
 * nothing moved: a sendfile's headers go out before the file part fails, and a socket's bytes are in the pool pipe
 * before a FIFO output at an offset refuses them.
 */
final class FileTypes {
    private static final int SLOTS = 256;
    private static final AtomicReferenceArray<Known> KNOWN = new AtomicReferenceArray<>(SLOTS);

    private FileTypes() {
    }

    /**
     * One channel's file: its type bits, device and inode (a copy within one file is told by these, whichever channels
     * it goes through). The channel is held weakly, so closed channels are forgotten with their objects.
     */
    private static final class Known extends WeakReference<FileChannel> {
        final int type;
        final long dev;
        final long ino;

        Known(FileChannel channel, long[] stat) {
            super(channel);
            this.type = (int) stat[LinuxNative.STAT_MODE] & LinuxNative.S_IFMT;
            this.dev = stat[LinuxNative.STAT_DEV];
            this.ino = stat[LinuxNative.STAT_INO];
        }
    }

    /**
     * Declines a file input the provider's calls cannot read at an offset: anything but a regular file or a block
     * device (a FIFO, a socket, a character device, a directory).
     */
    static void ensureInput(FileChannel channel, String call) throws IOException {
        int type = typeOf(channel);
        if (type != LinuxNative.S_IFREG && type != LinuxNative.S_IFBLK) {
            throw new DeclinedException(call + " needs a regular file or block device to read, and "
                    + ChannelKinds.describe(channel) + " is " + name(type));
        }
    }

    /** Declines a file output the provider's calls cannot write at an offset: a FIFO, a socket or a directory. */
    static void ensureOutput(FileChannel channel, String call) throws IOException {
        int type = typeOf(channel);
        if (type == LinuxNative.S_IFIFO || type == LinuxNative.S_IFSOCK || type == LinuxNative.S_IFDIR) {
            throw new DeclinedException(call + " writes files at offsets, and " + ChannelKinds.describe(channel)
                    + " is " + name(type));
        }
    }

    /** The channel's st_mode type bits: remembered, else one fstat under a lease (a closed channel throws). */
    static int typeOf(FileChannel channel) throws IOException {
        Known known = known(channel);
        if (known != null) {
            return known.type;
        }
        long[] stat = new long[LinuxNative.STAT_FIELDS];
        try (ChannelCall call = ChannelCall.of(IO, channel, ChannelKind.FILE, null, null).open()) {
            int rc = LinuxNative.fstat(call.inFd(), stat);
            if (rc < 0) {
                throw call.failure("fstat", rc, "the type of " + ChannelKinds.describe(channel));
            }
        }
        remember(channel, stat);
        return (int) stat[LinuxNative.STAT_MODE] & LinuxNative.S_IFMT;
    }

    /** Whether both channels are known to be one file (true) or two (false); null when either is not known now. */
    static Boolean same(FileChannel a, FileChannel b) {
        Known x = known(a);
        Known y = known(b);
        if (x == null || y == null) {
            return null;
        }
        return x.dev == y.dev && x.ino == y.ino;
    }

    /** Records what an fstat of {@code channel}'s descriptor (at {@code STAT_*}) says of its file. */
    static void remember(FileChannel channel, long[] stat) {
        KNOWN.set(slot(channel), new Known(channel, stat));
    }

    private static Known known(FileChannel channel) {
        Known known = KNOWN.get(slot(channel));
        return known != null && known.get() == channel ? known : null;
    }

    private static int slot(FileChannel channel) {
        return System.identityHashCode(channel) & (SLOTS - 1);
    }

    private static String name(int type) {
        switch (type) {
            case LinuxNative.S_IFIFO:
                return "a pipe or FIFO";
            case LinuxNative.S_IFSOCK:
                return "a socket";
            case LinuxNative.S_IFCHR:
                return "a character device";
            case LinuxNative.S_IFDIR:
                return "a directory";
            default:
                return "of file type 0" + Integer.toOctalString(type);
        }
    }
}

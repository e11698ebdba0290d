package org.zerocopy4j.linux;

import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The file (device and inode, from fstat) behind each file channel seen by a copy between files, so that a loop of
 * copies between two different files asks the kernel once, not on every call. A channel's descriptor, and so its
 * file, never changes while it is open; channels are held weakly and forgotten with their objects.
 */
final class FileIdentity {
    private static final Map<FileChannel, long[]> KNOWN = new WeakHashMap<>();

    private FileIdentity() {
    }

    /** Whether both channels are known to be one file (true) or two (false); null when either is not known yet. */
    static Boolean same(FileChannel a, FileChannel b) {
        long[] x;
        long[] y;
        synchronized (KNOWN) {
            x = KNOWN.get(a);
            y = KNOWN.get(b);
        }
        if (x == null || y == null) {
            return null;
        }
        return x[0] == y[0] && x[1] == y[1];
    }

    /** Records the device and inode of {@code channel} from its fstat fields. */
    static void remember(FileChannel channel, long[] stat) {
        long[] id = {stat[LinuxNative.STAT_DEV], stat[LinuxNative.STAT_INO]};
        synchronized (KNOWN) {
            KNOWN.put(channel, id);
        }
    }
}

package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import org.zerocopy4j.internal.JdkChannelIo;

/**
 * The kernel calls between files, which cannot park and whose size nothing but the count bounds: a virtual thread
 * runs them under the JDK's compensation for blocking file I/O ({@link JdkChannelIo#beginFileWork}), so a large copy
 * does not hold a carrier the scheduler counts on. A call with a socket or pipe at one end does not need it: on a
 * virtual thread their descriptors are non-blocking, so the call moves what their buffers take and returns (the
 * JDK's own transferTo to a socket is not compensated either), and the thread parks when they are full.
 */
final class FileWork {
    private FileWork() {
    }

    static long sendfile(int outFd, int inFd, long offset, long count) {
        long work = IO.beginFileWork(count);
        try {
            return LinuxNative.sendfile(outFd, inFd, offset, count);
        } finally {
            IO.endFileWork(work);
        }
    }

    static long splice(int inFd, long inOffset, int outFd, long outOffset, long count, int flags) {
        long work = IO.beginFileWork(count);
        try {
            return LinuxNative.splice(inFd, inOffset, outFd, outOffset, count, flags);
        } finally {
            IO.endFileWork(work);
        }
    }

    static long copyFileRange(int inFd, long inOffset, int outFd, long outOffset, long count) {
        long work = IO.beginFileWork(count);
        try {
            return LinuxNative.copyFileRange(inFd, inOffset, outFd, outOffset, count);
        } finally {
            IO.endFileWork(work);
        }
    }
}

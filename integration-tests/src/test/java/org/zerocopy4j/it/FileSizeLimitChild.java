package org.zerocopy4j.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.Transfers;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/**
 * Run by {@link PartialWriteBehaviourTest} in a JVM under a file-size limit ({@code ulimit -f}), whose writes past it
 * fail with EFBIG after a short write (the JVM ignores SIGXFSZ): one transfer whose write fails part-way, then the
 * facts, one {@code key=value} a line, for the test to check.
 */
public final class FileSizeLimitChild {
    /** The limit the test sets, in bytes. */
    static final int LIMIT = 64 * 1024;
    /** The output's bytes before the transfer: the transfer's first write gets this far and no further. */
    static final int BEFORE = 40_000;
    static final int INPUT = 48 * 1024;

    private FileSizeLimitChild() {
    }

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        String scenario = args[1];
        Path dir = Path.of(args[2]);
        Transfers zc = ZeroCopy.using(provider);
        byte[] data = TestFiles.pattern(INPUT, 0);
        Path inFile = Files.write(dir.resolve("in"), data);
        Path outFile = Files.write(dir.resolve("out"), new byte[BEFORE]);
        boolean append = scenario.endsWith("append");
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.WRITE;
        try (FileChannel in = FileChannel.open(inFile, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(outFile, mode)) {
            if (scenario.startsWith("upload")) {
                upload(zc, out, append, data);
                return;
            }
            IOException failure = null;
            try {
                long n = zc.copyRange(in, ZeroCopy.POSITION, out, append ? ZeroCopy.POSITION : BEFORE, INPUT);
                System.out.println("returned=" + n);
            } catch (IOException e) {
                failure = e;
            }
            report(failure, out.size() - BEFORE);
            System.out.println("advanced=" + in.position());
            // The retry: a loop from the position into a second output, as a caller would after moving to a larger
            // disk; the first output's new bytes and the second's together must be the input exactly.
            Path rest = Files.write(dir.resolve("rest"), new byte[0]);
            try (FileChannel second = FileChannel.open(rest, mode)) {
                long at = 0;
                long n;
                while ((n = zc.copyRange(in, ZeroCopy.POSITION, second, append ? ZeroCopy.POSITION : at,
                        INPUT)) > 0) {
                    at += n;
                }
            }
            byte[] first = Files.readAllBytes(outFile);
            byte[] joined = concat(Arrays.copyOfRange(first, BEFORE, first.length), Files.readAllBytes(rest));
            System.out.println("exact=" + Arrays.equals(data, joined));
        }
    }

    /** Socket -> file: what was read from the socket and not written is lost; the exception says how much got out. */
    private static void upload(Transfers zc, FileChannel out, boolean append, byte[] data) throws Exception {
        try (SocketPair pair = new SocketPair()) {
            pair.feedClient(data).get();
            IOException failure = null;
            long total = 0;
            try {
                long n;
                while ((n = zc.splice(pair.server, ZeroCopy.POSITION, out, append ? ZeroCopy.POSITION
                        : BEFORE + total, INPUT - total)) > 0) {
                    total += n;
                }
                System.out.println("returned=" + n);
            } catch (IOException e) {
                failure = e;
            }
            System.out.println("earlier=" + total);
            report(failure, out.size() - BEFORE - total);
        }
    }

    private static void report(IOException failure, long written) {
        System.out.println("written=" + written);
        if (failure != null) {
            System.out.println("exception=" + failure.getClass().getName() + ": " + failure.getMessage());
            System.out.println("native=" + (failure instanceof NativeIOException));
            if (failure instanceof NativeIOException) {
                System.out.println("reported=" + ((NativeIOException) failure).bytesTransferred());
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A bare JNI sendfile (src/main/c/zc_jni_floor.c) in this JVM: the raw system call as a Java library could make it
 * with no safety at all, measured beside ZeroCopy.sendfile with the same reader, so the ratio between the two is what
 * the library adds to the call. Only for JDK channel classes it knows; never for anything but the benchmark.
 */
public final class JniFloor {
    private static final String RESOURCE = "native/libzc-jni-floor.so";

    private JniFloor() {
    }

    /**
     * Loads the library extracted to {@code dir}.
     *
     * @return null when it loaded, else why not
     */
    public static String load(Path dir) {
        try (InputStream in = JniFloor.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "this build has no JNI floor library (" + RESOURCE + ")";
            }
            Path target = dir.resolve("libzc-jni-floor.so");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            System.load(target.toString());
            return null;
        } catch (IOException | UnsatisfiedLinkError e) {
            return "the JNI floor library did not load: " + e;
        }
    }

    /** One sendfile(2) of the file at {@code offset} to the socket: bytes sent, or -errno. */
    public static native long sendfile(SocketChannel out, FileChannel in, long offset, long count);

    /** Sends {@code size} bytes from offset 0, as FileToSocket's loops do; returns the number of calls. */
    public static long sendAll(FileChannel in, SocketChannel out, long size) throws IOException {
        long pos = 0;
        long calls = 0;
        while (pos < size) {
            long n = sendfile(out, in, pos, size - pos);
            if (n <= 0) {
                throw new IOException("bare JNI sendfile returned " + n + " at " + pos + " of " + size);
            }
            pos += n;
            calls++;
        }
        return calls;
    }
}

package org.zerocopy4j.internal;

import java.util.HashMap;
import java.util.Map;

import org.zerocopy4j.NativeIOException;

/**
 * The errno table of the OS the loaded provider library was built for: names, numbers and texts, handed over by that
 * library (native-common/c/zc_errno.c) when it loads. The POSIX cores take them from their C library's
 * {@code <errno.h>} and strerror(3); the libc-free Linux core from the kernel's uapi numbers and texts. No number is
 * kept in Java: {@code Errno.EAGAIN} is 11 on Linux, 35 on FreeBSD and macOS. A native returns {@code -errno} in this
 * numbering and Java compares and names it here.
 *
 * <p>The library's JNI_OnLoad registers the table's native and then initializes this class, so the table is read
 * once, at the first load; used before any library has loaded, the class fails to initialize rather than hold made-up
 * numbers.
 */
public final class Errno {
    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Integer, String> TEXTS = new HashMap<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        Object[] table = Table.table();
        int[] numbers = (int[]) table[0];
        String[] names = (String[]) table[1];
        String[] texts = (String[]) table[2];
        // First entry wins: where two names share a number (EWOULDBLOCK, ENOTSUP on Linux) the usual one comes first.
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] <= 0) {
                continue; // not in this OS's numbering
            }
            NAMES.putIfAbsent(numbers[i], names[i]);
            TEXTS.putIfAbsent(numbers[i], texts[i]);
            NUMBERS.putIfAbsent(names[i], numbers[i]);
        }
    }

    public static final int EPERM = number("EPERM");
    public static final int ENOENT = number("ENOENT");
    public static final int EINTR = number("EINTR");
    public static final int EBADF = number("EBADF");
    public static final int EAGAIN = number("EAGAIN");
    public static final int ENOMEM = number("ENOMEM");
    public static final int EFAULT = number("EFAULT");
    public static final int EBUSY = number("EBUSY");
    public static final int EXDEV = number("EXDEV");
    public static final int EINVAL = number("EINVAL");
    public static final int EFBIG = number("EFBIG");
    public static final int ESPIPE = number("ESPIPE");
    public static final int EPIPE = number("EPIPE");
    public static final int ENOSYS = number("ENOSYS");
    public static final int ENOTSOCK = number("ENOTSOCK");
    public static final int ENOPROTOOPT = number("ENOPROTOOPT");
    public static final int EOPNOTSUPP = number("EOPNOTSUPP");
    /** Its own number on Darwin (45; EOPNOTSUPP 102), illumos (48; 122) and AIX (124; 64); EOPNOTSUPP's elsewhere. */
    public static final int ENOTSUP = number("ENOTSUP");
    public static final int ECONNRESET = number("ECONNRESET");
    public static final int ENOTCONN = number("ENOTCONN");
    public static final int EOVERFLOW = number("EOVERFLOW");

    private Errno() {
    }

    /**
     * Where the library's JNI_OnLoad registers the table's native: a class of its own, since JNI's FindClass
     * initializes the class it finds, and Errno's initialization reads the table.
     */
    private static final class Table {
        private Table() {
        }

        /** {@code {int[] numbers, String[] names, String[] texts}}. */
        static native Object[] table();
    }

    /** The number of an errno this OS has ("EKEYEXPIRED" on Linux); fails where the library's table lacks it. */
    public static int number(String name) {
        Integer n = NUMBERS.get(name);
        if (n == null || n <= 0) {
            throw new IllegalStateException("the native library's errno table has no " + name);
        }
        return n;
    }

    /** "EPIPE", or "errno 200" for a number the table does not know. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }

    /** "Broken pipe", or "Unknown error 200". */
    public static String description(int errno) {
        String text = TEXTS.get(errno);
        return text != null ? text : "Unknown error " + errno;
    }

    /** The exception for a native result {@code -errno}: "sendfile: EPIPE (Broken pipe)". */
    public static NativeIOException exception(String call, long negativeErrno) {
        int errno = (int) -negativeErrno;
        return new NativeIOException(call, errno, name(errno), description(errno));
    }

    /** The same exception with an explanation appended to the description. */
    public static NativeIOException exception(String call, long negativeErrno, String explanation) {
        int errno = (int) -negativeErrno;
        return new NativeIOException(call, errno, name(errno), description(errno) + ": " + explanation);
    }

    /**
     * {@code failure} again, saying that {@code delivered} bytes of the call reached the output before it (and, when
     * {@code lost} is not 0, that so many bytes taken from an input that cannot give them back did not): the same
     * call, errno and text, with {@code failure} as its cause. A failure with nothing to add comes back as it is.
     */
    public static NativeIOException afterDelivering(NativeIOException failure, long delivered, long lost) {
        if (delivered <= 0 && lost <= 0) {
            return failure;
        }
        String message = failure.getMessage();
        String prefix = failure.call() + ": " + failure.errnoName() + " (";
        int end = message.lastIndexOf(')');
        String description = message.startsWith(prefix) && end >= prefix.length()
                ? message.substring(prefix.length(), end) : message;
        if (lost > 0) {
            description += "; " + lost + " more bytes taken from the input could not be delivered and are lost";
        }
        NativeIOException again = new NativeIOException(failure.call(), failure.errno(), failure.errnoName(),
                description, Math.max(0, delivered));
        again.initCause(failure);
        return again;
    }
}

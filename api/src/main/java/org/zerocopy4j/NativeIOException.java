package org.zerocopy4j;

import java.io.IOException;

/**
 * An operating-system error from a zero-copy call, with the errno that caused it. The message names the call, the
 * errno and its description, e.g. {@code "sendfile: EPIPE (Broken pipe)"}.
 *
 * <p>A call that had already delivered bytes to its output when the error came (a write that filled the disk part-way
 * through a buffer, a peer that reset the connection after taking part of it) says how many in
 * {@link #bytesTransferred()}, as {@link java.io.InterruptedIOException#bytesTransferred} does for the JDK's streams:
 * they are in the output, and an input read at {@link ZeroCopy#POSITION} advanced by exactly that many, so a retry
 * neither repeats nor skips a byte. Bytes a call took from an input that cannot give them back (a socket, a pipe) and
 * could not deliver are lost; the message says how many.
 */
public class NativeIOException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The system call that failed. */
    private final String call;
    /** The platform's errno value. */
    private final int errno;
    /** The symbolic errno name. */
    private final String errnoName;
    /** The bytes of this call that reached the output before the error. */
    private final long bytesTransferred;

    /**
     * An error whose message reads {@code "call: ERRNONAME (description)"}.
     *
     * @param call        the system call that failed, e.g. {@code "sendfile"}
     * @param errno       the platform's errno value (numbers differ between operating systems; names do not)
     * @param errnoName   the symbolic name, e.g. {@code "EPIPE"}
     * @param description the platform's text for it, e.g. {@code "Broken pipe"}
     */
    public NativeIOException(String call, int errno, String errnoName, String description) {
        this(call, errno, errnoName, description, 0);
    }

    /**
     * An error that came after {@code bytesTransferred} bytes of the call reached its output; the message reads
     * {@code "call: ERRNONAME (description)"}, followed by that count when it is not 0.
     *
     * @param call             the system call that failed, e.g. {@code "write"}
     * @param errno            the platform's errno value
     * @param errnoName        the symbolic name, e.g. {@code "EFBIG"}
     * @param description      the platform's text for it, e.g. {@code "File too large"}
     * @param bytesTransferred the bytes of the call that reached the output before the error, 0 or more
     * @throws IllegalArgumentException if {@code bytesTransferred} is negative
     */
    public NativeIOException(String call, int errno, String errnoName, String description, long bytesTransferred) {
        super(call + ": " + errnoName + " (" + description + ")"
                + (bytesTransferred > 0 ? " after " + bytesTransferred + " bytes reached the output" : ""));
        if (bytesTransferred < 0) {
            throw new IllegalArgumentException("bytesTransferred < 0: " + bytesTransferred);
        }
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
        this.bytesTransferred = bytesTransferred;
    }

    /**
     * The bytes of the failed call that reached its output before the error: 0 when none did. The call's return
     * value is lost with the exception; this is what it would have counted.
     *
     * @return the bytes delivered to the output by the call that failed, 0 or more
     */
    public long bytesTransferred() {
        return bytesTransferred;
    }

    /**
     * The platform's errno value.
     *
     * @return the platform's errno value
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic errno name, e.g. {@code "EPIPE"}: compare this, not {@link #errno()}, across platforms.
     *
     * @return the symbolic errno name, e.g. {@code "EPIPE"}
     */
    public String errnoName() {
        return errnoName;
    }

    /**
     * The system call that failed.
     *
     * @return the system call that failed, e.g. {@code "sendfile"}
     */
    public String call() {
        return call;
    }
}

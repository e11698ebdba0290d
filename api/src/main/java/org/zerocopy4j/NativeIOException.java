package org.zerocopy4j;

import java.io.IOException;

/**
 * An operating-system error from a zero-copy call, with the errno that caused it. The message names the call, the
 * errno and its description, e.g. {@code "sendfile: EPIPE (Broken pipe)"}.
 */
public class NativeIOException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The system call that failed. */
    private final String call;
    /** The platform's errno value. */
    private final int errno;
    /** The symbolic errno name. */
    private final String errnoName;

    /**
     * An error whose message reads {@code "call: ERRNONAME (description)"}.
     *
     * @param call        the system call that failed, e.g. {@code "sendfile"}
     * @param errno       the platform's errno value (numbers differ between operating systems; names do not)
     * @param errnoName   the symbolic name, e.g. {@code "EPIPE"}
     * @param description the platform's text for it, e.g. {@code "Broken pipe"}
     */
    public NativeIOException(String call, int errno, String errnoName, String description) {
        super(call + ": " + errnoName + " (" + description + ")");
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
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

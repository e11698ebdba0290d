package org.zerocopy4j;

/** An operation a provider performs inside the kernel, without copying the bytes through the JVM. */
public enum Feature {
    /** File to any channel ({@code sendfile(2)} and its cousins). */
    SENDFILE,
    /** Headers and trailers sent with the file bytes in the kernel call itself (or with a cork around it). */
    SENDFILE_HEADERS,
    /** {@link SendfileFlag}s that change what the kernel does. */
    SENDFILE_FLAGS,
    /** Pipe to or from a file or socket ({@code splice(2)}). */
    SPLICE,
    /** Duplicating pipe content without consuming it ({@code tee(2)}). */
    TEE,
    /** File to file inside the kernel ({@code copy_file_range(2)}, reflinks where the filesystem has them). */
    COPY_RANGE,
    /** Socket to socket through a kernel pipe ({@link ZeroCopy#relay}). */
    RELAY,
    /** TLS records made by the kernel (Linux kTLS) after a JSSE handshake ({@link ZeroCopy#offloadTls}). */
    TLS
}

package org.zerocopy4j;

/**
 * An operation a provider performs inside the kernel, without copying the bytes through the JVM: what
 * {@link org.zerocopy4j.spi.ZeroCopyProvider#features()} lists and
 * {@link org.zerocopy4j.spi.ZeroCopyProvider#accepts(Feature, java.nio.channels.Channel, java.nio.channels.Channel)}
 * is asked about. What an operation can do beyond moving bytes is a {@link Capability}.
 */
public enum Feature {
    /** File to any channel ({@code sendfile(2)} and its cousins). */
    SENDFILE,
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

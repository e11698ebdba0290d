package org.zerocopy4j;

/**
 * What a provider's {@link Feature#SENDFILE} does in the kernel beyond moving the file's bytes: listed by
 * {@link org.zerocopy4j.spi.ZeroCopyProvider#capabilities()}. Not an operation: no call is dispatched on it, and a
 * provider without it still serves the call (headers and trailers then go out with their own writes, and flags are
 * ignored where {@link SendfileOptions} says so).
 */
public enum Capability {
    /** Headers and trailers sent with the file bytes in the kernel call itself (or with a cork around it). */
    SENDFILE_HEADERS,
    /** {@link SendfileFlag}s that change what the kernel does. */
    SENDFILE_FLAGS
}

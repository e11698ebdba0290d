package org.zerocopy4j;

/**
 * Flags for {@link ZeroCopy#sendfile}. Hints ({@link #MORE}, {@link #NOCACHE}, {@link #MNOWAIT}) are ignored where the
 * platform lacks them; {@link #NODISKIO} and {@link #SYNC} change the result and throw
 * {@link UnsupportedOperationException} where the platform cannot honour them.
 */
public enum SendfileFlag {
    /** Do not wait for disk I/O: return what is in the page cache (FreeBSD {@code SF_NODISKIO}). Semantic. */
    NODISKIO,
    /** Do not wait for memory (FreeBSD {@code SF_MNOWAIT}). Hint. */
    MNOWAIT,
    /** Return only when the data has left the socket buffer's pages (FreeBSD {@code SF_SYNC}). Semantic. */
    SYNC,
    /** Do not keep the file's pages cached after sending (FreeBSD {@code SF_NOCACHE}). Hint. */
    NOCACHE,
    /** More data follows: let the kernel coalesce (Linux {@code MSG_MORE}/{@code TCP_CORK}). Hint. */
    MORE
}

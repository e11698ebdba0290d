package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.internal.Errno;

/**
 * errno names and texts come from the core's own C library and headers, in the OS's numbering (FreeBSD's here, where
 * EAGAIN is 35, not Linux's 11), not from a table of numbers kept in Java.
 */
class ErrnoNamesTest {
    /** FreeBSD's sys/sys/errno.h, which the shim reproduces: the numbers the table must hold, not Linux's. */
    private static final int FREEBSD_EINTR = 4;
    private static final int FREEBSD_EPIPE = 32;
    private static final int FREEBSD_EAGAIN = 35;
    private static final int FREEBSD_ENOTCONN = 57;

    @BeforeAll
    static void onFreeBsdOrThroughTheShim() {
        BsdTesting.assumeServed();
    }

    @Test
    void namesAndNumbersAreTheOperatingSystems() {
        assertEquals(FREEBSD_EAGAIN, Errno.EAGAIN);
        assertEquals(FREEBSD_EINTR, Errno.EINTR);
        assertEquals("EAGAIN", Errno.name(FREEBSD_EAGAIN));
        assertEquals("ENOTCONN", Errno.name(FREEBSD_ENOTCONN));
    }

    @Test
    void anExceptionNamesTheCallTheErrnoAndTheCLibrarysText() {
        NativeIOException e = Errno.exception("sendfile", -FREEBSD_EPIPE);
        assertEquals("sendfile: EPIPE (Broken pipe)", e.getMessage());
        assertEquals("errno 4242", Errno.exception("sendfile", -4242).errnoName());
    }
}

package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.internal.PosixNative;

/**
 * errno names and texts come from the core's own C library and headers, in the OS's numbering (FreeBSD's here, where
 * EAGAIN is 35, not Linux's 11), not from a table of numbers kept in Java.
 */
class ErrnoNamesTest {
    @BeforeAll
    static void onFreeBsdOrThroughTheShim() {
        BsdTesting.assumeServed();
    }

    @Test
    void namesAndNumbersAreTheOperatingSystems() {
        assertEquals(BsdNative.EAGAIN, PosixNative.Errno.EAGAIN);
        assertEquals(BsdNative.EINTR, PosixNative.Errno.EINTR);
        assertEquals("EAGAIN", PosixNative.errnoName(BsdNative.EAGAIN));
        assertEquals("ENOTCONN", PosixNative.errnoName(BsdNative.ENOTCONN));
    }

    @Test
    void anExceptionNamesTheCallTheErrnoAndTheCLibrarysText() {
        NativeIOException e = PosixNative.exception("sendfile", BsdNative.EPIPE);
        assertEquals("sendfile: EPIPE (Broken pipe)", e.getMessage());
        assertEquals("errno 4242", PosixNative.exception("sendfile", 4242).errnoName());
    }
}

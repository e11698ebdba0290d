package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zerocopy4j.NativeIOException;
import org.zerocopy4j.internal.Errno;

/**
 * The errno table the libc-free library hands over at load: the kernel's numbers and texts, so messages read as they
 * always did ("sendfile: EPIPE (Broken pipe)"), with no number kept in Java.
 */
class ErrnoTableTest {
    @BeforeAll
    static void libraryLoaded() {
        LinuxProvider p = new LinuxProvider();
        assertTrue(p.isAvailable(), () -> "unavailable: " + p.unavailabilityCause());
    }

    @Test
    void numbersAreTheKernels() {
        assertEquals(11, Errno.EAGAIN);
        assertEquals(4, Errno.EINTR);
        assertEquals(22, Errno.EINVAL);
        assertEquals(95, Errno.EOPNOTSUPP);
        assertEquals(Errno.EOPNOTSUPP, Errno.ENOTSUP, "C's alias of the kernel's EOPNOTSUPP");
        assertEquals("EOPNOTSUPP", Errno.name(95), "the kernel's name wins over the alias");
    }

    @Test
    void messagesNameTheCallTheErrnoAndTheKernelsText() {
        NativeIOException e = Errno.exception("sendfile", -32);
        assertEquals("sendfile: EPIPE (Broken pipe)", e.getMessage());
        assertEquals(32, e.errno());
        assertEquals("splice: EAGAIN (Try again: no room)", Errno.exception("splice", -11, "no room").getMessage());
        assertEquals("read: errno 4242 (Unknown error 4242)", Errno.exception("read", -4242).getMessage());
        assertEquals("EHWPOISON", Errno.name(133));
    }
}

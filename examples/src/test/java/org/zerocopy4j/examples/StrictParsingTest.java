package org.zerocopy4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heads two parsers could read differently (RFC 9112 sections 2.2, 5.2, 6.3; RFC 9110 section 5.5) are refused with
 * 400 and the connection closed: nothing after them is read as another request.
 */
class StrictParsingTest {
    private static Path root;
    private static FileServer server;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createTempDirectory(Scratch.dir(), "strict-");
        Files.writeString(root.resolve("a.txt"), "a-content");
        Files.writeString(root.resolve("b.txt"), "b-secret");
        server = FileServer.start(root, new InetSocketAddress("127.0.0.1", 0), FileServer.Mode.ZEROCOPY, true);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Scratch.deleteTree(root);
    }

    /**
     * A front end that ends header lines at LF sees one GET with a 32-byte body; a server that reads the LF as part of
     * the value sees two GETs and answers the hidden one.
     */
    @Test
    void aBareLfCannotSmuggleASecondRequest() throws Exception {
        String hidden = "GET /b.txt HTTP/1.1\r\nHost: x\r\n\r\n";
        assertEquals(32, hidden.length());
        Raw.Reply r = exchange("GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\nContent-Length: 32\r\n\r\n" + hidden);
        assertEquals("400", r.status(), r.text());
        assertFalse(r.text().contains("b-secret"), "the smuggled request was answered: " + r.text());
        assertEquals(1, r.text().split("HTTP/1.1 ", -1).length - 1, "one response only: " + r.text());
        assertTrue(r.closed(), "the connection stayed open after 400");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "GET /a.txt HTTP/1.1\nHost: x\n\n",                                   // LF line ends throughout
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\rX-B: 2\r\n\r\n",           // bare CR in a value
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\u0000 2\r\n\r\n",           // NUL in a value
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\u0001\r\n\r\n",             // another control byte
        "G\u0000ET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n",                       // NUL in the method
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX A: 1\r\n\r\n",                   // a name that is not a token
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n",             // obs-fold
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n",            // obs-fold with a tab
        "PUT /c.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nc",  // repeated
        "PUT /c.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\ncc", // conflicting
        "PUT /c.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\ncc",   // conflicting in one line
        "PUT /c.txt HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\ncc",     // a sign
    })
    void anAmbiguousHeadGets400AndTheConnectionCloses(String head) throws Exception {
        Raw.Reply r = exchange(head);
        assertEquals("400", r.status(), r.text());
        assertEquals(1, r.text().split("HTTP/1.1 ", -1).length - 1, "one response only: " + r.text());
        assertTrue(r.closed(), "the connection stayed open after 400");
        assertFalse(Files.exists(root.resolve("c.txt")), "a refused upload was stored");
    }

    /** Tabs and spaces around a value, and bytes past 0x7f inside it, are allowed (RFC 9110 section 5.5). */
    @Test
    void wellFormedHeadsAreStillServed() throws Exception {
        Raw.Reply r = exchange("GET /a.txt HTTP/1.1\r\nHost: x\r\nX-A:\t1 \t\r\nX-B: caf\u00e9\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals("200", r.status(), r.text());
        assertTrue(r.text().endsWith("a-content"), r.text());
    }

    private static Raw.Reply exchange(String request) throws IOException {
        try (Raw c = new Raw(server.address().getPort())) {
            return c.send(request).readUntilClosed(3_000);
        }
    }
}

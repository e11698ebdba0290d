package org.zerocopy4j.examples;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.zerocopy4j.ZeroCopy;

/**
 * A PUT body spliced from the socket into a temporary file next to the target, moved into place only once every byte
 * of its Content-Length arrived: a reader never sees half an upload, and a broken one leaves nothing behind.
 */
final class Upload {
    private Upload() {
    }

    /** Receives the body and returns the status to answer: 201 for a new file, 204 for a replaced one. */
    static int receive(SocketChannel c, HttpRequest.Reader reader, HttpRequest req, Path file)
            throws IOException, BadRequest {
        long length = contentLength(req);
        if ("100-continue".equalsIgnoreCase(req.header("expect"))) {
            FileServer.writeFully(c, FileServer.ascii("HTTP/1.1 100 Continue\r\n\r\n"));
        }
        boolean existed = Files.exists(file);
        Path part = Files.createTempFile(file.getParent(), ".upload-", ".part");
        try {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                // Bytes that arrived with the head are already in the reader's buffer, not in the socket.
                ByteBuffer early = reader.take(length);
                while (early.hasRemaining()) {
                    out.write(early);
                }
                long got = out.position();
                while (got < length) {
                    long n = ZeroCopy.splice(c, out, length - got);
                    if (n < 0) {
                        throw new EOFException("upload ended after " + got + " of " + length + " bytes");
                    }
                    got += n;
                }
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return existed ? 204 : 201;
    }

    private static long contentLength(HttpRequest req) throws BadRequest {
        String v = req.header("content-length");
        if (req.header("transfer-encoding") != null || v == null) {
            throw new BadRequest(411, "PUT needs a Content-Length");
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0 && v.chars().allMatch(Character::isDigit)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: answered below
        }
        throw new BadRequest(400, "bad Content-Length");
    }
}

package org.zerocopy4j.examples;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.zerocopy4j.ZeroCopy;

/**
 * A PUT body spliced from the socket into a temporary file, moved into place only once every byte of its
 * Content-Length arrived: a reader never sees half an upload, and a broken one leaves nothing behind. The temporary
 * files live in a directory of their own that GET never serves (by default {@code .upload-tmp} under the root, on the
 * root's file system so that the final move is atomic).
 */
final class Upload {
    private Upload() {
    }

    /**
     * Creates the temporary directory (owner-only where the file system has POSIX modes) and checks it can hold
     * uploads for the root.
     */
    static Path prepareDirectory(Path root, Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
        if (!Files.getFileStore(dir).equals(Files.getFileStore(root))) {
            throw new IllegalArgumentException("--upload-tmp " + dir + " is not on the file system of the root "
                    + root + ": uploads could not be moved into place atomically");
        }
        Path real = dir.toRealPath();
        if (root.startsWith(real)) {
            throw new IllegalArgumentException("--upload-tmp " + dir + " contains the root " + root
                    + ": nothing could be served");
        }
        return real;
    }

    /** Receives the body and returns the status to answer: 201 for a new file, 204 for a replaced one. */
    static int receive(SocketChannel c, Watchdog.Timer timer, HttpRequest.Reader reader, HttpRequest req, Path file,
            Path tmpDir, Limits limits) throws IOException, BadRequest {
        long length = contentLength(req);
        if (length > limits.maxUpload()) {
            // Before 100 Continue: a client that waits for it never sends the body.
            throw new BadRequest(413, "upload of " + length + " bytes over the maximum " + limits.maxUpload());
        }
        if ("100-continue".equalsIgnoreCase(req.header("expect"))) {
            timer.io(limits.ioTimeoutMillis());
            FileServer.writeFully(c, FileServer.ascii("HTTP/1.1 100 Continue\r\n\r\n"));
        }
        boolean existed = Files.exists(file);
        Path part = Files.createTempFile(tmpDir, ".upload-", ".part");
        try {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                // Bytes that arrived with the head are already in the reader's buffer, not in the socket.
                ByteBuffer early = reader.take(length);
                while (early.hasRemaining()) {
                    out.write(early);
                }
                long got = out.position();
                while (got < length) {
                    timer.io(limits.ioTimeoutMillis());
                    long n = ZeroCopy.splice(c, out, Math.min(FileServer.CHUNK, length - got));
                    if (n < 0) {
                        throw new EOFException("upload ended after " + got + " of " + length + " bytes");
                    }
                    got += n;
                }
            }
            timer.off();
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // The target directory is a mount point of another file system under the root.
                throw new BadRequest(507, "the target's file system is not the upload directory's");
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return existed ? 204 : 201;
    }

    private static long contentLength(HttpRequest req) throws BadRequest {
        // HttpRequest.parse let through only plain digits, and never next to Transfer-Encoding.
        String v = req.header("content-length");
        if (v == null) {
            throw new BadRequest(411, "PUT needs a Content-Length");
        }
        // Past 18 digits it would not fit a long; it is over any maximum all the same.
        return v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
    }
}

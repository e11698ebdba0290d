package org.zerocopy4j.examples;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;

/**
 * A static-file HTTP/1.1 server: GET and HEAD with single byte ranges through {@link ZeroCopy#sendfile} (the response
 * head travels as a sendfile header), PUT uploads spliced from the socket to disk, keep-alive, one thread per
 * connection. The {@code transferTo} modes serve the same responses the way plain JDK code would, for comparison.
 */
public final class FileServer implements Closeable {

    /** How response bodies are sent. */
    public enum Mode {
        /** ZeroCopy.sendfile with the head as a header; TCP_NODELAY. */
        ZEROCOPY("zerocopy"),
        /** write(head) then FileChannel.transferTo; TCP_NODELAY, as servers set it. */
        TRANSFER_TO("transferTo"),
        /** As TRANSFER_TO with Nagle's algorithm left on, which merges the head and the body's first bytes. */
        TRANSFER_TO_NAGLE("transferTo-nagle");

        final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        static Mode of(String flag) {
            for (Mode m : values()) {
                if (m.flag.equals(flag)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode " + flag);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);

    static final String USAGE = "usage: server --root DIR [--port N (default 8080; 0 picks one)] [--bind ADDR]"
            + " [--mode zerocopy|transferTo|transferTo-nagle] [--platform-threads]";

    private final ServedRoot root;
    private final Mode mode;
    private final Threads threads;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final String provider;

    private FileServer(ServedRoot root, Mode mode, Threads threads, ServerSocketChannel listener, String provider) {
        this.root = root;
        this.provider = provider;
        this.mode = mode;
        this.threads = threads;
        this.listener = listener;
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, USAGE);
        FileServer s = bind(Path.of(a.required("--root")), new InetSocketAddress(a.get("--bind", "127.0.0.1"),
                Integer.parseInt(a.get("--port", "8080"))), Mode.of(a.get("--mode", "zerocopy")),
                !a.flag("--platform-threads"));
        System.out.println("file server listening on " + s.address() + ", root " + s.root.path() + ", mode "
                + s.mode.flag + ", " + s.threads.describe() + ", provider " + s.provider);
        s.acceptLoop();
    }

    /** Binds and starts accepting on a thread of its own; for tests and embedding. */
    public static FileServer start(Path root, InetSocketAddress bind, Mode mode, boolean virtual) throws IOException {
        FileServer s = bind(root, bind, mode, virtual);
        Thread t = new Thread(s::acceptLoop, "file-server-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static FileServer bind(Path root, InetSocketAddress bind, Mode mode, boolean virtual) throws IOException {
        String provider = Warmup.run();
        ServerSocketChannel l = ServerSocketChannel.open().bind(bind, 1024);
        return new FileServer(new ServedRoot(root), mode, Threads.of(virtual), l, provider);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    public boolean virtualThreads() {
        return threads.virtual();
    }

    /** Runs until the listener is closed; a failed accept on an open listener is logged and retried. */
    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff(LOG, "file server");
        while (true) {
            SocketChannel c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                if (!listener.isOpen() || !backoff.failed(e)) {
                    return; // closed (ClosedChannelException, AsynchronousCloseException) or interrupted
                }
                continue;
            }
            backoff.succeeded();
            open.add(c);
            threads.start("http-connection", () -> serve(c));
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, mode != Mode.TRANSFER_TO_NAGLE);
            HttpRequest.Reader reader = new HttpRequest.Reader(c);
            boolean keepAlive = true;
            while (keepAlive) {
                try {
                    HttpRequest req = reader.next();
                    keepAlive = req != null && handle(c, reader, req);
                } catch (BadRequest e) {
                    writeFully(c, head(e.status, 0, e.status == 405 ? "Allow: GET, HEAD, PUT\r\n" : "", false));
                    keepAlive = false;
                }
            }
        } catch (IOException e) {
            // The peer went away or reset: there is no one left to answer.
        } finally {
            open.remove(c);
        }
    }

    /** Answers one request; returns whether the connection stays open for the next. */
    private boolean handle(SocketChannel c, HttpRequest.Reader reader, HttpRequest req)
            throws IOException, BadRequest {
        Path file = root.resolve(req.target());
        boolean keep = req.keepAlive();
        switch (req.method()) {
            case "GET", "HEAD" -> {
                if (req.header("content-length") != null || req.header("transfer-encoding") != null) {
                    throw new BadRequest(400, "a body on " + req.method() + " is not read here");
                }
                get(c, req, file, keep);
            }
            case "PUT" -> {
                if (Files.isDirectory(file) || !root.inside(file)) {
                    throw new BadRequest(404, "no such directory under the root");
                }
                int status = Upload.receive(c, reader, req, file);
                writeFully(c, head(status, 0, "", keep));
            }
            default -> throw new BadRequest(405, "method " + req.method());
        }
        return keep;
    }

    private void get(SocketChannel c, HttpRequest req, Path file, boolean keep) throws IOException {
        // toRealPath inside root: a symbolic link under the root that points outside it is served as absent.
        if (!Files.isRegularFile(file) || !root.inside(file)) {
            writeFully(c, head(404, 0, "", keep));
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteRange range;
            try {
                range = ByteRange.parse(req.header("range"), size);
            } catch (ByteRange.Unsatisfiable e) {
                writeFully(c, head(416, 0, "Content-Range: bytes */" + size + "\r\n", keep));
                return;
            }
            long first = range == null ? 0 : range.first();
            long count = range == null ? size : range.count();
            String extra = "Accept-Ranges: bytes\r\n" + (range == null ? "" : "Content-Range: "
                    + range.contentRange(size) + "\r\n");
            ByteBuffer head = head(range == null ? 200 : 206, count, extra, keep);
            if (req.method().equals("HEAD")) {
                writeFully(c, head);
            } else if (mode == Mode.ZEROCOPY) {
                sendfile(c, in, head, first, count);
            } else {
                writeFully(c, head);
                transferTo(c, in, first, count);
            }
        }
    }

    /** README's quick-start loop: the head rides in the first sendfile, and the file offset advances by file bytes. */
    private static void sendfile(SocketChannel c, FileChannel in, ByteBuffer head, long first, long count)
            throws IOException {
        SendfileOptions options = SendfileOptions.builder().headers(head).build();
        long sent = 0;
        while (head.hasRemaining() || sent < count) {
            int headBefore = head.remaining();
            long n = ZeroCopy.sendfile(c, in, first + sent, count - sent, options);
            if (n < 0) {
                throw new EOFException("file shrank while being sent");
            }
            sent += n - (headBefore - head.remaining());
        }
    }

    private static void transferTo(SocketChannel c, FileChannel in, long first, long count) throws IOException {
        long sent = 0;
        while (sent < count) {
            long n = in.transferTo(first + sent, count - sent, c);
            if (n == 0 && first + sent >= in.size()) {
                throw new EOFException("file shrank while being sent");
            }
            sent += n;
        }
    }

    static ByteBuffer head(int status, long length, String extra, boolean keep) {
        boolean noBody = status == 204;
        return ascii("HTTP/1.1 " + status + " " + Status.reason(status) + "\r\n"
                + (noBody ? "" : "Content-Length: " + length + "\r\n") + extra
                + (keep ? "" : "Connection: close\r\n") + "\r\n");
    }

    static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (SocketChannel c : open) {
            c.close();
        }
    }
}

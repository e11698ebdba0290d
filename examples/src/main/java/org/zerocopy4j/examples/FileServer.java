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
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zerocopy4j.SendfileOptions;
import org.zerocopy4j.ZeroCopy;

/**
 * A static-file HTTP/1.1 server: GET and HEAD with single byte ranges through {@link ZeroCopy#sendfile} (the response
 * head travels as a sendfile header), PUT uploads spliced from the socket to disk, keep-alive, one thread per
 * connection. The {@code transferTo} modes serve the same responses the way plain JDK code would, for comparison.
 * With {@code --tls} it speaks HTTPS: {@link TlsConnection} hands the record layer to the kernel where it can, so the
 * same sendfile loop sends TLS records, and keeps to {@code SSLEngine} where it cannot.
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

    static final String USAGE = "usage: server --root DIR [--port N (default 8080; 0 picks one)] [--bind ADDR]\n"
            + "    [--mode zerocopy|transferTo|transferTo-nagle]\n"
            + "    [--threads virtual|platform (default virtual on JDK 21+; --platform-threads = platform)]\n"
            + "    [--tls KEYSTORE.p12 [--tls-password P (else env ZEROCOPY4J_TLS_PASSWORD)] [--tls-engine]]\n"
            + Limits.USAGE;

    /**
     * The most one sendfile, transferTo or splice call is asked to move: a blocking socket takes the whole count
     * before the call returns, and the I/O timeout is renewed between calls, so a slow but live peer needs to take
     * one chunk per timeout (2 MiB, nginx's sendfile_max_chunk), not the whole file.
     */
    static final long CHUNK = 2 << 20;
    /** How long, and how much, a refused request's remaining input is read before the close (see refuse). */
    private static final long LINGER_MILLIS = 2_000;
    private static final int LINGER_BYTES = 1 << 20;

    private final ServedRoot root;
    private final Mode mode;
    private final Threads threads;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final String provider;
    private final Limits limits;
    private final Path uploadTmp;
    private final Semaphore slots;
    private final Watchdog watchdog;
    /** HTTPS when set: handshake, kTLS offload where the kernel takes it, else SSLEngine.wrap + write. */
    private final TlsConnection.Config tls;

    private FileServer(ServedRoot root, Path uploadTmp, Mode mode, Threads threads, ServerSocketChannel listener,
            String provider, Limits limits, TlsConnection.Config tls) {
        this.tls = tls;
        this.root = root;
        this.uploadTmp = uploadTmp;
        this.provider = provider;
        this.mode = mode;
        this.threads = threads;
        this.listener = listener;
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConnections());
        this.watchdog = new Watchdog("file-server-timeouts", limits.shortestTimeoutMillis());
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, USAGE);
        Limits limits = Limits.of(a);
        TlsConnection.Config tls = null;
        if (!a.get("--tls", "").isEmpty()) {
            String password = a.get("--tls-password", System.getenv().getOrDefault("ZEROCOPY4J_TLS_PASSWORD", ""));
            tls = TlsConnection.Config.load(Path.of(a.get("--tls", "")), password.toCharArray(),
                    a.flag("--tls-engine"));
        }
        FileServer s = bind(Path.of(a.required("--root")), new InetSocketAddress(a.get("--bind", "127.0.0.1"),
                Integer.parseInt(a.get("--port", "8080"))), Mode.of(a.get("--mode", "zerocopy")),
                a.virtualThreads("--platform-threads"), limits, tls);
        System.out.println("file server listening on " + s.address() + ", root " + s.root.path() + ", mode "
                + s.mode.flag + ", " + s.threads.describe() + ", provider " + s.provider + (tls == null ? ""
                : tls.engineOnly() ? ", HTTPS through SSLEngine" : ", HTTPS through kTLS where the kernel takes it"));
        System.out.println("limits: head " + limits.maxHeadSize() + " bytes in " + limits.headerTimeoutMillis()
                + " ms, keep-alive idle " + limits.idleTimeoutMillis() + " ms, body stall "
                + limits.ioTimeoutMillis() + " ms, upload " + limits.maxUpload() + " bytes via " + s.uploadTmp + ", "
                + limits.maxConnections() + " connections");
        s.acceptLoop();
    }

    /** Binds and starts accepting on a thread of its own, with the default limits; for tests and embedding. */
    public static FileServer start(Path root, InetSocketAddress bind, Mode mode, boolean virtual) throws IOException {
        return start(root, bind, mode, virtual, Limits.DEFAULTS);
    }

    static FileServer start(Path root, InetSocketAddress bind, Mode mode, boolean virtual, Limits limits)
            throws IOException {
        return start(root, bind, mode, virtual, limits, null);
    }

    static FileServer start(Path root, InetSocketAddress bind, Mode mode, boolean virtual, Limits limits,
            TlsConnection.Config tls) throws IOException {
        FileServer s = bind(root, bind, mode, virtual, limits, tls);
        Thread t = new Thread(s::acceptLoop, "file-server-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static FileServer bind(Path root, InetSocketAddress bind, Mode mode, boolean virtual, Limits limits,
            TlsConnection.Config tls) throws IOException {
        String provider = Warmup.run();
        Path realRoot = root.toRealPath();
        Path tmp = Upload.prepareDirectory(realRoot, limits.uploadTmp() == null
                ? realRoot.resolve(Limits.DEFAULT_UPLOAD_TMP) : limits.uploadTmp());
        ServerSocketChannel l = ServerSocketChannel.open().bind(bind, 1024);
        return new FileServer(new ServedRoot(realRoot, tmp), tmp, mode, Threads.of(virtual), l, provider, limits, tls);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    public boolean virtualThreads() {
        return threads.virtual();
    }

    /**
     * Runs until the listener is closed; a failed accept on an open listener is logged and retried. At the connection
     * cap it stops accepting until a connection ends: the kernel's backlog holds the next clients meanwhile.
     */
    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff(LOG, "file server");
        while (true) {
            SocketChannel c = backoff.next(listener, slots, limits.maxConnections());
            if (c == null) {
                return;
            }
            open.add(c);
            try {
                threads.start("http-connection", () -> serve(c));
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread for it (platform threads can run out): this client is turned away, the next may not be.
                LOG.warn("file server: cannot start a connection thread: {}", e.toString());
                close(c);
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c; Watchdog.Timer timer = watchdog.watch(c)) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, mode != Mode.TRANSFER_TO_NAGLE);
            TlsConnection t = null;
            if (tls != null) {
                timer.head(limits.headerTimeoutMillis());
                t = TlsConnection.open(c, tls);
            }
            HttpRequest.Reader reader = new HttpRequest.Reader(t == null ? c : t.input(), timer, limits);
            boolean keepAlive = true;
            while (keepAlive) {
                try {
                    HttpRequest req = reader.next();
                    keepAlive = req != null && handle(c, t, timer, reader, req);
                } catch (BadRequest e) {
                    refuse(c, t, timer, e);
                    keepAlive = false;
                }
            }
            if (t != null) {
                // close_notify, then a short linger so the client's own close_notify does not meet a reset.
                timer.io(limits.ioTimeoutMillis());
                t.close();
                c.shutdownOutput();
                linger(c, timer);
            }
        } catch (IOException e) {
            // The peer went away or reset, or a deadline passed and the watchdog closed the socket.
        } finally {
            close(c);
        }
    }

    private void close(SocketChannel c) {
        if (open.remove(c)) {
            slots.release();
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * Answers a request that ends the connection, then closes it gently: output shut, and what the client still
     * sends (the rest of the head, a body it did not hold back) read and dropped for a moment. Closing with unread
     * input would send a reset, which can reach the client before it read the answer.
     */
    private void refuse(SocketChannel c, TlsConnection t, Watchdog.Timer timer, BadRequest e) throws IOException {
        timer.io(limits.ioTimeoutMillis());
        send(c, t, head(e.status, 0, e.status == 405 ? "Allow: GET, HEAD" + (t == null ? ", PUT" : "") + "\r\n"
                : "", false));
        if (t != null) {
            t.close();
        }
        c.shutdownOutput();
        linger(c, timer);
    }

    /** Reads and drops what the client still sends, for a moment, so that closing does not reset. */
    private void linger(SocketChannel c, Watchdog.Timer timer) throws IOException {
        timer.io(Math.min(LINGER_MILLIS, limits.ioTimeoutMillis()));
        ByteBuffer sink = ByteBuffer.allocate(8192);
        for (long dropped = 0; dropped < LINGER_BYTES; ) {
            int n = c.read(sink.clear());
            if (n < 0) {
                break;
            }
            dropped += n;
        }
    }

    /** Answers one request; returns whether the connection stays open for the next. */
    private boolean handle(SocketChannel c, TlsConnection t, Watchdog.Timer timer, HttpRequest.Reader reader,
            HttpRequest req) throws IOException, BadRequest {
        Path file = root.resolve(req.target());
        boolean keep = req.keepAlive();
        switch (req.method()) {
            case "GET", "HEAD" -> {
                if (req.header("content-length") != null || req.header("transfer-encoding") != null) {
                    throw new BadRequest(400, "a body on " + req.method() + " is not read here");
                }
                get(c, t, timer, req, file, keep);
            }
            case "PUT" -> {
                if (t != null) {
                    // Uploads splice from the socket, which holds ciphertext unless the kernel decrypts.
                    throw new BadRequest(405, "PUT is not served over TLS by this example");
                }
                if (Files.isDirectory(file) || !root.inside(file)) {
                    throw new BadRequest(404, "no such directory under the root");
                }
                int status = Upload.receive(c, timer, reader, req, file, uploadTmp, limits);
                timer.io(limits.ioTimeoutMillis());
                writeFully(c, head(status, 0, "", keep));
            }
            default -> throw new BadRequest(405, "method " + req.method());
        }
        timer.off();
        return keep;
    }

    private void get(SocketChannel c, TlsConnection t, Watchdog.Timer timer, HttpRequest req, Path file,
            boolean keep) throws IOException {
        timer.io(limits.ioTimeoutMillis());
        // toRealPath inside root: a symbolic link under the root that points outside it is served as absent.
        if (!Files.isRegularFile(file) || !root.inside(file)) {
            send(c, t, head(404, 0, "", keep));
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteRange range;
            try {
                range = ByteRange.parse(req.header("range"), size);
            } catch (ByteRange.Unsatisfiable e) {
                send(c, t, head(416, 0, "Content-Range: bytes */" + size + "\r\n", keep));
                return;
            }
            long first = range == null ? 0 : range.first();
            long count = range == null ? size : range.count();
            String extra = "Accept-Ranges: bytes\r\n" + (range == null ? "" : "Content-Range: "
                    + range.contentRange(size) + "\r\n");
            ByteBuffer head = head(range == null ? 200 : 206, count, extra, keep);
            if (req.method().equals("HEAD")) {
                send(c, t, head);
            } else if (t != null) {
                t.body(in, head, first, count, () -> timer.io(limits.ioTimeoutMillis()));
            } else if (mode == Mode.ZEROCOPY) {
                sendfile(c, timer, in, head, first, count);
            } else {
                writeFully(c, head);
                transferTo(c, timer, in, first, count);
            }
        }
    }

    /** README's quick-start loop: the head rides in the first sendfile, and the file offset advances by file bytes. */
    private void sendfile(SocketChannel c, Watchdog.Timer timer, FileChannel in, ByteBuffer head, long first,
            long count) throws IOException {
        SendfileOptions options = SendfileOptions.builder().headers(head).build();
        long sent = 0;
        while (head.hasRemaining() || sent < count) {
            int headBefore = head.remaining();
            timer.io(limits.ioTimeoutMillis());
            long n = ZeroCopy.sendfile(c, in, first + sent, Math.min(CHUNK, count - sent), options);
            if (n < 0) {
                throw new EOFException("file shrank while being sent");
            }
            sent += n - (headBefore - head.remaining());
        }
    }

    private void transferTo(SocketChannel c, Watchdog.Timer timer, FileChannel in, long first, long count)
            throws IOException {
        long sent = 0;
        while (sent < count) {
            timer.io(limits.ioTimeoutMillis());
            long n = in.transferTo(first + sent, Math.min(CHUNK, count - sent), c);
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

    /** Sends {@code b} in the clear, or as TLS application data when {@code t} is set. */
    private static void send(SocketChannel c, TlsConnection t, ByteBuffer b) throws IOException {
        if (t != null) {
            t.write(b);
        } else {
            writeFully(c, b);
        }
    }

    static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        watchdog.close();
        for (SocketChannel c : open) {
            c.close();
        }
    }
}

package org.zerocopy4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A hand-written HTTP client on a plain socket: sends exactly the bytes given and reads exactly what comes back. */
final class Raw implements AutoCloseable {
    /** What arrived: the bytes, and whether the server closed (end of stream or reset) before the wait ran out. */
    record Reply(String text, boolean closed, long millis) {
        String status() {
            return text.length() >= 12 ? text.substring(9, 12) : "none (got \"" + text + "\")";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Raw(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Raw send(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the server closes or {@code waitMillis} pass without it closing. */
    Reply readUntilClosed(int waitMillis) throws IOException {
        return read(waitMillis, null);
    }

    /** Reads until {@code marker} arrived, the server closes, or {@code waitMillis} pass. */
    Reply readUntil(String marker, int waitMillis) throws IOException {
        return read(waitMillis, marker);
    }

    private Reply read(int waitMillis, String marker) throws IOException {
        long start = System.nanoTime();
        long deadline = start + waitMillis * 1_000_000L;
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[8192];
        boolean closed = false;
        while (marker == null || sb.indexOf(marker) < 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(b);
                if (n < 0) {
                    closed = true;
                    break;
                }
                sb.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException e) {
                break;
            } catch (SocketException e) {
                closed = true; // reset
                break;
            }
        }
        return new Reply(sb.toString(), closed, (System.nanoTime() - start) / 1_000_000L);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TCP data segments one socket has sent, read with {@code ss -ti} (the kernel's tcp_info for that socket alone).
 * A host-wide counter would also count the receiver's ACKs and everyone else's traffic; this counts only the packets
 * that carried the responses.
 */
public final class SocketSegments {
    private static final Pattern DATA_SEGS_OUT = Pattern.compile("\\bdata_segs_out:(\\d+)");

    private SocketSegments() {
    }

    /** Data segments sent so far from {@code ch}'s local port, or -1 when ss is missing or does not say. */
    public static long dataSegmentsOut(SocketChannel ch) {
        try {
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            Process p = new ProcessBuilder("ss", "-tinH", "( sport = :" + port + " )").redirectErrorStream(true)
                    .start();
            // One socket's line is far smaller than a pipe buffer, so waiting before reading cannot deadlock.
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) {
                return -1;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = DATA_SEGS_OUT.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.zerocopy4j.Feature;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.bench.BenchContext;
import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * Whether a named provider itself serves an operation for a pair of channel kinds. ZeroCopy.using(name) hands pairs
 * the provider declines to the next provider, so without this check a row labelled "linux" could be measuring the
 * fallback.
 */
final class Serves {

    enum Pair { FILE_TO_SOCKET, SOCKET_TO_SOCKET, SOCKET_TO_FILE, FILE_TO_FILE }

    private Serves() {
    }

    /** Null when {@code provider} accepts; otherwise the note that explains the missing row. */
    static String declined(BenchContext ctx, String provider, Feature op, Pair pair) throws IOException {
        ZeroCopyProvider p = ZeroCopy.providers().stream().filter(x -> x.name().equals(provider)).findFirst()
                .orElseThrow();
        Path file = ctx.fixture().output("probe-" + pair + ".bin");
        SocketChannel[] sockets = ctx.loopback().pair(false);
        try (SocketChannel a = sockets[0]; SocketChannel b = sockets[1];
                FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            Channel in = pair == Pair.FILE_TO_SOCKET || pair == Pair.FILE_TO_FILE ? f : b;
            Channel out = pair == Pair.SOCKET_TO_FILE || pair == Pair.FILE_TO_FILE ? f : a;
            if (p.accepts(op, in, out)) {
                return null;
            }
            return "provider '" + provider + "' declines " + op + " for " + in.getClass().getSimpleName() + " -> "
                    + out.getClass().getSimpleName() + ": its row is left out, since calls would go to the next"
                    + " provider";
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

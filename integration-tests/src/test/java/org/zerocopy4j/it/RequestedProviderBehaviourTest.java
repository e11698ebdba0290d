package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.Feature;
import org.zerocopy4j.ZeroCopy;
import org.zerocopy4j.spi.ZeroCopyProvider;
import org.zerocopy4j.testkit.SocketPair;
import org.zerocopy4j.testkit.TestFiles;

/**
 * A run that names its provider (-Dzerocopy4j.provider, as the OS-shim runs do) must really test it: a shim library
 * that failed to build or load would otherwise leave only the fallback parameterized, and the run would pass.
 */
class RequestedProviderBehaviourTest {
    @TempDir
    Path dir;

    @Test
    void theRequestedProviderIsAvailableAndParameterized() {
        String requested = System.getProperty("zerocopy4j.provider");
        assumeTrue(requested != null && !requested.isBlank(), "no provider requested");
        assertTrue(AvailableProviders.names().contains(requested), () -> requested + " is not available: "
                + ZeroCopy.providers().stream().filter(p -> p.name().equals(requested))
                        .map(p -> String.valueOf(p.unavailabilityCause().orElse(null))).findFirst().orElse("not found"));
    }

    /**
     * {@code ZeroCopy.using("linux")} hands every call the provider declines to the fallback, so an available Linux
     * provider that declined the JDK's own channels on some JDK (a channel class it does not know, blocking sockets
     * and pipes refused because close() could not wake a call) would leave the whole suite testing the fallback, and
     * the run would pass. Each operation must be the Linux provider's own for every JDK channel pair it is for.
     */
    @Test
    void theRequestedLinuxProviderServesTheJdksOwnChannelsItself() throws Exception {
        assumeTrue("linux".equals(System.getProperty("zerocopy4j.provider", "").trim()), "linux not requested");
        ZeroCopyProvider linux = ZeroCopy.providers().stream().filter(p -> p.name().equals("linux")).findFirst()
                .orElseThrow();
        assumeTrue(linux.isAvailable(), "unavailable: theRequestedProviderIsAvailableAndParameterized says why");
        List<String> declined = new ArrayList<>();
        try (FileChannel file = TestFiles.read(TestFiles.withText(dir, "abc"));
                FileChannel target = TestFiles.write(dir.resolve("target"));
                SocketPair blocking = new SocketPair(); SocketPair nonBlocking = new SocketPair()) {
            Pipe pipe = Pipe.open();
            Pipe nonBlockingPipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink();
                    Pipe.SourceChannel nbSource = nonBlockingPipe.source(); Pipe.SinkChannel nbSink = nonBlockingPipe.sink()) {
                for (SelectableChannel c : List.of(nonBlocking.client, nonBlocking.server, nbSource, nbSink)) {
                    c.configureBlocking(false);
                }
                check(linux, declined, Feature.SENDFILE, file, blocking.client);
                check(linux, declined, Feature.SENDFILE, file, nonBlocking.client);
                check(linux, declined, Feature.SENDFILE, file, sink);
                check(linux, declined, Feature.SENDFILE, file, nbSink);
                check(linux, declined, Feature.SENDFILE, file, target);
                check(linux, declined, Feature.SPLICE, blocking.server, target);
                check(linux, declined, Feature.SPLICE, nonBlocking.server, target);
                check(linux, declined, Feature.SPLICE, source, blocking.client);
                check(linux, declined, Feature.SPLICE, nbSource, nonBlocking.client);
                check(linux, declined, Feature.SPLICE, file, sink);
                check(linux, declined, Feature.SPLICE, blocking.server, nonBlocking.client);
                check(linux, declined, Feature.TEE, source, sink);
                check(linux, declined, Feature.TEE, nbSource, nbSink);
                check(linux, declined, Feature.COPY_RANGE, file, target);
                check(linux, declined, Feature.RELAY, blocking.server, nonBlocking.client);
                check(linux, declined, Feature.RELAY, nonBlocking.server, blocking.client);
            }
        }
        assertTrue(declined.isEmpty(), () -> "the linux provider declines " + declined + " on Java "
                + System.getProperty("java.version") + ": ZeroCopy.using(\"linux\") would give these to the fallback,"
                + " and this run would test the fallback there");
    }

    private static void check(ZeroCopyProvider provider, List<String> declined, Feature operation, Channel in,
            Channel out) {
        if (!provider.accepts(operation, in, out)) {
            declined.add(operation + " " + describe(in) + " -> " + describe(out));
        }
    }

    private static String describe(Channel c) {
        String mode = c instanceof SelectableChannel s ? (s.isBlocking() ? "blocking " : "non-blocking ") : "";
        return mode + c.getClass().getName();
    }
}

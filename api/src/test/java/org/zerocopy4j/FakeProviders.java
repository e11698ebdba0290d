package org.zerocopy4j;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

import org.zerocopy4j.spi.ZeroCopyProvider;

/** Providers with scripted answers, to test discovery, selection and dispatch without any real transfer. */
final class FakeProviders {
    private FakeProviders() {
    }

    static class Fake implements ZeroCopyProvider {
        final String name;
        final int priority;
        final Throwable unavailable;
        final BiPredicate<Channel, Channel> accepts;
        final List<String> calls = new ArrayList<>();

        Fake(String name, int priority, Throwable unavailable, BiPredicate<Channel, Channel> accepts) {
            this.name = name;
            this.priority = priority;
            this.unavailable = unavailable;
            this.accepts = accepts;
        }

        static Fake available(String name, int priority) {
            return new Fake(name, priority, null, (a, b) -> true);
        }

        static Fake unavailable(String name, int priority, String why) {
            return new Fake(name, priority, new UnsupportedOperationException(why), (a, b) -> true);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable() {
            return unavailable == null;
        }

        @Override
        public Optional<Throwable> unavailabilityCause() {
            return Optional.ofNullable(unavailable);
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.SENDFILE);
        }

        @Override
        public boolean accepts(Channel a, Channel b) {
            return accepts.test(a, b);
        }

        @Override
        public long sendfile(WritableByteChannel out, FileChannel in, long offset, long count, SendfileOptions options) {
            calls.add("sendfile " + offset + " " + count);
            return count;
        }

        @Override
        public long splice(ReadableByteChannel in, long inOffset, WritableByteChannel out, long outOffset, long count,
                Set<SpliceFlag> flags) {
            calls.add("splice " + inOffset + " " + outOffset + " " + count + " " + flags);
            return count;
        }

        @Override
        public long tee(Pipe.SourceChannel in, Pipe.SinkChannel out, long count, Set<SpliceFlag> flags) {
            calls.add("tee " + count);
            return count;
        }

        @Override
        public long copyRange(FileChannel in, long inOffset, FileChannel out, long outOffset, long count) {
            calls.add("copyRange " + inOffset + " " + outOffset + " " + count);
            return count;
        }

        @Override
        public Relay relay(ReadableByteChannel in, WritableByteChannel out) throws IOException {
            calls.add("relay");
            return null;
        }
    }

    /** Found through META-INF/services in the api's tests. */
    public static final class Good extends Fake {
        public Good() {
            super("good", 5, null, (a, b) -> true);
        }

        @Override
        public Optional<String> nativeLibrary() {
            return Optional.of("META-INF/native/good-x86_64/libgood.so (SHA-256 checked)");
        }
    }

    /** Its constructor fails, as a provider whose static setup broke would. */
    public static final class Broken extends Fake {
        public Broken() {
            super("broken", 100, null, (a, b) -> true);
            throw new IllegalStateException("constructor exploded on purpose");
        }
    }
}

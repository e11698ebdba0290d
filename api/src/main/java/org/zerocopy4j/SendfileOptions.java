package org.zerocopy4j;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;


/**
 * Headers, trailers and flags for {@link ZeroCopy#sendfile(java.nio.channels.WritableByteChannel,
 * java.nio.channels.FileChannel, long, long, SendfileOptions)}. Immutable as a value, but the buffers are the
 * caller's: sendfile advances their positions by the bytes it sent from them, like
 * {@link java.nio.channels.GatheringByteChannel#write(ByteBuffer[])}, so a partial non-blocking send is resumed by
 * calling again with the same options (headers already sent have nothing remaining and are skipped).
 */
public final class SendfileOptions {

    /** No headers, no trailers, no flags. */
    public static final SendfileOptions NONE = new SendfileOptions(List.of(), List.of(), Set.of());

    private final List<ByteBuffer> headers;
    private final List<ByteBuffer> trailers;
    private final Set<SendfileFlag> flags;

    private SendfileOptions(List<ByteBuffer> headers, List<ByteBuffer> trailers, Set<SendfileFlag> flags) {
        this.headers = headers;
        this.trailers = trailers;
        this.flags = flags;
    }

    /**
     * A builder for options with headers, trailers or flags.
     *
     * @return a new builder with no headers, trailers or flags
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The header buffers, sent in order before the file bytes.
     *
     * @return the header buffers, in order
     */
    public List<ByteBuffer> headers() {
        return headers;
    }

    /**
     * The trailer buffers, sent in order after the counted file bytes.
     *
     * @return the trailer buffers, in order
     */
    public List<ByteBuffer> trailers() {
        return trailers;
    }

    /**
     * The flags, unmodifiable.
     *
     * @return the flags, unmodifiable
     */
    public Set<SendfileFlag> flags() {
        return flags;
    }

    /**
     * Header bytes not yet sent: the sum of the headers' remaining bytes.
     *
     * @return the header bytes not yet sent
     */
    public long headerBytesRemaining() {
        return remaining(headers);
    }

    /**
     * Trailer bytes not yet sent.
     *
     * @return the trailer bytes not yet sent
     */
    public long trailerBytesRemaining() {
        return remaining(trailers);
    }

    private static long remaining(List<ByteBuffer> buffers) {
        long sum = 0;
        for (int i = 0, n = buffers.size(); i < n; i++) {
            sum += buffers.get(i).remaining();
        }
        return sum;
    }

    @Override
    public String toString() {
        return "SendfileOptions[headers=" + headerBytesRemaining() + " bytes in " + headers.size()
                + " buffers, trailers=" + trailerBytesRemaining() + " bytes in " + trailers.size()
                + " buffers, flags=" + flags + "]";
    }

    /** Builds {@link SendfileOptions}; each call replaces what an earlier call of the same method set. */
    public static final class Builder {
        private List<ByteBuffer> headers = List.of();
        private List<ByteBuffer> trailers = List.of();
        private Set<SendfileFlag> flags = Set.of();

        private Builder() {
        }

        /**
         * Buffers sent before the file bytes.
         *
         * @param headers the buffers, in order; each one's position advances as it is sent
         * @return this builder
         */
        public Builder headers(ByteBuffer... headers) {
            this.headers = copyOf(headers, "headers");
            return this;
        }

        /**
         * Buffers sent after the file bytes.
         *
         * @param trailers the buffers, in order; each one's position advances as it is sent
         * @return this builder
         */
        public Builder trailers(ByteBuffer... trailers) {
            this.trailers = copyOf(trailers, "trailers");
            return this;
        }

        /**
         * Flags; see {@link SendfileFlag} for which are hints.
         *
         * @param flags the flags, replacing any set before; see {@link SendfileFlag} for which are hints
         * @return this builder
         */
        public Builder flags(SendfileFlag... flags) {
            Objects.requireNonNull(flags, "flags");
            EnumSet<SendfileFlag> set = EnumSet.noneOf(SendfileFlag.class);
            for (SendfileFlag f : flags) {
                set.add(Objects.requireNonNull(f, "flags contains null"));
            }
            this.flags = Collections.unmodifiableSet(set);
            return this;
        }

        /**
         * The options set so far.
         *
         * @return the options, which keep the buffers themselves (not copies), so their positions show what was sent
         */
        public SendfileOptions build() {
            return new SendfileOptions(headers, trailers, flags);
        }

        private static List<ByteBuffer> copyOf(ByteBuffer[] buffers, String what) {
            Objects.requireNonNull(buffers, what);
            for (ByteBuffer b : buffers) {
                Objects.requireNonNull(b, what + " contains null");
            }
            return Collections.unmodifiableList(Arrays.asList(buffers.clone()));
        }
    }
}

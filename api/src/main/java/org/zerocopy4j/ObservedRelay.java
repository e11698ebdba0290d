package org.zerocopy4j;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.concurrent.atomic.AtomicBoolean;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * The relay a provider made, with each {@link #transfer} recorded as an {@code org.zerocopy4j.Transfer} JFR event
 * (operation {@code relay}) when a recording wants it; otherwise one {@code isEnabled()} check per call. Open relays
 * are counted for the periodic {@link RelaysEvent}.
 */
final class ObservedRelay implements Relay {
    static {
        RelaysEvent.register();
    }

    private final Relay relay;
    private final ZeroCopyProvider provider;
    private final Channel in;
    private final Channel out;
    private final AtomicBoolean closed = new AtomicBoolean();

    ObservedRelay(Relay relay, ZeroCopyProvider provider, Channel in, Channel out) {
        this.relay = relay;
        this.provider = provider;
        this.in = in;
        this.out = out;
        RelaysEvent.OPENED.incrementAndGet();
    }

    @Override
    public long transfer(long max) throws IOException {
        if (Events.transferEnabled()) {
            return recorded(max);
        }
        return relay.transfer(max);
    }

    private long recorded(long max) throws IOException {
        TransferEvent event = Events.begin("relay", ZeroCopy.POSITION, ZeroCopy.POSITION, max, null);
        if (event != null) {
            event.servedBy(provider);
        }
        long n;
        try {
            n = relay.transfer(max);
        } catch (IOException | RuntimeException | Error e) {
            Events.end(event, in, out, 0, e);
            throw e;
        }
        Events.end(event, in, out, n, null);
        return n;
    }

    @Override
    public long pending() {
        return relay.pending();
    }

    @Override
    public void close() throws IOException {
        try {
            relay.close();
        } finally {
            if (closed.compareAndSet(false, true)) {
                RelaysEvent.CLOSED.incrementAndGet();
            }
        }
    }

    @Override
    public String toString() {
        return relay.toString();
    }
}

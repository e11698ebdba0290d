package org.zerocopy4j;

import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The relays made through the façade, written once per period (1 s by default) during a recording: how many are open
 * (each holds a kernel pipe or a buffer), opened and closed since the start. {@link ObservedRelay} counts them.
 */
@Name("org.zerocopy4j.Relays")
@Label("zerocopy4j Relays")
@Category({"zerocopy4j"})
@Description("Relays open (each holding a pipe or a buffer), opened and closed so far")
@Period("1 s")
@StackTrace(false)
final class RelaysEvent extends jdk.jfr.Event {
    static final AtomicLong OPENED = new AtomicLong();
    static final AtomicLong CLOSED = new AtomicLong();

    @Label("Open")
    @Description("Relays made and not yet closed")
    long open;

    @Label("Opened")
    @Description("Relays made so far")
    long opened;

    @Label("Closed")
    @Description("Relays closed so far")
    long closed;

    /**
     * Registers the periodic event when JFR starts (at once if it has): registering initializes JFR, which a JVM with
     * no recording should not pay for. Failures leave the relays without the event, nothing else.
     */
    static void register() {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    try {
                        FlightRecorder.addPeriodicEvent(RelaysEvent.class, RelaysEvent::emit);
                    } catch (RuntimeException | LinkageError e) {
                        // no event then
                    }
                }
            });
        } catch (RuntimeException | LinkageError e) {
            // no event then
        }
    }

    private static void emit() {
        RelaysEvent event = new RelaysEvent();
        event.closed = CLOSED.get();
        event.opened = OPENED.get();
        event.open = Math.max(0, event.opened - event.closed);
        event.commit();
    }
}

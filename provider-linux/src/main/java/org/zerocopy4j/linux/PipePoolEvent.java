package org.zerocopy4j.linux;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The Linux provider's pipe pool, written once per period (1 s by default) during a JFR recording: how many kernel
 * pipes the splices and relays hold, how many wait in the pool, and how often the user's pipe quota made one small.
 */
@Name("org.zerocopy4j.PipePool")
@Label("zerocopy4j Pipe Pool")
@Category({"zerocopy4j"})
@Description("The Linux provider's kernel pipes: open, pooled, in use, created, undersized")
@Period("1 s")
@StackTrace(false)
final class PipePoolEvent extends jdk.jfr.Event {
    @Label("Slots")
    @Description("Most pipes the pool keeps")
    int slots;

    @Label("Pooled")
    @Description("Empty pipes waiting in the pool")
    int pooled;

    @Label("In Use")
    @Description("Pipes held by running splices and by open relays")
    int inUse;

    @Label("Open")
    @Description("Pipes open: pooled and in use")
    int open;

    @Label("Created")
    @Description("Pipes opened since the provider started")
    long created;

    @Label("Taken")
    @Description("Pipes handed out since the provider started, pooled or new: one per splice call through a pipe, "
            + "one per run of busy transfers of a relay")
    long taken;

    @Label("Undersized")
    @Description("Pipes the system made smaller than asked (user pipe quota or pipe-max-size): each such refusal")
    long undersized;

    @Label("Full Capacity")
    @Description("The largest pipe size the system has granted")
    @DataAmount
    int fullCapacity;

    /**
     * Asks JFR to call {@code emit} once per period while a recording wants this event. The event is registered when
     * JFR starts (at once if it has), not before: registering initializes JFR, a quarter of a second that a JVM with
     * no recording should not pay. A JVM whose JFR cannot take it simply has no such event; the pool works the same.
     */
    static void register(Runnable emit) {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    try {
                        FlightRecorder.addPeriodicEvent(PipePoolEvent.class, emit);
                    } catch (RuntimeException | LinkageError e) {
                        // No event then; nothing about the pool depends on it.
                    }
                }
            });
        } catch (RuntimeException | LinkageError e) {
            // No event then; nothing about the pool depends on it.
        }
    }
}

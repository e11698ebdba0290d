package org.zerocopy4j.examples;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts one thread per connection: a virtual thread where the running JDK has them (21+), else a platform thread.
 * The build targets Java 17, so {@code Thread.ofVirtual()} is reached through a method handle looked up at run time.
 */
final class Threads {
    private static final MethodHandle START_VIRTUAL = lookupStartVirtual();

    private final boolean virtual;

    private Threads(boolean virtual) {
        this.virtual = virtual;
    }

    /** Virtual threads when asked for and available, platform threads otherwise. */
    static Threads of(boolean wantVirtual) {
        return new Threads(wantVirtual && START_VIRTUAL != null);
    }

    static boolean virtualAvailable() {
        return START_VIRTUAL != null;
    }

    boolean virtual() {
        return virtual;
    }

    /** For the start-up log line, so whoever runs it knows which kind of thread serves connections. */
    String describe() {
        return (virtual ? "virtual" : "platform") + " threads (JDK " + Runtime.version().feature() + ")";
    }

    Thread start(String name, Runnable task) {
        if (virtual) {
            try {
                return (Thread) START_VIRTUAL.invoke(task);
            } catch (Throwable e) {
                throw new IllegalStateException("could not start a virtual thread", e);
            }
        }
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Thread.ofVirtual().start(task) as one handle taking the task, or null before JDK 21. */
    private static MethodHandle lookupStartVirtual() {
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle make = l.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle start = l.findVirtual(builder, "start", MethodType.methodType(Thread.class, Runnable.class));
            Object b = make.invoke();
            return start.bindTo(b);
        } catch (Throwable e) {
            return null;
        }
    }
}

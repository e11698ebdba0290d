package org.zerocopy4j.linux;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The kernel thread id of the current thread, for the {@link Watchdog}. A platform thread keeps its id for life, so
 * it is asked for once; a virtual thread runs on whichever carrier mounts it, so it asks each time (the call that
 * follows stays on that carrier: a native frame pins it).
 */
final class KernelThreadIds {
    /** Thread.isVirtual() on JDK 21+, found through the public API; null on JDK 17, where every thread is a platform thread. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private static final ThreadLocal<int[]> PLATFORM_TID = new ThreadLocal<>();

    private KernelThreadIds() {
    }

    static int current() {
        if (isVirtual(Thread.currentThread())) {
            return LinuxNative.gettid();
        }
        int[] cached = PLATFORM_TID.get();
        if (cached == null) {
            cached = new int[] {LinuxNative.gettid()};
            PLATFORM_TID.set(cached);
        }
        return cached[0];
    }

    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable t) {
            // Cannot happen for a public no-argument getter; asking the kernel every time is the safe answer.
            return true;
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException jdk17) {
            return null;
        }
    }
}

package org.zerocopy4j.internal;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resolves {@link JdkMembers} with the JVM's own lookup without letting the lookup reach Java code. Only native code
 * reads it (JNI is not bound by module encapsulation): {@link #resolveFromJvm()} passes it straight to the private
 * {@link #resolve} and returns nothing but the resolved handles. No field, no return value and no public parameter ever
 * holds the lookup, so no code in the application can get it from zerocopy4j.
 */
final class JdkResolver {
    private JdkResolver() {
    }

    /**
     * Reads the JVM's lookup and returns {@link #resolve}'s result. Registered by every provider's library when it
     * loads (native-common/c/zc_jdk.c), so it is unlinked until one has loaded.
     */
    static native JdkMembers resolveFromJvm();

    /** Called from native code only, with the JVM's lookup, which it uses here and keeps nowhere. */
    private static JdkMembers resolve(MethodHandles.Lookup jvm) throws Throwable {
        Class<?> file = jvm.findClass("sun.nio.ch.FileChannelImpl");
        Class<?> socket = jvm.findClass("sun.nio.ch.SocketChannelImpl");
        Class<?> source = jvm.findClass("sun.nio.ch.SourceChannelImpl");
        Class<?> sink = jvm.findClass("sun.nio.ch.SinkChannelImpl");
        Class<?> threadSet = jvm.findClass("sun.nio.ch.NativeThreadSet");
        MethodHandle descriptor = jvm.findGetter(file, "fd", FileDescriptor.class);
        MethodHandle number = jvm.findGetter(FileDescriptor.class, "fd", int.class);
        MethodType flag = MethodType.methodType(boolean.class, Channel.class);
        MethodType lock = MethodType.methodType(ReentrantLock.class, Channel.class);
        MethodType begin = MethodType.methodType(void.class, boolean.class);
        MethodType beginType = MethodType.methodType(void.class, Channel.class, boolean.class);
        MethodType end = MethodType.methodType(void.class, boolean.class, boolean.class);
        MethodType endType = MethodType.methodType(void.class, Channel.class, boolean.class, boolean.class);
        MethodType fd = MethodType.methodType(int.class, Channel.class);
        // Since JDK 21 current()/signal() refuse virtual threads, whose carrier is exactly what must be signalled, so
        // the natives under them are used; JDK 17 has no virtual threads, and current()/signal() are the natives.
        Class<?> nativeThread = jvm.findClass("sun.nio.ch.NativeThread");
        MethodType current = MethodType.methodType(long.class);
        MethodType signal = MethodType.methodType(void.class, long.class);
        MethodHandle currentThread;
        MethodHandle signalThread;
        try {
            currentThread = jvm.findStatic(nativeThread, "current0", current);
            signalThread = jvm.findStatic(nativeThread, "signal0", signal);
        } catch (NoSuchMethodException jdk17) {
            if (Watchdog.virtualThreadsExist()) {
                throw jdk17; // current() would refuse virtual threads, and their wakeups would silently stop
            }
            currentThread = jvm.findStatic(nativeThread, "current", current);
            signalThread = jvm.findStatic(nativeThread, "signal", signal);
        }
        Class<?> selectable = jvm.findClass("sun.nio.ch.SelChImpl");
        Class<?> net = jvm.findClass("sun.nio.ch.Net");
        MethodHandle park = jvm.findVirtual(selectable, "park", MethodType.methodType(void.class, int.class,
                long.class)).asType(MethodType.methodType(void.class, Channel.class, int.class, long.class));
        int pollIn = (short) jvm.findStaticGetter(net, "POLLIN", short.class).invoke();
        int pollOut = (short) jvm.findStaticGetter(net, "POLLOUT", short.class).invoke();
        return new JdkMembers(file, socket, source, sink,
                jvm.findGetter(file, "threads", threadSet).asType(MethodType.methodType(Object.class, Channel.class)),
                jvm.findVirtual(threadSet, "add", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class)),
                jvm.findVirtual(threadSet, "remove", MethodType.methodType(void.class, int.class))
                        .asType(MethodType.methodType(void.class, Object.class, int.class)),
                MethodHandles.filterReturnValue(descriptor, number).asType(fd),
                jvm.findGetter(file, "readable", boolean.class).asType(flag),
                jvm.findGetter(file, "writable", boolean.class).asType(flag),
                jvm.findGetter(socket, "readLock", ReentrantLock.class).asType(lock),
                jvm.findGetter(socket, "writeLock", ReentrantLock.class).asType(lock),
                jvm.findGetter(source, "readLock", ReentrantLock.class).asType(lock),
                jvm.findGetter(sink, "writeLock", ReentrantLock.class).asType(lock),
                jvm.findVirtual(socket, "beginRead", begin).asType(beginType),
                jvm.findVirtual(socket, "beginWrite", begin).asType(beginType),
                jvm.findVirtual(source, "beginRead", begin).asType(beginType),
                jvm.findVirtual(sink, "beginWrite", begin).asType(beginType),
                jvm.findVirtual(socket, "endRead", end).asType(endType),
                jvm.findVirtual(socket, "endWrite", end).asType(endType),
                jvm.findVirtual(source, "endRead", end).asType(endType),
                jvm.findVirtual(sink, "endWrite", end).asType(endType),
                jvm.findGetter(socket, "fdVal", int.class).asType(fd),
                jvm.findGetter(source, "fdVal", int.class).asType(fd),
                jvm.findGetter(sink, "fdVal", int.class).asType(fd),
                currentThread, signalThread, park,
                nonBlockingIfVirtual(jvm, socket), nonBlockingIfVirtual(jvm, source), nonBlockingIfVirtual(jvm, sink),
                pollIn, pollOut);
    }

    /**
     * The step by which the JDK's own I/O on a virtual thread puts a blocking channel's descriptor in non-blocking
     * mode, so that a call that would block returns EAGAIN and the thread parks instead of pinning its carrier; null
     * before JDK 21 (no virtual threads), required from then on.
     */
    private static MethodHandle nonBlockingIfVirtual(MethodHandles.Lookup jvm, Class<?> channel)
            throws ReflectiveOperationException {
        try {
            return jvm.findVirtual(channel, "configureSocketNonBlockingIfVirtualThread",
                    MethodType.methodType(void.class)).asType(MethodType.methodType(void.class, Channel.class));
        } catch (NoSuchMethodException e) {
            if (Watchdog.virtualThreadsExist()) {
                throw e;
            }
            return null;
        }
    }
}

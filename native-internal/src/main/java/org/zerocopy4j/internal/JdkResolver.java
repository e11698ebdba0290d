package org.zerocopy4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds {@link JdkMembers} from handles that native code looked up with the JVM's own lookup. The lookup itself
 * never enters Java: native-common/c/zc_jdk.c makes every lookup through JNI and passes only the handles, one per
 * named member, to {@link #resolve}. No field, no return value and no parameter ever holds the lookup, so no code in
 * the application can get it from zerocopy4j.
 */
final class JdkResolver {
    private static final String CH = "sun.nio.ch.";

    private JdkResolver() {
    }

    /**
     * The members, resolved by native code. Registered by every provider's library when it loads, so it is unlinked
     * until one has loaded.
     */
    static native JdkMembers resolveFromJvm();

    /**
     * Called from native code only, with the raw handles keyed "class.member" ({@code sun.nio.ch.FileChannelImpl.fd};
     * members a JDK version may lack are absent from the map) and the JDK's Net.POLLIN and Net.POLLOUT.
     */
    private static JdkMembers resolve(Map<String, MethodHandle> raw, int pollIn, int pollOut)
            throws ReflectiveOperationException {
        MethodType flag = MethodType.methodType(boolean.class, Channel.class);
        MethodType lock = MethodType.methodType(ReentrantLock.class, Channel.class);
        MethodType beginType = MethodType.methodType(void.class, Channel.class, boolean.class);
        MethodType endType = MethodType.methodType(void.class, Channel.class, boolean.class, boolean.class);
        MethodType fd = MethodType.methodType(int.class, Channel.class);
        // Since JDK 21 current()/signal() refuse virtual threads, whose carrier is exactly what must be signalled, so
        // the natives under them are used; JDK 17 has no virtual threads, and current()/signal() are the natives.
        boolean loom = Watchdog.virtualThreadsExist();
        MethodHandle current = loom ? get(raw, "NativeThread.current0") : get(raw, "NativeThread.current");
        // The raw signal takes any number to pthread_kill, where a bogus one crashes the JVM: it is bound into the
        // watchdog's check (a bound handle's arguments cannot be read back), and only the checked handle is kept.
        MethodHandle signal = MethodHandles.insertArguments(MethodHandles.lookup().findStatic(Watchdog.class,
                "signalInCall", MethodType.methodType(void.class, MethodHandle.class, long.class)), 0,
                loom ? get(raw, "NativeThread.signal0") : get(raw, "NativeThread.signal"));
        return new JdkMembers(jdkClass("FileChannelImpl"), jdkClass("SocketChannelImpl"),
                jdkClass("SourceChannelImpl"), jdkClass("SinkChannelImpl"),
                get(raw, "FileChannelImpl.threads").asType(MethodType.methodType(Object.class, Channel.class)),
                get(raw, "NativeThreadSet.add").asType(MethodType.methodType(int.class, Object.class)),
                get(raw, "NativeThreadSet.remove").asType(MethodType.methodType(void.class, Object.class, int.class)),
                MethodHandles.filterReturnValue(get(raw, "FileChannelImpl.fd"),
                        getAny(raw, "java.io.FileDescriptor.fd")).asType(fd),
                get(raw, "FileChannelImpl.readable").asType(flag),
                get(raw, "FileChannelImpl.writable").asType(flag),
                get(raw, "FileChannelImpl.positionLock").asType(MethodType.methodType(Object.class, Channel.class)),
                get(raw, "SocketChannelImpl.readLock").asType(lock),
                get(raw, "SocketChannelImpl.writeLock").asType(lock),
                get(raw, "SourceChannelImpl.readLock").asType(lock),
                get(raw, "SinkChannelImpl.writeLock").asType(lock),
                get(raw, "SocketChannelImpl.beginRead").asType(beginType),
                get(raw, "SocketChannelImpl.beginWrite").asType(beginType),
                get(raw, "SourceChannelImpl.beginRead").asType(beginType),
                get(raw, "SinkChannelImpl.beginWrite").asType(beginType),
                get(raw, "SocketChannelImpl.endRead").asType(endType),
                get(raw, "SocketChannelImpl.endWrite").asType(endType),
                get(raw, "SourceChannelImpl.endRead").asType(endType),
                get(raw, "SinkChannelImpl.endWrite").asType(endType),
                get(raw, "SocketChannelImpl.fdVal").asType(fd),
                get(raw, "SourceChannelImpl.fdVal").asType(fd),
                get(raw, "SinkChannelImpl.fdVal").asType(fd),
                current, signal,
                get(raw, "SelChImpl.park").asType(MethodType.methodType(void.class, Channel.class, int.class,
                        long.class)),
                nonBlockingIfVirtual(raw, "SocketChannelImpl", loom),
                nonBlockingIfVirtual(raw, "SourceChannelImpl", loom),
                nonBlockingIfVirtual(raw, "SinkChannelImpl", loom),
                blocker(raw, "begin", MethodType.methodType(long.class), loom),
                blocker(raw, "end", MethodType.methodType(void.class, long.class), loom),
                pollIn, pollOut);
    }

    /**
     * Blocker.begin() or end(), the JDK's compensation for a virtual thread's blocking file I/O, typed as
     * {@code type} whichever of long or boolean this JDK passes between them (a boolean travels as 1 or 0 and comes
     * back unchanged); null before JDK 21, required from then on.
     */
    private static MethodHandle blocker(Map<String, MethodHandle> raw, String name, MethodType type, boolean loom)
            throws NoSuchMethodException {
        MethodHandle h = raw.get("jdk.internal.misc.Blocker." + name);
        if (h == null && !loom) {
            return null;
        }
        return MethodHandles.explicitCastArguments(getAny(raw, "jdk.internal.misc.Blocker." + name), type);
    }

    /**
     * The step by which the JDK's own I/O on a virtual thread puts a blocking channel's descriptor in non-blocking
     * mode, so that a call that would block returns EAGAIN and the thread parks instead of pinning its carrier; null
     * before JDK 21 (no virtual threads), required from then on.
     */
    private static MethodHandle nonBlockingIfVirtual(Map<String, MethodHandle> raw, String channel, boolean loom)
            throws NoSuchMethodException {
        String name = channel + ".configureSocketNonBlockingIfVirtualThread";
        if (!loom && raw.get(CH + name) == null) {
            return null;
        }
        return get(raw, name).asType(MethodType.methodType(void.class, Channel.class));
    }

    /** A channel class of java.base by name: naming it needs no access, only using its private members does. */
    private static Class<?> jdkClass(String name) throws ClassNotFoundException {
        return Class.forName(CH + name, false, null);
    }

    private static MethodHandle get(Map<String, MethodHandle> raw, String member) throws NoSuchMethodException {
        return getAny(raw, CH + member);
    }

    private static MethodHandle getAny(Map<String, MethodHandle> raw, String member) throws NoSuchMethodException {
        MethodHandle h = raw.get(member);
        if (h == null) {
            throw new NoSuchMethodException("this JDK has no " + member);
        }
        return h;
    }
}

package org.zerocopy4j.internal;

import java.lang.invoke.MethodHandle;

/**
 * The private members of the JDK's channel classes that {@link JdkChannelIo} and the {@link Watchdog} use, each as a
 * method handle typed for its caller. They are resolved with the JVM's own lookup, which Java code cannot reach and
 * which must not leak: only native code reads it ({@link JdkResolver}).
 *
 * @param fileClass         sun.nio.ch.FileChannelImpl
 * @param socketClass       sun.nio.ch.SocketChannelImpl
 * @param sourceClass       sun.nio.ch.SourceChannelImpl
 * @param sinkClass         sun.nio.ch.SinkChannelImpl
 * @param fileThreads       (Channel)Object: FileChannelImpl.threads
 * @param threadsAdd        (Object)int: NativeThreadSet.add()
 * @param threadsRemove     (Object,int)void: NativeThreadSet.remove(int)
 * @param fileFd            (Channel)int: FileChannelImpl.fd.fd, -1 once closed
 * @param fileReadable      (Channel)boolean: FileChannelImpl.readable
 * @param fileWritable      (Channel)boolean: FileChannelImpl.writable
 * @param filePositionLock  (Channel)Object: FileChannelImpl.positionLock, the monitor FileChannel's position-dependent
 *                          calls hold
 * @param socketReadLock    (Channel)ReentrantLock: SocketChannelImpl.readLock
 * @param socketWriteLock   (Channel)ReentrantLock: SocketChannelImpl.writeLock
 * @param sourceLock        (Channel)ReentrantLock: SourceChannelImpl.readLock
 * @param sinkLock          (Channel)ReentrantLock: SinkChannelImpl.writeLock
 * @param socketBeginRead   (Channel,boolean)void: SocketChannelImpl.beginRead(boolean)
 * @param socketBeginWrite  (Channel,boolean)void: SocketChannelImpl.beginWrite(boolean)
 * @param sourceBegin       (Channel,boolean)void: SourceChannelImpl.beginRead(boolean)
 * @param sinkBegin         (Channel,boolean)void: SinkChannelImpl.beginWrite(boolean)
 * @param socketEndRead     (Channel,boolean,boolean)void: SocketChannelImpl.endRead(boolean, boolean)
 * @param socketEndWrite    (Channel,boolean,boolean)void: SocketChannelImpl.endWrite(boolean, boolean)
 * @param sourceEnd         (Channel,boolean,boolean)void: SourceChannelImpl.endRead(boolean, boolean)
 * @param sinkEnd           (Channel,boolean,boolean)void: SinkChannelImpl.endWrite(boolean, boolean)
 * @param socketFd          (Channel)int: SocketChannelImpl.fdVal
 * @param sourceFd          (Channel)int: SourceChannelImpl.fdVal
 * @param sinkFd            (Channel)int: SinkChannelImpl.fdVal
 * @param nativeThreadCurrent ()long: NativeThread.current0() (current() on JDK 17), the platform thread under the
 *                          caller
 * @param nativeThreadSignal (long)void: NativeThread.signal0(long) (signal(long) on JDK 17), behind the watchdog's
 *                          check that the thread is in a registered call ({@code Watchdog.signalInCall})
 * @param park              (Channel,int,long)void: SelChImpl.park(int, long), how the JDK's own socket and pipe I/O
 *                          waits: a virtual thread parks on the JDK's poller, a platform thread polls
 * @param socketNonBlocking (Channel)void: SocketChannelImpl.configureSocketNonBlockingIfVirtualThread(); null
 *                          before JDK 21
 * @param sourceNonBlocking (Channel)void: the same of SourceChannelImpl; null before JDK 21
 * @param sinkNonBlocking   (Channel)void: the same of SinkChannelImpl; null before JDK 21
 * @param blockerBegin      ()long: jdk.internal.misc.Blocker.begin(), compensating the scheduler of a virtual thread
 *                          about to block in file I/O (its boolean result as 1 or 0 where it returns one); null
 *                          before JDK 21
 * @param blockerEnd        (long)void: Blocker.end(), given what begin returned; null before JDK 21
 * @param pollIn            Net.POLLIN, the event {@code park} takes for reading
 * @param pollOut           Net.POLLOUT, for writing
 */
record JdkMembers(Class<?> fileClass, Class<?> socketClass, Class<?> sourceClass, Class<?> sinkClass,
        MethodHandle fileThreads, MethodHandle threadsAdd, MethodHandle threadsRemove, MethodHandle fileFd,
        MethodHandle fileReadable, MethodHandle fileWritable, MethodHandle filePositionLock,
        MethodHandle socketReadLock, MethodHandle socketWriteLock, MethodHandle sourceLock, MethodHandle sinkLock,
        MethodHandle socketBeginRead, MethodHandle socketBeginWrite, MethodHandle sourceBegin, MethodHandle sinkBegin,
        MethodHandle socketEndRead, MethodHandle socketEndWrite, MethodHandle sourceEnd, MethodHandle sinkEnd,
        MethodHandle socketFd, MethodHandle sourceFd, MethodHandle sinkFd,
        MethodHandle nativeThreadCurrent, MethodHandle nativeThreadSignal,
        MethodHandle park, MethodHandle socketNonBlocking, MethodHandle sourceNonBlocking,
        MethodHandle sinkNonBlocking, MethodHandle blockerBegin, MethodHandle blockerEnd, int pollIn, int pollOut) {
}

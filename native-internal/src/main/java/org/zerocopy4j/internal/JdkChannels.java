package org.zerocopy4j.internal;

import java.nio.channels.Channel;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SocketChannel;


/**
 * The JDK channel classes whose descriptors a provider reads (by class identity, so subclasses and wrappers are
 * declined), and the checks made before a call ({@link ChannelCall}) enters them.
 */
public final class JdkChannels {
    private JdkChannels() {
    }

    public static void ensureReadable(FileChannel file) {
        if (!JdkChannelIo.isReadable(file)) {
            throw new NonReadableChannelException();
        }
    }

    public static void ensureWritable(FileChannel file) {
        if (!JdkChannelIo.isWritable(file)) {
            throw new NonWritableChannelException();
        }
    }

    public static void ensureConnected(SocketChannel socket) {
        if (!socket.isConnected()) {
            throw new NotYetConnectedException();
        }
    }

    /**
     * What a call whose channel was closed under it throws: ClosedByInterruptException when the thread was
     * interrupted (the interrupt is what closed it), else AsynchronousCloseException.
     */
    public static AsynchronousCloseException closedMidCall() {
        return Thread.currentThread().isInterrupted() ? new ClosedByInterruptException()
                : new AsynchronousCloseException();
    }

    /**
     * Throws {@link #closedMidCall()} when either channel was closed: called after a wakeup (EINTR, a poll slice),
     * because a close of either end (the file too) is what signals a blocked call.
     */
    public static void ensureOpen(Channel a, Channel b) throws AsynchronousCloseException {
        if (!a.isOpen() || (b != null && !b.isOpen())) {
            throw closedMidCall();
        }
    }
}

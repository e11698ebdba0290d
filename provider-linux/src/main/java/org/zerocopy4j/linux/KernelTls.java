package org.zerocopy4j.linux;

import static org.zerocopy4j.linux.LinuxNative.IO;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.zerocopy4j.TlsOffload;
import org.zerocopy4j.internal.ChannelCall;
import org.zerocopy4j.internal.ChannelKind;
import org.zerocopy4j.internal.Errno;
import org.zerocopy4j.spi.DeclinedException;

/**
 * Linux kernel TLS (kTLS): a finished SunJSSE handshake's record layer handed to the kernel. The send direction
 * always ({@code TLS_TX}), the receive direction when the kernel takes it and no network bytes were read ahead
 * ({@code TLS_RX}). Read the kernel's Documentation/networking/tls.rst for what the socket does afterwards.
 *
 * <p>Every condition is checked before the socket is touched, in an order that puts the ones about the engine first
 * (so that they are reported on any kernel); then {@code TCP_ULP "tls"} (ENOENT: no tls ULP in this kernel) and
 * {@code TLS_TX}. A ULP installed without keys leaves the socket a plain TCP socket (the tls ULP's base operations
 * pass everything through), so a refusal at {@code TLS_TX} still changes no byte; but the ULP cannot be removed, so
 * that socket keeps it, and a second offload of it is refused ({@code EEXIST}) with a reason that says so. After the hand-off the engine's
 * keys and sequence numbers live in the kernel; the copies made here are wiped, except the TLS 1.3 traffic secrets,
 * which this object keeps (until {@link #close()}) to follow a KeyUpdate.
 */
final class KernelTls implements TlsOffload {
    static {
        // The library before the errno table: Errno's table comes from the loaded library, and an Errno initialized
        // first fails, which then fails the library's JNI_OnLoad (a test JVM crashed in a native call after that).
        LinuxNative.failure();
    }

    /** errno values that only this class meets, from the library's table. */
    private static final int EEXIST = Errno.number("EEXIST");
    private static final int EBADMSG = Errno.number("EBADMSG");
    private static final int EKEYEXPIRED = Errno.number("EKEYEXPIRED");
    private static final byte ALERT = 21;
    private static final byte HANDSHAKE = 22;
    private static final byte APPLICATION_DATA = 23;
    private static final int CLOSE_NOTIFY = 0;
    private static final int USER_CANCELED = 90;
    private static final int NO_RENEGOTIATION = 100;
    private static final int HELLO_REQUEST = 0;
    private static final int CLIENT_HELLO = 1;
    private static final int NEW_SESSION_TICKET = 4;
    private static final int KEY_UPDATE = 24;
    /** The largest plaintext of one record (RFC 8446 5.1), plus room for TLS 1.3's content type byte. */
    private static final int MAX_PLAINTEXT = (1 << 14) + 256;

    private final Kernel kernel;
    private final String protocol;
    private final String suite;
    private final String hmac;
    private final boolean receives;
    /** TLS 1.3: the state the next KeyUpdate derives from (secrets only; key bytes are wiped); null for TLS 1.2. */
    private TlsKeys.State txSecret;
    private TlsKeys.State rxSecret;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    /** Plaintext received but not yet handed out (a record larger than the caller's buffer). */
    private ByteBuffer pending;
    private ByteBuffer scratch;
    private boolean peerClosed;
    private boolean closeSent;
    /**
     * When the kernel does not decrypt: the engine, used only to unwrap (its read state is its own; its write state
     * moved to the kernel), and the network bytes not yet unwrapped (write mode); null when the kernel decrypts.
     */
    private final SSLEngine engine;
    private ByteBuffer netIn;

    /** The kernel calls made after the hand-off, one socket's; tests give scripted ones. */
    interface Kernel {
        /** One recvmsg: bytes with their record type in {@code type[0]}; 0 with type -2 when nothing is there now. */
        long receive(ByteBuffer into, int[] type) throws IOException;

        /** One whole record of {@code type}, waiting for room as a blocking write would. */
        void send(byte type, byte[] body) throws IOException;

        /** setsockopt(SOL_TLS, direction) with {@code s}: 0 or -errno. */
        int install(int direction, TlsKeys.State s) throws IOException;

        /**
         * One whole record of {@code type} as {@link #send}, then setsockopt(SOL_TLS, TLS_TX) with {@code s}, the
         * socket's write side held across both, so that no other write of the socket goes out between them (under
         * the old key after our KeyUpdate, which the peer could not decrypt): 0 or -errno of the setsockopt.
         */
        int sendThenInstall(byte type, byte[] body, TlsKeys.State s) throws IOException;

        /**
         * The socket's own read, ciphertext when the kernel does not decrypt: bytes read, 0 when a non-blocking
         * socket has nothing now, -1 at the end of the stream.
         */
        int readNetwork(ByteBuffer into) throws IOException;
    }

    KernelTls(Kernel kernel, String protocol, String suite, boolean receives, TlsKeys.State tx, TlsKeys.State rx) {
        this(kernel, protocol, suite, receives, tx, rx, null, null);
    }

    /**
     * {@code engine} and {@code unreadInbound} (network bytes read but not unwrapped, copied here) serve
     * {@link #read} when the kernel does not decrypt ({@code receives} false).
     */
    KernelTls(Kernel kernel, String protocol, String suite, boolean receives, TlsKeys.State tx, TlsKeys.State rx,
            SSLEngine engine, ByteBuffer unreadInbound) {
        this.kernel = kernel;
        this.engine = receives ? null : engine;
        if (this.engine != null) {
            int packet = engine.getSession().getPacketBufferSize();
            int unread = unreadInbound == null ? 0 : unreadInbound.remaining();
            this.netIn = ByteBuffer.allocate(Math.max(packet, unread));
            if (unread > 0) {
                this.netIn.put(unreadInbound.duplicate());
            }
        }
        this.protocol = protocol;
        this.suite = suite;
        this.hmac = TlsKeys.hmacOf(suite);
        this.receives = receives;
        this.txSecret = tx;
        this.rxSecret = rx;
    }

    /** What the provider's offloadTls does; {@link DeclinedException} names the failed condition. */
    static TlsOffload offload(SocketChannel socket, SSLEngine engine, ByteBuffer unreadInbound) throws IOException {
        TlsKeys.Cipher cipher = checkEngine(engine);
        SSLSession session = engine.getSession();
        String protocol = session.getProtocol();
        String suite = session.getCipherSuite();
        if (KnownChannels.kindOf(socket) != ChannelKind.SOCKET) {
            throw new DeclinedException("the socket is " + socket.getClass().getName()
                    + ", not the JDK's own SocketChannel");
        }
        if (!socket.isOpen() || !socket.isConnected()) {
            throw new DeclinedException("the socket is not open and connected");
        }
        boolean rx = unreadInbound == null || !unreadInbound.hasRemaining();
        TlsKeys.State tx = null;
        TlsKeys.State rxState = null;
        boolean extracted = false;
        try {
            tx = TlsKeys.extract(engine, true, protocol, cipher);
            if (rx) {
                rxState = TlsKeys.extract(engine, false, protocol, cipher);
            }
            extracted = true;
        } catch (IllegalStateException e) {
            throw new DeclinedException(e.getMessage());
        } finally {
            if (!extracted && tx != null) {
                tx.wipe(false); // the send keys taken before the receive ones failed
            }
        }
        boolean tls13 = "TLSv1.3".equals(protocol);
        boolean installed = false;
        boolean receiving = false;
        boolean handedOver = false;
        try {
            try (ChannelCall call = ChannelCall.of(IO, null, null, socket, ChannelKind.SOCKET).open()) {
                int rc = LinuxNative.tlsUlp(call.outFd());
                if (rc < 0) {
                    throw new DeclinedException(ulpRefusal(-rc));
                }
                rc = install(call.outFd(), LinuxNative.TLS_TX, tx);
                if (rc < 0) {
                    throw new DeclinedException("kernel refused TLS_TX for " + protocol + " " + cipher.text + ": "
                            + Errno.name(-rc) + (cipher == TlsKeys.Cipher.CHACHA20_POLY1305
                                    ? " (ChaCha20-Poly1305 needs Linux 5.11+)" : "") + "; the socket keeps the tls ULP"
                            + " without keys (a ULP cannot be removed): it carries bytes as plain TCP, unchanged, but"
                            + " cannot be offloaded again");
                }
                installed = true;
            }
            if (rxState != null) {
                // Both sides of the socket held: no read (a thread inside socket.read()) and no write is under way
                // while the receive keys go in. A refused TLS_RX leaves the engine the receive direction: the
                // application keeps unwrapping.
                try (ChannelCall call = bothSides(socket)) {
                    receiving = install(call.inFd(), LinuxNative.TLS_RX, rxState) == 0;
                }
            }
            handedOver = true;
        } finally {
            // The secrets are kept only for the object returned below; a throw after TLS_TX keeps none.
            tx.wipe(tls13 && installed && handedOver);
            if (rxState != null) {
                rxState.wipe(tls13 && receiving && handedOver);
            }
        }
        return new KernelTls(new SocketKernel(socket), protocol, suite, receiving, tls13 ? tx : null,
                tls13 && receiving ? rxState : null, engine, unreadInbound);
    }

    /** A call that holds the socket's read and write sides (its read and write locks) until closed. */
    static ChannelCall bothSides(SocketChannel socket) throws IOException {
        return ChannelCall.of(IO, socket, ChannelKind.SOCKET, socket, ChannelKind.SOCKET).open();
    }

    /** Why setsockopt TCP_ULP "tls" failed with {@code errno}, as the refusal names it. */
    static String ulpRefusal(int errno) {
        if (errno == Errno.ENOENT) {
            return "kernel has no tls ULP (setsockopt TCP_ULP \"tls\": ENOENT; the tls module is not loaded, try"
                    + " modprobe tls)";
        }
        if (errno == EEXIST) {
            return "the socket already has a ULP (setsockopt TCP_ULP \"tls\": EEXIST): an earlier offload of it was"
                    + " refused the keys after the tls ULP was set (or another ULP is set); a ULP cannot be removed,"
                    + " so this socket cannot be offloaded; without keys it carries bytes as plain TCP";
        }
        return "setsockopt TCP_ULP \"tls\" failed: " + Errno.name(errno);
    }

    /** The engine conditions, in the order their refusals are reported; the kernel's cipher when all hold. */
    static TlsKeys.Cipher checkEngine(SSLEngine engine) throws IOException {
        if (!engine.getClass().getName().equals(TlsKeys.ENGINE_CLASS)) {
            throw new DeclinedException("the engine is " + engine.getClass().getName() + ", not the JDK's own SunJSSE"
                    + " engine (" + TlsKeys.ENGINE_CLASS + ")");
        }
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP && engine.getSession().isValid()
                && !"NONE".equals(engine.getSession().getProtocol())) {
            throw new DeclinedException("the engine holds outbound bytes (handshake status NEED_WRAP, e.g. a TLS 1.3"
                    + " server's NewSessionTicket): wrap them and write them to the socket first");
        }
        if (status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            throw new DeclinedException("the handshake is not finished (handshake status " + status + ")");
        }
        if (engine.isOutboundDone() || engine.isInboundDone()) {
            throw new DeclinedException("the engine is closed");
        }
        SSLSession session = engine.getSession();
        String protocol = session == null ? "NONE" : session.getProtocol();
        if ("NONE".equals(protocol)) {
            throw new DeclinedException("the handshake is not finished (no session yet)");
        }
        if (!"TLSv1.3".equals(protocol) && !"TLSv1.2".equals(protocol)) {
            throw new DeclinedException("the protocol " + protocol + " is not TLSv1.2 or TLSv1.3");
        }
        TlsKeys.Cipher cipher = TlsKeys.cipherOf(protocol, session.getCipherSuite());
        if (cipher == null) {
            throw new DeclinedException("cipher suite " + session.getCipherSuite() + " is not one the kernel takes"
                    + " (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305)");
        }
        // NOT_HANDSHAKING means JSSE's output record is empty (TransportContext.getHandshakeStatus); a wrap of
        // nothing then makes nothing and changes nothing. Should it make a record, it is refused with the bytes
        // unsent, which would lose them: so the check is made only when the status promises it is empty.
        ByteBuffer probe = ByteBuffer.allocate(session.getPacketBufferSize());
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), probe);
        if (r.bytesProduced() != 0) {
            throw new IllegalStateException("SSLEngine.wrap of nothing produced " + r.bytesProduced()
                    + " bytes while NOT_HANDSHAKING; they were not sent and the connection is broken");
        }
        return cipher;
    }

    private static int install(int fd, int direction, TlsKeys.State s) {
        return LinuxNative.tlsCrypto(fd, direction, s.version, s.cipher.kernel, s.key, s.iv, s.salt, s.sequence);
    }

    /**
     * Why the offload cannot work on this machine: a loopback connection tries the tls ULP (ENOENT: none); empty when
     * the kernel has it.
     */
    static Optional<String> unavailability() {
        return Probe.RESULT;
    }

    private static final class Probe {
        static final Optional<String> RESULT = probe();

        private static Optional<String> probe() {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                        SocketChannel accepted = server.accept();
                        ChannelCall call = ChannelCall.of(IO, null, null, client, ChannelKind.SOCKET).open()) {
                    int rc = LinuxNative.tlsUlp(call.outFd());
                    if (rc == 0) {
                        return Optional.empty();
                    }
                    return Optional.of(rc == -Errno.ENOENT ? "no tls ULP in this kernel (modprobe tls)"
                            : "setsockopt TCP_ULP \"tls\" failed: " + Errno.name(-rc));
                }
            } catch (IOException | RuntimeException e) {
                return Optional.of("the probe for the tls ULP failed: " + e);
            }
        }
    }

    @Override
    public boolean receives() {
        return receives;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public String cipherSuite() {
        return suite;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!receives) {
            if (engine == null) {
                throw new IllegalStateException("this offload has no engine to read through (receives() is false)");
            }
            synchronized (readLock) {
                return readThroughEngine(dst);
            }
        }
        synchronized (readLock) {
            while (true) {
                int held = fromHeld(dst);
                if (held != NOTHING_HELD) {
                    return held;
                }
                if (scratch == null) {
                    scratch = ByteBuffer.allocateDirect(MAX_PLAINTEXT);
                }
                scratch.clear();
                int[] type = {-1};
                long n = kernel.receive(scratch, type);
                if (n == 0 && type[0] == -2) {
                    return 0; // non-blocking, nothing now
                }
                if (n == 0 && type[0] == -1) {
                    peerClosed = true; // the TCP stream ended without close_notify
                    return -1;
                }
                scratch.limit((int) n);
                switch (type[0]) {
                    case APPLICATION_DATA:
                    case -1:
                        pending = scratch;
                        scratch = null;
                        break;
                    case ALERT:
                        alert(scratch);
                        break;
                    case HANDSHAKE:
                        handshake(scratch);
                        break;
                    default:
                        throw new SSLException("unexpected TLS record type " + type[0] + " from the peer");
                }
            }
        }
    }

    /** {@link #fromHeld}: nothing decrypted is held, the stream goes on, and {@code dst} has room. */
    private static final int NOTHING_HELD = Integer.MIN_VALUE;

    /** What a read returns from what is already here: plaintext held back, the end seen, or a full {@code dst}. */
    private int fromHeld(ByteBuffer dst) {
        if (pending != null && pending.hasRemaining()) {
            int n = Math.min(pending.remaining(), dst.remaining());
            ByteBuffer part = pending.duplicate();
            part.limit(part.position() + n);
            dst.put(part);
            pending.position(pending.position() + n);
            return n;
        }
        if (peerClosed) {
            return -1;
        }
        return dst.hasRemaining() ? NOTHING_HELD : 0;
    }

    /**
     * The receive direction the kernel does not decrypt: the engine unwraps (application data only; its write side is
     * never used again). A close_notify ends the stream. A message the engine would answer (a TLS 1.3 KeyUpdate with
     * update_requested, a TLS 1.2 renegotiation) cannot be answered, since the engine may no longer wrap: close_notify
     * goes out through the kernel and an exception says why.
     */
    private int readThroughEngine(ByteBuffer dst) throws IOException {
        while (true) {
            int held = fromHeld(dst);
            if (held != NOTHING_HELD) {
                return held;
            }
            if (pending == null) {
                pending = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, pending.clear());
            } finally {
                netIn.compact();
            }
            pending.flip();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || engine.isInboundDone()) {
                peerClosed = true; // close_notify; the engine's own reply is never wrapped: close() sends ours
                continue;
            }
            SSLEngineResult.HandshakeStatus hs = r.getHandshakeStatus();
            if (hs != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && hs != SSLEngineResult.HandshakeStatus.FINISHED) {
                peerClosed = true;
                try {
                    close();
                } catch (IOException e) {
                    // the exception below says what happened
                }
                throw new SSLException("the peer sent a message the engine must answer (handshake status " + hs
                        + ": a TLS 1.3 KeyUpdate with update_requested or a TLS 1.2 renegotiation) while the kernel"
                        + " holds the send direction and the engine may no longer write: close_notify sent, the"
                        + " connection is over");
            }
            switch (r.getStatus()) {
                case OK:
                    break; // data (maybe none: a ticket, a KeyUpdate without request): loop
                case BUFFER_OVERFLOW:
                    pending = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
                    break;
                case BUFFER_UNDERFLOW: {
                    if (netIn.position() == netIn.capacity()) {
                        ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2,
                                engine.getSession().getPacketBufferSize()));
                        netIn.flip();
                        bigger.put(netIn);
                        netIn = bigger;
                    }
                    int n = kernel.readNetwork(netIn);
                    if (n < 0) {
                        peerClosed = true; // the TCP stream ended without close_notify
                        return -1;
                    }
                    if (n == 0) {
                        return 0; // non-blocking, nothing now
                    }
                    break;
                }
                default:
                    throw new SSLException("unexpected SSLEngine.unwrap status " + r.getStatus());
            }
        }
    }

    private void alert(ByteBuffer record) throws IOException {
        if (record.remaining() < 2) {
            throw new SSLException("a truncated alert record from the peer");
        }
        int level = record.get(record.position()) & 0xff;
        int description = record.get(record.position() + 1) & 0xff;
        if (description == CLOSE_NOTIFY) {
            peerClosed = true;
            return;
        }
        if (description == USER_CANCELED) {
            return; // followed by close_notify
        }
        if (level == 1 && "TLSv1.2".equals(protocol)) {
            return; // a TLS 1.2 warning
        }
        peerClosed = true;
        throw new SSLException("the peer sent a fatal TLS alert (level " + level + ", description " + description
                + ")");
    }

    private void handshake(ByteBuffer record) throws IOException {
        while (record.remaining() >= 4) {
            int p = record.position();
            int msgType = record.get(p) & 0xff;
            int length = (record.get(p + 1) & 0xff) << 16 | (record.get(p + 2) & 0xff) << 8 | record.get(p + 3) & 0xff;
            if (record.remaining() < 4 + length) {
                throw new SSLException("a handshake message split over records (type " + msgType + ") is not"
                        + " supported after the kernel TLS offload");
            }
            if (msgType == NEW_SESSION_TICKET) {
                // A TLS 1.3 ticket for resumption: the engine cannot store it any more; ignored.
            } else if (msgType == KEY_UPDATE && "TLSv1.3".equals(protocol) && length == 1) {
                keyUpdate(record.get(p + 4) == 1);
            } else if ((msgType == HELLO_REQUEST || msgType == CLIENT_HELLO) && "TLSv1.2".equals(protocol)) {
                // Renegotiation, asked by a server (HelloRequest) or begun by a client (ClientHello), is refused
                // as RFC 5246 7.2.2 allows: a no_renegotiation warning, and the connection goes on.
                sendRecord(ALERT, new byte[] {1, NO_RENEGOTIATION});
            } else {
                throw new SSLException("unexpected handshake message " + msgType + " after the kernel TLS offload");
            }
            record.position(p + 4 + length);
        }
    }

    /**
     * A TLS 1.3 KeyUpdate from the peer: the receive direction moves to the next secret; if the peer asked for it, a
     * KeyUpdate of ours goes out under the old key and the send direction moves too (RFC 8446 4.6.3). A kernel that
     * cannot take new keys on a socket already keyed (before Linux 6.14) ends the connection with close_notify. After
     * {@link #close()} (close_notify sent, secrets wiped) a KeyUpdate is neither answered nor followed: the stream
     * ends with an exception saying so.
     */
    private void keyUpdate(boolean requested) throws IOException {
        TlsKeys.State nextRx;
        // The secrets are read and replaced under the write lock, which close() holds while it wipes them.
        synchronized (writeLock) {
            if (closeSent) {
                // close() wiped both secrets and our close_notify is out: nothing may follow it, and the records
                // after this KeyUpdate are under a key that can no longer be derived.
                peerClosed = true;
                throw new SSLException("the peer sent a TLS 1.3 KeyUpdate after close(): the secrets are wiped, so"
                        + " the rest of the stream cannot be read and no KeyUpdate may follow our close_notify");
            }
            try {
                nextRx = TlsKeys.next(rxSecret, hmac);
            } catch (GeneralSecurityException e) {
                throw new SSLException("KeyUpdate: cannot derive the next key", e);
            }
        }
        int rc = -1;
        try {
            rc = kernel.install(LinuxNative.TLS_RX, nextRx);
        } finally {
            nextRx.wipe(rc == 0);
        }
        if (rc < 0) {
            nextRx.wipe(false);
            try {
                close();
            } catch (IOException e) {
                // the exception below says what happened
            }
            peerClosed = true;
            throw new SSLException("the peer sent a TLS 1.3 KeyUpdate, and this kernel cannot rekey kernel TLS"
                    + " (setsockopt TLS_RX: " + Errno.name(-rc) + "; Linux 6.14+ can): close_notify sent, the"
                    + " connection is over");
        }
        synchronized (writeLock) {
            if (closeSent) {
                nextRx.wipe(false); // close() came meanwhile: keep no secret
            } else {
                rxSecret.wipe(false);
                rxSecret = nextRx;
            }
        }
        if (requested) {
            synchronized (writeLock) {
                if (closeSent) {
                    return; // our close_notify is out: no KeyUpdate of ours after it, and the send secret is wiped
                }
                TlsKeys.State nextTx;
                try {
                    nextTx = TlsKeys.next(txSecret, hmac);
                } catch (GeneralSecurityException e) {
                    throw new SSLException("KeyUpdate: cannot derive the next key", e);
                }
                rc = -1;
                try {
                    // One hold of the socket's write side: an application write on another thread cannot go out
                    // between our KeyUpdate and the new key.
                    rc = kernel.sendThenInstall(HANDSHAKE, new byte[] {KEY_UPDATE, 0, 0, 1, 0}, nextTx);
                } finally {
                    nextTx.wipe(rc == 0); // a throwing install leaves rc -1: the new secret is wiped too
                }
                if (rc < 0) {
                    throw new SSLException("KeyUpdate: the kernel took the new receive key but refused the new send"
                            + " key (setsockopt TLS_TX: " + Errno.name(-rc) + "); the connection is broken");
                }
                txSecret.wipe(false);
                txSecret = nextTx;
            }
        }
    }

    private void sendRecord(byte type, byte[] body) throws IOException {
        synchronized (writeLock) {
            kernel.send(type, body);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSent = true;
            try {
                sendRecord(ALERT, new byte[] {1, CLOSE_NOTIFY});
            } finally {
                if (txSecret != null) {
                    txSecret.wipe(false);
                }
                if (rxSecret != null) {
                    rxSecret.wipe(false);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "KernelTls[" + protocol + " " + suite + (receives ? ", send and receive" : ", send only") + "]";
    }

    /** The real calls, on the socket's descriptor leased for each (the JDK's I/O protocol: close and interrupt work). */
    private static final class SocketKernel implements Kernel {
        private final SocketChannel socket;

        SocketKernel(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public long receive(ByteBuffer into, int[] type) throws IOException {
            boolean nonBlocking = !socket.isBlocking();
            try (ChannelCall call = ChannelCall.of(IO, socket, ChannelKind.SOCKET, null, null).open()) {
                while (true) {
                    long n = LinuxNative.tlsReceive(call.inFd(), into, 0, into.capacity(), 0, type);
                    if (n >= 0) {
                        return call.reported(n);
                    }
                    if (n == -EKEYEXPIRED) {
                        throw new SSLException("the kernel holds the receive direction after a KeyUpdate it was not"
                                + " given keys for (recvmsg: EKEYEXPIRED)");
                    }
                    if (n == -EBADMSG) {
                        throw new SSLException("a record from the peer did not decrypt (recvmsg: EBADMSG): the"
                                + " connection is broken");
                    }
                    if (!call.shouldRetry("recvmsg", n, nonBlocking, call.inFd(), LinuxConstants.POLLIN, -1, 0)) {
                        type[0] = -2;
                        return 0;
                    }
                }
            }
        }

        @Override
        public void send(byte type, byte[] body) throws IOException {
            try (ChannelCall call = ChannelCall.of(IO, null, null, socket, ChannelKind.SOCKET).open()) {
                sendOn(call, type, body);
            }
        }

        @Override
        public int sendThenInstall(byte type, byte[] body, TlsKeys.State s) throws IOException {
            try (ChannelCall call = ChannelCall.of(IO, null, null, socket, ChannelKind.SOCKET).open()) {
                sendOn(call, type, body);
                return KernelTls.install(call.outFd(), LinuxNative.TLS_TX, s);
            }
        }

        /** One whole record through {@code call}, which holds the socket's write side. */
        private static void sendOn(ChannelCall call, byte type, byte[] body) throws IOException {
            ByteBuffer b = ByteBuffer.allocateDirect(body.length);
            b.put(body).flip();
            while (true) {
                long n = LinuxNative.tlsSend(call.outFd(), type, b, 0, body.length, 0);
                if (n == body.length) {
                    call.reported(n);
                    return;
                }
                if (n >= 0) {
                    throw new EOFException("sendmsg took " + n + " of a " + body.length + "-byte TLS record");
                }
                call.shouldRetry("sendmsg", n, false, -1, 0, call.outFd(), LinuxConstants.POLLOUT);
            }
        }

        @Override
        public int readNetwork(ByteBuffer into) throws IOException {
            return socket.read(into);
        }

        @Override
        public int install(int direction, TlsKeys.State s) throws IOException {
            // The lock of the direction being changed: no read or write of this socket is under way meanwhile.
            boolean write = direction == LinuxNative.TLS_TX;
            try (ChannelCall call = write ? ChannelCall.of(IO, null, null, socket, ChannelKind.SOCKET).open()
                    : ChannelCall.of(IO, socket, ChannelKind.SOCKET, null, null).open()) {
                return KernelTls.install(write ? call.outFd() : call.inFd(), direction, s);
            }
        }
    }
}

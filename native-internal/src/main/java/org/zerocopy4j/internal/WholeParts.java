package org.zerocopy4j.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bookkeeping of a blocking send run as non-blocking attempts (a virtual thread's send at a file's position): an
 * attempt may leave headers or trailers part-sent, which a blocking call never does, so the call goes on until they
 * are out; the file part shrinks by what each attempt sent, and may come short, as any virtual thread's send towards a
 * full socket does. Shared by Linux and the POSIX providers so the arithmetic exists once.
 */
public final class WholeParts {
    private final List<ByteBuffer> headers;
    private final List<ByteBuffer> trailers;
    private long fileLeft;
    private long total;
    private long headersBefore;
    private long trailersBefore;

    public WholeParts(List<ByteBuffer> headers, List<ByteBuffer> trailers, long count) {
        this.headers = headers;
        this.trailers = trailers;
        this.fileLeft = count;
    }

    /** The file bytes the next attempt is to send; call before each attempt. */
    public long nextCount() {
        headersBefore = ByteBuffers.remaining(headers);
        trailersBefore = ByteBuffers.remaining(trailers);
        return fileLeft;
    }

    /**
     * Records what an attempt returned (not 0: attempts that moved nothing are retried before) and returns the file
     * bytes it sent.
     */
    public long record(long n) {
        total += n;
        long fileSent = n - (headersBefore - ByteBuffers.remaining(headers))
                - (trailersBefore - ByteBuffers.remaining(trailers));
        fileLeft -= fileSent;
        return fileSent;
    }

    /** Whether the headers are out and no trailer is due (begun, or the file part done): the call may return. */
    public boolean done() {
        long trailersAfter = ByteBuffers.remaining(trailers);
        boolean trailersDue = trailersAfter > 0 && (trailersAfter < trailersBefore || fileLeft == 0);
        return ByteBuffers.remaining(headers) == 0 && !trailersDue;
    }

    /** The call's result once an attempt said end of input: -1 if nothing went out before. */
    public long endOfInput() {
        return total == 0 ? -1 : total;
    }

    public long total() {
        return total;
    }
}

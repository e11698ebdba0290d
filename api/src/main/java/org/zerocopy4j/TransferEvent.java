package org.zerocopy4j;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

import org.zerocopy4j.spi.ZeroCopyProvider;

/**
 * One call of the façade ({@code sendfile}, {@code splice}, {@code tee}, {@code copyRange}, and every
 * {@link Relay#transfer}), recorded like the JDK's {@code jdk.FileRead}/{@code jdk.SocketWrite}: only calls that take
 * longer than the {@code threshold} setting (20 ms by default) are written. {@link Events} fills it in; nothing else
 * touches it. The fields are filled in after the call, and only when the event is committed.
 */
@Name("org.zerocopy4j.Transfer")
@Label("zerocopy4j Transfer")
@Category({"zerocopy4j"})
@Description("A zerocopy4j call: which provider served it, between which kinds of channel, and what it moved")
@Threshold("20 ms")
@StackTrace(true)
final class TransferEvent extends jdk.jfr.Event implements Transfers.Served {
    /** Only its {@link #isEnabled()} is used: a check that allocates nothing, made before each call. */
    static final TransferEvent PROBE = new TransferEvent();

    @Label("Operation")
    @Description("sendfile, splice, tee, copyRange or relay")
    String operation;

    @Label("Provider")
    @Description("The provider that served the call (linux, fallback, bsd, ...)")
    String provider;

    @Label("Path")
    @Description("The route the provider took: sendfile, splice-pipe, splice, tee, copy_file_range, reflink,"
            + " buffered-copy, relay-pipe, transferTo, buffer, ... (the operation when the provider named none)")
    String path;

    @Label("Waited")
    @Description("Time the call spent waiting for a socket or pipe to become ready (parked or in poll), outside the"
            + " system calls; a blocking descriptor's wait inside the kernel is not counted")
    @Timespan(Timespan.NANOSECONDS)
    long waited;

    @Label("In")
    @Description("The kind of channel the bytes came from: file, socket, pipe-source, pipe-sink, datagram, or the class")
    String inKind;

    @Label("Out")
    @Description("The kind of channel the bytes went to")
    String outKind;

    @Label("In Offset")
    @Description("The explicit offset in the input file, or -1 for its position (ZeroCopy.POSITION) or none")
    long inOffset;

    @Label("Out Offset")
    @Description("The explicit offset in the output file, or -1 for its position (ZeroCopy.POSITION) or none")
    long outOffset;

    @Label("Requested")
    @Description("The count (or the relay's max) the caller passed")
    @DataAmount
    long requested;

    @Label("Header Bytes")
    @Description("Header bytes the sendfile options carried (0 for other operations)")
    @DataAmount
    long headerBytes;

    @Label("Trailer Bytes")
    @Description("Trailer bytes the sendfile options carried (0 for other operations)")
    @DataAmount
    long trailerBytes;

    @Label("Bytes Moved")
    @Description("The bytes the call moved (headers and trailers included); 0 when it returned 0, -1 or threw")
    @DataAmount
    long bytes;

    /** The provider that took the call, set by the dispatch; transient, so not recorded (its name is). */
    transient ZeroCopyProvider served;

    /** The trace this event belongs to (the provider's path and waits); transient, not recorded. */
    transient Events.Trace trace;

    @Label("Outcome")
    @Description("moved, none (returned 0: a non-blocking end could not move now), end (returned -1), or the class of"
            + " the exception thrown")
    String outcome;

    @Override
    public void servedBy(ZeroCopyProvider provider) {
        served = provider;
    }
}

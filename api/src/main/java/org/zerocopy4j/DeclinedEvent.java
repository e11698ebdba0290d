package org.zerocopy4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A provider accepted a call and then declined it ({@link org.zerocopy4j.spi.DeclinedException}) before anything moved;
 * the façade offered it to the next provider. Written whenever it happens (no threshold): a decline on every call of a
 * hot path is what an operator wants to see.
 */
@Name("org.zerocopy4j.Declined")
@Label("zerocopy4j Declined")
@Category({"zerocopy4j"})
@Description("A provider declined a call it had accepted; the next provider was asked")
@StackTrace(false)
final class DeclinedEvent extends jdk.jfr.Event {
    static final DeclinedEvent PROBE = new DeclinedEvent();

    @Label("Operation")
    String operation;

    @Label("Provider")
    @Description("The provider that declined")
    String provider;

    @Label("Reason")
    @Description("The provider's reason, as in the DeclinedException message")
    String reason;

    @Label("In")
    String inKind;

    @Label("Out")
    String outKind;
}

package org.zerocopy4j.examples;

/** A request the server answers with an error status and then closes the connection, as its framing is in doubt. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    BadRequest(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}

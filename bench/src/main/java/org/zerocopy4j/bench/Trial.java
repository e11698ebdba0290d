package org.zerocopy4j.bench;

/** One complete, self-checking run of a variant: sets up its connections, moves the bytes, verifies, cleans up. */
@FunctionalInterface
public interface Trial {
    Measured run() throws Exception;
}

package org.zerocopy4j.bench;

/**
 * One way of doing a scenario's transfer.
 *
 * @param id           stable name used in JSON, targets and JMH parameters
 * @param label        what the table shows
 * @param kind         who implements it, for the chart's colours and the ratio columns
 * @param trial        the measured run
 * @param syscallProbe a short untimed run whose system calls are counted, or null
 */
public record Variant(String id, String label, Kind kind, Trial trial, SyscallProbe syscallProbe) {

    public enum Kind { JDK, ZEROCOPY, C }

    /** Runs the variant's loop under a system-call counter, apart from the timed rounds. */
    @FunctionalInterface
    public interface SyscallProbe {
        SyscallCount run() throws Exception;
    }

    /** System calls of the sending thread over {@code responses} responses, by name. */
    public record SyscallCount(long responses, java.util.Map<String, Long> calls) {
        public double perResponse() {
            return calls.values().stream().mapToLong(Long::longValue).sum() / (double) responses;
        }
    }

    public Variant(String id, String label, Kind kind, Trial trial) {
        this(id, label, kind, trial, null);
    }
}

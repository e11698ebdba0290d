package org.zerocopy4j.bench;

/**
 * One timed run of one variant.
 *
 * @param bytes    payload bytes moved (header bytes included for responses)
 * @param calls    transfer calls made, or responses sent for per-call scenarios
 * @param wallNs   elapsed time until the receiving side had every byte
 * @param cpuNs    CPU time of the one thread that sent or relayed, the figure that survives a noisy machine
 * @param segments TCP data segments the sending socket sent, or -1 when not counted
 */
public record Measured(long bytes, long calls, long wallNs, long cpuNs, long segments) {

    public Measured withSegments(long dataSegments) {
        return new Measured(bytes, calls, wallNs, cpuNs, dataSegments);
    }

    public double gbPerSecond() {
        return wallNs == 0 ? 0 : bytes / (double) wallNs;
    }

    public double cpuSecondsPerGb() {
        return bytes == 0 ? 0 : (cpuNs / 1e9) / (bytes / 1e9);
    }

    public double wallMicrosPerCall() {
        return calls == 0 ? 0 : wallNs / 1e3 / calls;
    }

    public double cpuMicrosPerCall() {
        return calls == 0 ? 0 : cpuNs / 1e3 / calls;
    }

    public double segmentsPerCall() {
        return segments < 0 || calls == 0 ? -1 : segments / (double) calls;
    }
}

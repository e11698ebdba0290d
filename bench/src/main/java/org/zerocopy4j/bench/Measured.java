package org.zerocopy4j.bench;

/**
 * One timed run of one variant.
 *
 * @param bytes    payload bytes moved (header bytes included for responses)
 * @param calls    transfer calls made, or responses sent for per-call scenarios
 * @param wallNs   elapsed time until the receiving side had every byte
 * @param cpuNs    CPU time of the one thread that sent or relayed, the figure that survives a noisy machine
 * @param segments TCP data segments the sending socket sent, or -1 when not counted
 * @param machineCpuNs non-idle CPU time of the whole machine over the same interval ({@link MachineCpu}), or -1:
 *                 the receiver, the kernel and any helper process included
 * @param clientCpuNs CPU time of a load-generating client process (wrk, iperf3), or -1 where there is none: with
 *                 {@code cpuNs} it is the cost of both ends, without whatever else the machine runs meanwhile
 */
public record Measured(long bytes, long calls, long wallNs, long cpuNs, long segments, long machineCpuNs,
        long clientCpuNs) {

    public Measured(long bytes, long calls, long wallNs, long cpuNs, long segments) {
        this(bytes, calls, wallNs, cpuNs, segments, -1, -1);
    }

    public Measured(long bytes, long calls, long wallNs, long cpuNs, long segments, long machineCpuNs) {
        this(bytes, calls, wallNs, cpuNs, segments, machineCpuNs, -1);
    }

    public Measured withSegments(long dataSegments) {
        return new Measured(bytes, calls, wallNs, cpuNs, dataSegments, machineCpuNs, clientCpuNs);
    }

    public Measured withMachineCpu(long ns) {
        return new Measured(bytes, calls, wallNs, cpuNs, segments, ns, clientCpuNs);
    }

    public double machineCpuSecondsPerGb() {
        return bytes == 0 || machineCpuNs < 0 ? -1 : (machineCpuNs / 1e9) / (bytes / 1e9);
    }

    /** Server and client CPU together per GB, or -1 without a client figure. */
    public double bothEndsCpuSecondsPerGb() {
        return bytes == 0 || clientCpuNs < 0 ? -1 : ((cpuNs + clientCpuNs) / 1e9) / (bytes / 1e9);
    }

    public double bothEndsCpuMicrosPerCall() {
        return calls == 0 || clientCpuNs < 0 ? -1 : (cpuNs + clientCpuNs) / 1e3 / calls;
    }

    public double machineCpuMicrosPerCall() {
        return calls == 0 || machineCpuNs < 0 ? -1 : machineCpuNs / 1e3 / calls;
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

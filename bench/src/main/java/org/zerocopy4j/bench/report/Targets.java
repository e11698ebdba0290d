package org.zerocopy4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.zerocopy4j.bench.Measured;
import org.zerocopy4j.bench.Providers;
import org.zerocopy4j.bench.ScenarioResult;
import org.zerocopy4j.bench.Variant;
import org.zerocopy4j.bench.paths.FileToSocket;
import org.zerocopy4j.bench.paths.SmallResponses;
import org.zerocopy4j.bench.paths.SocketRelay;
import org.zerocopy4j.bench.paths.Upload;

/**
 * The goals for the Linux provider, each a ratio of medians inside this run. Where several sizes ran, the
 * largest bulk size and the 4 KiB small size are the ones judged.
 */
public final class Targets {
    private static final ToDoubleFunction<Measured> CPU_PER_GB = Measured::cpuSecondsPerGb;
    private static final ToDoubleFunction<Measured> CPU_PER_CALL = Measured::cpuMicrosPerCall;
    private static final ToDoubleFunction<Measured> SEGMENTS = Measured::segmentsPerCall;
    private static final ToDoubleFunction<Measured> MACHINE_PER_GB = Measured::machineCpuSecondsPerGb;
    private static final ToDoubleFunction<Measured> MACHINE_PER_CALL = Measured::machineCpuMicrosPerCall;
    /** Each target's name says which CPU figure it judges. */
    static final String THREAD = " [thread CPU]";
    static final String MACHINE = " [machine CPU]";

    private Targets() {
    }

    public static List<Target> evaluate(List<ScenarioResult> results) {
        List<Target> t = new ArrayList<>();
        String jdk = "JDK " + Runtime.version().feature();
        boolean linux = Providers.available(Providers.LINUX);
        String none = Providers.absenceNote(Providers.LINUX);

        ScenarioResult bulk = last(results, "file-socket-");
        t.add(ratio(linux, none, "bulk file->socket: CPU/GB, ZeroCopy.sendfile / C sendfile" + THREAD, bulk,
                "zc-linux", FileToSocket.C_REF, CPU_PER_GB, 1.05, false));
        t.add(ratio(linux, none, "bulk file->socket: CPU/GB, ZeroCopy.sendfile / FileChannel.transferTo" + THREAD,
                bulk, "zc-linux", FileToSocket.JDK_REF, CPU_PER_GB, 1.05, false));
        t.add(ratio(linux, none, "bulk file->socket: CPU/GB, ZeroCopy.sendfile / FileChannel.transferTo" + MACHINE,
                bulk, "zc-linux", FileToSocket.JDK_REF, MACHINE_PER_GB, 1.05, false));

        ScenarioResult small = find(results, "small-4kib");
        t.add(ratio(linux, none, "4 KiB sendfile: CPU per call, ZeroCopy / C" + THREAD, small, "zc-linux",
                SmallResponses.C_REF, CPU_PER_CALL, 1.10, false));
        t.add(ratio(linux, none, "4 KiB sendfile: CPU per call, ZeroCopy / bare JNI sendfile in the same JVM" + THREAD,
                small,
                "zc-linux", SmallResponses.JNI_FLOOR, CPU_PER_CALL, 1.10, false));
        t.add(ratio(linux, none, "4 KiB sendfile: CPU per call, FileChannel.transferTo / ZeroCopy (" + jdk + ")" + THREAD,
                small, SmallResponses.JDK_REF, "zc-linux", CPU_PER_CALL, 1.3, true));

        ScenarioResult relay = last(results, "relay-");
        t.add(ratio(linux, none, "relay: CPU/GB, ZeroCopy relay / C splice 1 MiB pipe" + THREAD, relay, "zc-linux-relay",
                SocketRelay.C_REF, CPU_PER_GB, 1.15, false));
        t.add(ratio(linux, none, "relay: CPU/GB, best JDK loop (direct 1 MiB) / ZeroCopy relay" + THREAD, relay,
                SocketRelay.JDK_REF, "zc-linux-relay", CPU_PER_GB, 1.7, true));
        t.add(ratio(linux, none, "relay: CPU/GB, best JDK loop (direct 1 MiB) / ZeroCopy relay" + MACHINE, relay,
                SocketRelay.JDK_REF, "zc-linux-relay", MACHINE_PER_GB, 1.7, true));

        ScenarioResult upload = last(results, "upload-");
        t.add(ratio(linux, none, "upload: CPU/GB, best JDK loop (direct 1 MiB) / ZeroCopy.splice" + THREAD, upload,
                Upload.JDK_REF, "zc-linux-splice", CPU_PER_GB, 1.0, true));
        t.add(ratio(linux, none, "upload: CPU/GB, best JDK loop (direct 1 MiB) / ZeroCopy.splice" + MACHINE, upload,
                Upload.JDK_REF, "zc-linux-splice", MACHINE_PER_GB, 1.0, true));

        ScenarioResult header = find(results, "header-4kib");
        String zcHeader = "zc-linux-headers";
        String jdkHeader = SmallResponses.JDK_HEADER_REF;
        String sysName = "header + 4 KiB file: syscalls per response, ZeroCopy / write+transferTo";
        if (!linux) {
            t.add(Target.notEvaluated(sysName, "< 1.00x", none));
        } else if (header == null || !header.syscalls().containsKey(zcHeader)
                || !header.syscalls().containsKey(jdkHeader)) {
            t.add(Target.notEvaluated(sysName, "< 1.00x", header == null ? "path 2 (4 KiB) not run"
                    : "syscalls not counted (see the scenario's notes)"));
        } else {
            Variant.SyscallCount z = header.syscalls().get(zcHeader);
            Variant.SyscallCount j = header.syscalls().get(jdkHeader);
            t.add(Target.fewer(sysName, z.perResponse() / j.perResponse()));
        }
        t.add(ratio(linux, none, "header + 4 KiB file: TCP segments per response, ZeroCopy / write+transferTo",
                header, zcHeader, jdkHeader, SEGMENTS, 1.0, false, true));
        t.add(ratio(linux, none, "header + 4 KiB file: responses per CPU second, ZeroCopy / write+transferTo"
                + THREAD, header, jdkHeader, zcHeader, CPU_PER_CALL, 1.2, true));
        t.add(ratio(linux, none, "header + 4 KiB file: responses per CPU second, ZeroCopy / write+transferTo"
                + MACHINE, header, jdkHeader, zcHeader, MACHINE_PER_CALL, 1.2, true));
        return t;
    }

    private static Target ratio(boolean linux, String none, String name, ScenarioResult r, String numerator,
            String denominator, ToDoubleFunction<Measured> metric, double limit, boolean atLeast) {
        return ratio(linux, none, name, r, numerator, denominator, metric, limit, atLeast, false);
    }

    private static Target ratio(boolean linux, String none, String name, ScenarioResult r, String numerator,
            String denominator, ToDoubleFunction<Measured> metric, double limit, boolean atLeast, boolean strict) {
        String goal = strict ? "< 1.00x" : (atLeast ? ">= " : "<= ") + String.format(Locale.ROOT, "%.2fx",
                limit);
        if (!linux) {
            return Target.notEvaluated(name, goal, none);
        }
        if (r == null) {
            return Target.notEvaluated(name, goal, "its path was not run");
        }
        for (String v : new String[] {numerator, denominator}) {
            if (!r.has(v)) {
                String why = r.failures().containsKey(v) ? v + " failed: " + r.failures().get(v) : v + " not measured";
                return Target.notEvaluated(name, goal, why);
            }
        }
        double ratio = r.median(numerator, metric) / r.median(denominator, metric);
        if (strict) {
            return Target.fewer(name, ratio);
        }
        return atLeast ? Target.atLeast(name, ratio, limit) : Target.atMost(name, ratio, limit);
    }

    private static ScenarioResult find(List<ScenarioResult> results, String id) {
        for (ScenarioResult r : results) {
            if (r.scenario().id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The last scenario whose id starts with the prefix: the largest size, as sizes run in the order given. */
    private static ScenarioResult last(List<ScenarioResult> results, String prefix) {
        ScenarioResult found = null;
        for (ScenarioResult r : results) {
            if (r.scenario().id().startsWith(prefix)) {
                found = r;
            }
        }
        return found;
    }
}

package org.zerocopy4j.bench.real;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of a process and all its descendants from {@code /proc/PID/stat}: nginx's worker and socat's forked
 * children count towards the server they belong to. Children that already exited count through their parent's
 * cutime and cstime once it has reaped them.
 */
final class ProcessCpu {
    /** USER_HZ is 100 on every Linux the bench runs on. */
    private static final long NS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** User + system CPU nanoseconds of the tree rooted at {@code pid}; -1 when it is gone. */
    static long treeNs(long pid) {
        Map<Long, long[]> all = snapshot();
        if (!all.containsKey(pid)) {
            return -1;
        }
        long ticks = 0;
        for (long p : tree(all, pid)) {
            long[] s = all.get(p);
            ticks += s[1] + s[2] + s[3] + s[4];
        }
        return ticks * NS_PER_TICK;
    }

    /**
     * CPU of every process outside the tree rooted at {@code root} that is not one of the kernel's threads (kthreadd
     * and its children: softirq work for loopback TCP runs there on behalf of whatever caused it), children they
     * reaped included. Each figure is the scheduler's own total, so the difference of two readings is exact to a tick
     * per process, whatever the machine's accounting; a process that left the tree between them (reparented when its
     * parent died) brings its whole past CPU with it, and one that exited unreaped by anyone still seen takes its CPU
     * away.
     */
    static long outsideTreeNs(long root) {
        Map<Long, long[]> all = snapshot();
        Set<Long> tree = tree(all, root);
        long ticks = 0;
        for (Map.Entry<Long, long[]> e : all.entrySet()) {
            long[] s = e.getValue();
            if (!tree.contains(e.getKey()) && e.getKey() != 2 && s[0] != 2) {
                ticks += s[1] + s[2] + s[3] + s[4];
            }
        }
        return ticks * NS_PER_TICK;
    }

    /**
     * CPU of this JVM's children that have exited and been reaped (cutime + cstime of /proc/self): after a client
     * run that waited for its process, the client's whole CPU.
     */
    static long reapedChildrenNs() {
        try {
            String stat = Files.readAllLines(Path.of("/proc/self/stat")).get(0);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * NS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code root} and its descendants in {@code all}. */
    private static Set<Long> tree(Map<Long, long[]> all, long root) {
        Set<Long> tree = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long p = todo.pop();
            if (tree.add(p)) {
                for (Map.Entry<Long, long[]> e : all.entrySet()) {
                    if (e.getValue()[0] == p) {
                        todo.push(e.getKey());
                    }
                }
            }
        }
        return tree;
    }

    /** pid -> {ppid, utime, stime, cutime, cstime} for every process readable now. */
    private static Map<Long, long[]> snapshot() {
        Map<Long, long[]> m = new HashMap<>();
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            ds.forEach(dirs::add);
        } catch (IOException e) {
            return m;
        }
        for (Path d : dirs) {
            try {
                String stat = Files.readAllLines(d.resolve("stat")).get(0);
                // The command name may hold spaces and parentheses: fields start after the last ')'.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                m.put(Long.parseLong(d.getFileName().toString()), new long[] {Long.parseLong(f[1]),
                    Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])});
            } catch (IOException | RuntimeException e) {
                // exited while we looked
            }
        }
        return m;
    }
}

package org.zerocopy4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of TCP segments sent, from /proc/net/snmp. It covers the whole network namespace, so other
 * traffic adds noise; on loopback during a bench run that noise is small next to thousands of responses.
 */
final class TcpCounters {
    private static final Path SNMP = Path.of("/proc/net/snmp");

    private TcpCounters() {
    }

    /** OutSegs, or -1 where the file is missing (not Linux) or unreadable. */
    static long outSegments() {
        try {
            List<String> lines = Files.readAllLines(SNMP);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Tcp:") && lines.get(i + 1).startsWith("Tcp:")) {
                    String[] names = lines.get(i).trim().split("\\s+");
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("OutSegs")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

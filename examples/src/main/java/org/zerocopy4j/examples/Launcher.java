package org.zerocopy4j.examples;

import java.util.Arrays;

/** {@code java -jar zerocopy4j-examples.jar server|proxy ...}: picks the example by its first argument. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "server" -> FileServer.main(rest);
            case "proxy" -> TcpProxy.main(rest);
            default -> {
                System.err.println("usage: java -jar zerocopy4j-examples.jar server|proxy [options]\n  "
                        + FileServer.USAGE + "\n  " + TcpProxy.USAGE);
                System.exit(2);
            }
        }
    }
}

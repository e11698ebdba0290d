package org.zerocopy4j.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the paths share for one run: options, input files, the loopback listener and the C ceiling. */
public final class BenchContext implements Closeable {
    private final Options options;
    private final Fixture fixture;
    private final Loopback loopback;
    private final Ceiling ceiling;
    private final String jniFloorProblem;
    private final Deque<Closeable> cleanups = new ArrayDeque<>();

    public BenchContext(Options options) throws IOException {
        this.options = options;
        this.fixture = new Fixture(options.work());
        this.loopback = new Loopback();
        this.ceiling = options.paths().contains(6) ? Ceiling.extract(fixture.dir()) : null;
        this.jniFloorProblem = options.paths().contains(6) ? JniFloor.load(fixture.dir())
                : "bare JNI sendfile rows off (path 6 not selected)";
    }

    public Options options() {
        return options;
    }

    public Fixture fixture() {
        return fixture;
    }

    public Loopback loopback() {
        return loopback;
    }

    /** The C program, or null when path 6 was not asked for or this build carries no binary. */
    public Ceiling ceiling() {
        return ceiling;
    }

    /** Why C rows are missing, or null when they are there. */
    public String ceilingNote() {
        if (ceiling != null) {
            return null;
        }
        return options.paths().contains(6) ? "C ceiling not built into this jar (gcc missing at build time?)"
                : "C ceiling rows off (path 6 not selected)";
    }

    /** Why the bare JNI sendfile ({@link JniFloor}) cannot be measured, or null when it can. */
    public String jniFloorProblem() {
        return jniFloorProblem;
    }

    /** Something to undo when the run ends (a mount), undone last-registered first. */
    public void onClose(Closeable c) {
        cleanups.push(c);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        loopback.close();
        fixture.close();
        if (first != null) {
            throw first;
        }
    }
}

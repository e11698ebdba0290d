package org.zerocopy4j.bench;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The {@code --jfr} recording: started in the bench's own JVM before the paths run and closed after them, so that the
 * ZeroCopy rows pay for zerocopy4j's JFR events as an application being recorded would. Nothing is written to a file.
 * {@code compare} records nothing globally; the 4 KiB path adds the Linux row three more times, each run under its
 * own recording ({@link #around}) with the JDK's default settings: {@code jdk-only} (zerocopy4j's Transfer event
 * disabled), {@code default} (its 20 ms threshold) and {@code all} (threshold 0), so that their ratios inside one run
 * are the cost of the event alone, apart from what recording the JDK's own events costs.
 */
public final class JfrRecording implements AutoCloseable {
    private final Recording recording;

    private JfrRecording(Recording recording) {
        this.recording = recording;
    }

    /** {@code trial} run under a recording in {@code mode}, started before it and closed after it. */
    public static Trial around(String mode, Trial trial) {
        return () -> {
            try (JfrRecording r = start(mode)) {
                return trial.run();
            }
        };
    }

    static JfrRecording start(String mode) throws IOException {
        if (mode.equals("off") || mode.equals("compare")) {
            return new JfrRecording(null);
        }
        Recording r;
        try {
            r = new Recording(Configuration.getConfiguration("default"));
        } catch (ParseException e) {
            throw new IOException("the JDK's default JFR configuration: " + e.getMessage(), e);
        }
        if (mode.equals("all")) {
            r.enable("org.zerocopy4j.Transfer").withThreshold(Duration.ZERO).withoutStackTrace();
        } else if (mode.equals("jdk-only")) {
            r.disable("org.zerocopy4j.Transfer");
        }
        r.setName("zerocopy4j-bench --jfr " + mode);
        r.setMaxAge(Duration.ofMinutes(1));
        r.start();
        return new JfrRecording(r);
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close();
        }
    }
}

package org.zerocopy4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debug logging through slf4j that stays silent when slf4j-api is missing, so that {@code java -jar zerocopy4j-api.jar}
 * (the first thing to run when something is off) works with nothing else on the class path.
 */
final class DebugLog {
    private static final Object LOGGER = create();

    private DebugLog() {
    }

    private static Object create() {
        try {
            return LoggerFactory.getLogger("org.zerocopy4j");
        } catch (LinkageError noSlf4j) {
            return null;
        }
    }

    static void debug(String format, Object... args) {
        if (LOGGER != null) {
            ((Logger) LOGGER).debug(format, args);
        }
    }
}

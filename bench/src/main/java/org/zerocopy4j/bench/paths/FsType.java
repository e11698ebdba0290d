package org.zerocopy4j.bench.paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The filesystem type a directory lives on ("ext4", "overlay"...), since copy results depend on it. */
final class FsType {
    private FsType() {
    }

    static String of(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package org.zerocopy4j.bench.paths;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An xfs filesystem in a sparse image file, loop-mounted, so copy_file_range can reflink. Needs root and mkfs.xfs;
 * {@link #unavailableReason()} says what is missing instead of failing the run.
 */
final class XfsImage implements Closeable {
    private final Path image;
    private final Path mountPoint;

    private XfsImage(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    Path dir() {
        return mountPoint;
    }

    static String unavailableReason() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return "not running as root (uid " + uid + "): cannot loop-mount an image";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot tell the user id: " + e.getMessage();
        }
        if (onPath("mkfs.xfs") == null) {
            return "xfsprogs not installed (no mkfs.xfs)";
        }
        return null;
    }

    private static Path onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/sbin:/usr/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }

    /** Makes and mounts an image of {@code bytes} under {@code parent}; unmounted and deleted by close. */
    static XfsImage mount(Path parent, long bytes) throws IOException {
        Path image = parent.resolve("xfs.img");
        Path mountPoint = Files.createDirectories(parent.resolve("xfs"));
        // Sparse: only what xfs and the copies write takes disk space.
        try (FileChannel f = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[1]), bytes - 1);
        }
        try {
            run(List.of(onPath("mkfs.xfs").toString(), "-q", "-f", "-m", "reflink=1", image.toString()));
            run(List.of("mount", "-o", "loop", image.toString(), mountPoint.toString()));
        } catch (IOException e) {
            Files.deleteIfExists(image);
            throw e;
        }
        return new XfsImage(image, mountPoint);
    }

    private static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd + " did not finish within 120 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run(List.of("umount", mountPoint.toString()));
        } finally {
            Files.deleteIfExists(image);
        }
    }
}

package org.zerocopy4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Finds a provider's JNI library and makes it ready for {@code System.load}, which stays in the provider (so the
 * native-access grant is the provider's, not the API's). The steps every native provider needs are here:
 * <ol>
 * <li>{@code -Dzerocopy4j.native.disable=true} turns native providers off;</li>
 * <li>{@code -Dzerocopy4j.native.path=DIR} loads {@code DIR/<library file>} as it is;</li>
 * <li>otherwise the resource {@code META-INF/native/<os>-<arch>/<library file>} is copied into
 * {@code zerocopy4j.native.workdir} (default {@code java.io.tmpdir}) under a new unique name readable only by its
 * owner, and its SHA-256 is checked against the {@code .sha256} resource written when the library was built.</li>
 * </ol>
 * Each call extracts a fresh copy, so two class loaders (which the JVM does not let share one loaded file) and
 * concurrent first uses never collide; the provider deletes the copy once it is loaded.
 */
public final class NativeLibraries {
    public static final String PATH_PROPERTY = "zerocopy4j.native.path";
    public static final String WORKDIR_PROPERTY = "zerocopy4j.native.workdir";
    public static final String DISABLE_PROPERTY = "zerocopy4j.native.disable";

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private NativeLibraries() {
    }

    /** A library file ready to load; closing it deletes it if it is an extracted copy. */
    public static final class Prepared implements AutoCloseable {
        private final Path path;
        private final boolean extracted;

        Prepared(Path path, boolean extracted) {
            this.path = path;
            this.extracted = extracted;
        }

        /** The absolute path to pass to {@code System.load}. */
        public Path path() {
            return path;
        }

        /** True for a copy made in the work directory, false for the user's {@value #PATH_PROPERTY} file. */
        public boolean extracted() {
            return extracted;
        }

        @Override
        public void close() throws IOException {
            if (extracted) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Whether {@value #DISABLE_PROPERTY} is {@code true}. */
    public static boolean disabled() {
        return Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "false").trim());
    }

    /** The architecture part of the resource directory: {@code x86_64}, {@code aarch_64}, or os.arch as it is. */
    public static String architecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
            case "x86-64":
                return "x86_64";
            case "aarch64":
            case "arm64":
                return "aarch_64";
            default:
                return arch;
        }
    }

    /** {@code META-INF/native/<os>-<arch>/<fileName>}. */
    public static String resourceName(String os, String fileName) {
        return "META-INF/native/" + os + "-" + architecture() + "/" + fileName;
    }

    /**
     * The library to load for {@code anchor}'s class loader: the {@value #PATH_PROPERTY} file if that property is set,
     * else a verified extracted copy.
     *
     * @throws IOException with a message naming the resource, the property or the directory that is wrong
     */
    public static Prepared prepare(Class<?> anchor, String os, String fileName) throws IOException {
        return prepare(anchor.getClassLoader(), os, fileName);
    }

    /** {@link #prepare(Class, String, String)} with the resources of {@code loader} (null: the system loader). */
    public static Prepared prepare(ClassLoader loader, String os, String fileName) throws IOException {
        String override = System.getProperty(PATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path file = Paths.get(override.trim(), fileName).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IOException("-D" + PATH_PROPERTY + "=" + override + " has no " + fileName);
            }
            return new Prepared(file, false);
        }
        String resource = resourceName(os, fileName);
        byte[] library = readResource(loader, resource);
        if (library == null) {
            throw new IOException("no " + resource + " on the class path: this jar has no native library for "
                    + os + "-" + architecture());
        }
        byte[] digestFile = readResource(loader, resource + ".sha256");
        if (digestFile == null) {
            throw new IOException("no " + resource + ".sha256 next to the native library: the jar is incomplete");
        }
        String expected = new String(digestFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        String actual = sha256(library);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(resource + " has SHA-256 " + actual + " but the build recorded " + expected
                    + ": the jar was modified or corrupted");
        }
        Path copy = writeToWorkdir(library, fileName);
        String written = sha256(Files.readAllBytes(copy));
        if (!written.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(copy);
            throw new IOException("the extracted copy " + copy + " does not match its SHA-256");
        }
        return new Prepared(copy, true);
    }

    /** A fresh owner-only copy of {@code library} in the work directory, for a second class loader. */
    public static Prepared copyToWorkdir(Path library) throws IOException {
        return new Prepared(writeToWorkdir(Files.readAllBytes(library), library.getFileName().toString()), true);
    }

    /**
     * The exception to report when {@code System.load} of a prepared library failed: it says when the work directory
     * is mounted {@code noexec} and which property to set.
     */
    public static IOException explainLoadFailure(Prepared library, Throwable failure) {
        Path dir = library.path().getParent();
        String message = "could not load " + library.path() + ": " + failure.getMessage();
        if (library.extracted()) {
            message += isMountedNoexec(dir)
                    ? ". " + dir + " is on a filesystem mounted noexec: set -D" + WORKDIR_PROPERTY
                            + "=<a directory where libraries may be loaded from>, or -D" + PATH_PROPERTY
                            + "=<a directory holding the library>"
                    : ". If " + dir + " does not allow loading libraries, set -D" + WORKDIR_PROPERTY + " or -D"
                            + PATH_PROPERTY;
        }
        return new IOException(message, failure);
    }

    /** Whether the mount holding {@code dir} has the noexec option (Linux /proc/self/mounts; false elsewhere). */
    public static boolean isMountedNoexec(Path dir) {
        return isMountedNoexec(dir, Paths.get("/proc/self/mounts"));
    }

    /** {@link #isMountedNoexec(Path)} against a mount table in /proc/self/mounts format. */
    public static boolean isMountedNoexec(Path dir, Path mounts) {
        if (!Files.isReadable(mounts)) {
            return false;
        }
        try {
            Path real = dir.toRealPath();
            String best = "";
            boolean noexec = false;
            List<String> lines = Files.readAllLines(mounts, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields.length < 4) {
                    continue;
                }
                String mountPoint = fields[1].replace("\\040", " ");
                if (real.startsWith(FileSystems.getDefault().getPath(mountPoint))
                        && mountPoint.length() >= best.length()) {
                    best = mountPoint;
                    noexec = List.of(fields[3].split(",")).contains("noexec");
                }
            }
            return noexec;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path writeToWorkdir(byte[] library, String fileName) throws IOException {
        Path dir = Paths.get(System.getProperty(WORKDIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        int dot = fileName.lastIndexOf('.');
        String prefix = (dot > 0 ? fileName.substring(0, dot) : fileName) + "-";
        String suffix = dot > 0 ? fileName.substring(dot) : "";
        Path copy;
        try {
            copy = Files.createTempFile(dir, prefix, suffix, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            copy = Files.createTempFile(dir, prefix, suffix);
        }
        try (OutputStream out = Files.newOutputStream(copy)) {
            out.write(library);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    private static byte[] readResource(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(name)
                : loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

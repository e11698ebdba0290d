package org.zerocopy4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
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
 * <li>otherwise the resource {@code META-INF/native/<os>-<arch>/<library file>} is copied into a new directory that
 * this process creates with mode 0700 inside {@code zerocopy4j.native.workdir} (default {@code java.io.tmpdir}), and
 * the copy's SHA-256 is checked against the {@code .sha256} resource written when the library was built.</li>
 * </ol>
 * Why a private directory: the check is worth something only if nobody can change the file between the check and
 * {@code System.load}. Nobody but this user can add, replace or rename entries in a 0700 directory this process made,
 * and nobody can move that directory itself if its parent is owned by this user or root and, when others may write
 * to it, sticky (as /tmp is). A work directory that fails this is refused with the reason. The path property and the
 * providers' test-library properties name files loaded as they are: they are trusted input, like the class path.
 *
 * <p>Each call extracts a fresh copy, so two class loaders (which the JVM does not let share one loaded file) and
 * concurrent first uses never collide; the copy and its directory are deleted once the library is loaded.
 */
public final class NativeLibraries {
    public static final String PATH_PROPERTY = "zerocopy4j.native.path";
    public static final String WORKDIR_PROPERTY = "zerocopy4j.native.workdir";
    public static final String DISABLE_PROPERTY = "zerocopy4j.native.disable";

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private NativeLibraries() {
    }

    /** A library file ready to load; closing it deletes it and its private directory if it is an extracted copy. */
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
                Files.deleteIfExists(path.getParent());
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
        Prepared copy = new Prepared(writeToWorkdir(library, fileName), true);
        String written;
        try {
            written = sha256(Files.readAllBytes(copy.path()));
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
        if (!written.equalsIgnoreCase(expected)) {
            copy.close();
            throw new IOException("the extracted copy " + copy.path() + " does not match its SHA-256");
        }
        return copy;
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

    /** The library written into a new directory only this process's user can change, inside the work directory. */
    private static Path writeToWorkdir(byte[] library, String fileName) throws IOException {
        Path given = Paths.get(System.getProperty(WORKDIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(given);
        // Resolved once: a symbolic link in the path as given belongs to whoever made it, who could repoint it between
        // the check and the load, so no later step (create, write, hash, System.load) goes back through it.
        Path workdir = given.toRealPath();
        Path dir;
        try {
            dir = Files.createTempDirectory(workdir, "zerocopy4j-", OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            dir = Files.createTempDirectory(workdir, "zerocopy4j-"); // Windows: ACLs, not modes; no provider there
        }
        try {
            checkPrivate(given, workdir, dir);
            Path copy = dir.resolve(fileName);
            try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(library);
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Refuses a work directory in which another user could swap the library between its check and its load: one of
     * it and its parents, symbolic links resolved, belongs to another user (root excepted) or lets others write to it
     * without the sticky bit (then they could rename what it holds, our directory included, and put their own in its
     * place). {@code dir}, just created in it, tells this process's user id.
     */
    static void checkPrivate(Path given, Path workdir, Path dir) throws IOException {
        int me;
        try {
            me = (Integer) Files.getAttribute(dir, "unix:uid");
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return;
        }
        String property = " (-D" + WORKDIR_PROPERTY + "=" + given + ")";
        for (Path p = workdir; p != null; p = p.getParent()) {
            // Not following links: a component that became a link since the path was resolved is another user's.
            int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            String which = p.equals(workdir) ? "it" : "its parent " + p;
            if (owner != me && owner != 0) {
                throw new IOException("refusing to extract the native library into " + workdir + property + ": "
                        + which + " belongs to user id " + owner + ", not to this process's user (" + me
                        + ") or root, so that user could replace the library before it is loaded");
            }
            if ((mode & 0022) != 0 && (mode & 01000) == 0) {
                throw new IOException("refusing to extract the native library into " + workdir + property + ": "
                        + "other users may write to " + which + " (mode " + Integer.toOctalString(mode & 07777)
                        + ") and it is not sticky, so they could move the library's directory and put their own in"
                        + " its place; use a directory only you can write, or a sticky one such as /tmp");
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // Best effort after a failure whose exception is the one that matters.
        }
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

package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zerocopy4j.internal.NativeLibraries;
import org.zerocopy4j.spi.ZeroCopyProvider;

class NativeLibraryTest {
    @TempDir
    Path dir;

    private static URL locationOf(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    /**
     * A loader that sees only the API, the internal module and this provider, as a second application would. Its parent is the boot
     * loader: the platform loader would hand out the test's own copy of named modules on the module path.
     */
    private static URLClassLoader isolatedLoader() {
        return new URLClassLoader(new URL[] {locationOf(LinuxProvider.class), locationOf(ZeroCopyProvider.class),
            locationOf(NativeLibraries.class)}, null);
    }

    private static String trace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static Object newProvider(ClassLoader loader) throws Exception {
        Class<?> type = Class.forName(LinuxProvider.class.getName(), true, loader);
        assertTrue(type != LinuxProvider.class, "the isolated loader must define its own provider class");
        return type.getConstructor().newInstance();
    }

    private static boolean available(Object provider) throws Exception {
        return (Boolean) provider.getClass().getMethod("isAvailable").invoke(provider);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Throwable> cause(Object provider) throws Exception {
        return (Optional<Throwable>) provider.getClass().getMethod("unavailabilityCause").invoke(provider);
    }

    /** Copies through the provider of another class loader, proving its library copy is loaded and registered. */
    private void copyWith(Object provider) throws Exception {
        Path src = Fixtures.patternFile(dir, "src-" + System.nanoTime(), 10_000);
        Path dst = dir.resolve("dst-" + System.nanoTime());
        try (FileChannel in = Fixtures.read(src); FileChannel out = Fixtures.write(dst)) {
            Object n = provider.getClass()
                    .getMethod("copyRange", FileChannel.class, long.class, FileChannel.class, long.class, long.class)
                    .invoke(provider, in, 0L, out, 0L, 10_000L);
            assertEquals(10_000L, n);
        }
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(src), Files.readAllBytes(dst)));
    }

    private static Path extract(String arch, Path to) throws IOException {
        String name = "META-INF/native/linux-" + arch + "/" + LinuxNative.LIBRARY_FILE;
        try (InputStream in = LinuxNative.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            Files.createDirectories(to);
            Path file = to.resolve(LinuxNative.LIBRARY_FILE);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void theLibraryNeedsNoGlibcNewerThan217AndExportsOnlyJniOnLoad() throws Exception {
        int checked = 0;
        for (String arch : new String[] {"x86_64", "aarch_64"}) {
            Path lib = extract(arch, dir.resolve(arch));
            if (lib == null) {
                assertFalse("true".equals(System.getenv("CI")), "CI builds must package linux-" + arch);
                continue;
            }
            Process p = new ProcessBuilder("readelf", "--dynamic", "--dyn-syms", "--version-info", "-W", lib.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            Matcher m = Pattern.compile("GLIBC_2\\.(\\d+)").matcher(out);
            while (m.find()) {
                assertTrue(Integer.parseInt(m.group(1)) <= 17, arch + " needs " + m.group() + ":\n" + out);
            }
            assertFalse(out.contains("(NEEDED)"), arch + " links to a shared library:\n" + out);
            assertTrue(out.contains("JNI_OnLoad"), out);
            assertFalse(out.contains("Java_"), "natives are registered, not exported:\n" + out);
            checked++;
        }
        assertTrue(checked >= 1);
    }

    @Test
    void concurrentFirstUseFromManyClassLoadersWorks() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, work.toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            List<Future<Object>> providers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                URLClassLoader loader = isolatedLoader();
                loaders.add(loader);
                providers.add(pool.submit((Callable<Object>) () -> newProvider(loader)));
            }
            for (Future<Object> f : providers) {
                Object provider = f.get();
                Optional<Throwable> why = cause(provider);
                assertTrue(available(provider), () -> "unavailable: " + why.map(NativeLibraryTest::trace).orElse(""));
                copyWith(provider);
            }
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
            pool.shutdownNow();
            for (URLClassLoader l : loaders) {
                l.close();
            }
        }
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.collect(java.util.stream.Collectors.toList()),
                    "extracted copies and their directories are deleted after loading");
        }
    }

    @Test
    void theDisableSwitchTurnsTheProviderOff() throws Exception {
        System.setProperty(NativeLibraries.DISABLE_PROPERTY, "true");
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            assertTrue(cause(provider).orElseThrow().getMessage().contains(NativeLibraries.DISABLE_PROPERTY));
        } finally {
            System.clearProperty(NativeLibraries.DISABLE_PROPERTY);
        }
    }

    @Test
    void thePathOverrideLoadsTheGivenFileAlsoFromTwoClassLoaders() throws Exception {
        Path lib = extract("x86_64".equals(NativeLibraries.architecture()) ? "x86_64" : "aarch_64", dir.resolve("lib"));
        assumeTrue(lib != null);
        System.setProperty(NativeLibraries.PATH_PROPERTY, lib.getParent().toString());
        try (URLClassLoader first = isolatedLoader(); URLClassLoader second = isolatedLoader()) {
            Object a = newProvider(first);
            Object b = newProvider(second);
            Optional<Throwable> why = cause(a);
            assertTrue(available(a), () -> "first: " + why.map(NativeLibraryTest::trace).orElse(""));
            assertTrue(available(b), "the second loader gets its own copy of the same file");
            copyWith(a);
            copyWith(b);
        } finally {
            System.clearProperty(NativeLibraries.PATH_PROPERTY);
        }
        System.setProperty(NativeLibraries.PATH_PROPERTY, dir.resolve("nowhere").toString());
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            assertTrue(cause(provider).orElseThrow().getMessage().contains(NativeLibraries.PATH_PROPERTY));
        } finally {
            System.clearProperty(NativeLibraries.PATH_PROPERTY);
        }
    }

    @Test
    void aLibraryWhoseDigestDoesNotMatchIsRefused() throws Exception {
        Path root = dir.resolve("fake-jar");
        Path native_ = root.resolve("META-INF/native/linux-" + NativeLibraries.architecture());
        Files.createDirectories(native_);
        Files.write(native_.resolve(LinuxNative.LIBRARY_FILE), new byte[] {0x7f, 'E', 'L', 'F'});
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            IOException missing = assertThrows(IOException.class,
                    () -> NativeLibraries.prepare(loader, "linux", LinuxNative.LIBRARY_FILE));
            assertTrue(missing.getMessage().contains(".sha256"), missing.getMessage());
            Files.writeString(native_.resolve(LinuxNative.LIBRARY_FILE + ".sha256"), "00".repeat(32) + "  x\n");
            IOException wrong = assertThrows(IOException.class,
                    () -> NativeLibraries.prepare(loader, "linux", LinuxNative.LIBRARY_FILE));
            assertTrue(wrong.getMessage().contains("SHA-256"), wrong.getMessage());
        }
    }

    @Test
    void extractedCopiesLiveInANewDirectoryOnlyTheirOwnerCanChange() throws Exception {
        Path source = Files.write(dir.resolve("some.so"), new byte[] {1, 2, 3});
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, dir.resolve("work").toString());
        Path copyDir;
        try (NativeLibraries.Prepared copy = NativeLibraries.copyToWorkdir(source)) {
            copyDir = copy.path().getParent();
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(copyDir)));
            assertEquals(dir.resolve("work"), copyDir.getParent());
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
        }
        assertFalse(Files.exists(copyDir), "the private directory goes with the copy");
    }

    /**
     * A work directory given through a symbolic link: whoever owns the link could repoint it between the check and the
     * load, so the copy is made, hashed and loaded through the directory the link named when it was checked.
     */
    @Test
    void aWorkdirGivenAsALinkIsUsedThroughWhatItNamedWhenChecked() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Path source = Files.write(dir.resolve("some.so"), new byte[] {1, 2, 3});
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, link.toString());
        try (NativeLibraries.Prepared copy = NativeLibraries.copyToWorkdir(source)) {
            assertEquals(real.toRealPath(), copy.path().getParent().getParent(),
                    "the library's path must not go through the link: " + copy.path());
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
        }
    }

    @Test
    void aWorkdirOthersCanWriteWithoutTheStickyBitIsRefusedSayingWhy() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, shared.toString());
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            String message = cause(provider).orElseThrow().getMessage();
            assertTrue(message.contains("other users may write to it") && message.contains(shared.toString()), message);
            try (var left = Files.list(shared)) {
                assertEquals(0, left.count(), "nothing is left behind in a refused directory");
            }
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
        }
    }

    /** A private directory below one others may write is no safer: they can rename it away with its contents. */
    @Test
    void aWorkdirBelowADirectoryOthersCanWriteIsRefusedSayingWhich() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path mine = Files.createDirectories(shared.resolve("mine"));
        Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, mine.resolve("native").toString());
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            String message = cause(provider).orElseThrow().getMessage();
            assertTrue(message.contains("its parent " + shared.toRealPath()), message);
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
        }
    }

    /** Needs root, to give the directory to another user; skipped elsewhere. */
    @Test
    void aWorkdirOwnedByAnotherUserIsRefusedSayingWhy() throws Exception {
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        boolean given;
        try {
            given = new ProcessBuilder("chown", "65534", theirs.toString()).redirectErrorStream(true).start()
                    .waitFor() == 0;
        } catch (IOException e) {
            given = false;
        }
        assumeTrue(given, "cannot chown here");
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, theirs.toString());
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            String message = cause(provider).orElseThrow().getMessage();
            assertTrue(message.contains("belongs to user id 65534"), message);
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
        }
    }

    @Test
    void aNoexecMountIsRecognisedFromTheMountTable() throws Exception {
        Path table = Files.writeString(dir.resolve("mounts"),
                "/dev/vda / ext4 rw,relatime 0 0\n"
                        + "tmpfs " + dir.resolve("x") + " tmpfs rw,nosuid,noexec,relatime 0 0\n");
        Files.createDirectories(dir.resolve("x/y"));
        assertTrue(NativeLibraries.isMountedNoexec(dir.resolve("x/y"), table));
        assertFalse(NativeLibraries.isMountedNoexec(dir, table));
    }

    /** Needs permission to mount a tmpfs (root in a container that allows it); skipped elsewhere. */
    @Test
    void aNoexecWorkdirGivesAMessageNamingTheProperty() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("noexec"));
        boolean mounted;
        try {
            mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=8m", "tmpfs", mnt.toString())
                    .redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            mounted = false;
        }
        assumeTrue(mounted, "cannot mount a noexec tmpfs here");
        System.setProperty(NativeLibraries.WORKDIR_PROPERTY, mnt.toString());
        try (URLClassLoader loader = isolatedLoader()) {
            Object provider = newProvider(loader);
            assertFalse(available(provider));
            String message = cause(provider).orElseThrow().getMessage();
            assertTrue(message.contains("noexec") && message.contains(NativeLibraries.WORKDIR_PROPERTY), message);
        } finally {
            System.clearProperty(NativeLibraries.WORKDIR_PROPERTY);
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }
}

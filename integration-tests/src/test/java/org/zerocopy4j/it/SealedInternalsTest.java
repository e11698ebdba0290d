package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.ZeroCopy;

/**
 * The JVM's fully trusted lookup, which zerocopy4j's native code reads to reach the JDK's channel internals, must not
 * reach any code in the application: with it, any library could open java.base, rewrite Strings or take Unsafe. And
 * the internal package is for the providers only.
 *
 * <p>What holds where. On the class path every class is in one unnamed module, so a qualified export protects
 * nothing, and code that calls {@code setAccessible} on zerocopy4j's classes (always allowed there) can read any of
 * their private fields, the resolved JDK members included: no Java-level protection reaches such code, which in any
 * case has {@code sun.misc.Unsafe} (jdk.unsupported) and can read or crash anything. What holds on the class path
 * without {@code setAccessible}: no public member of the internal package performs a step of the JDK's protocol,
 * hands out a lock, a method handle or a descriptor ({@link
 * #noPublicStaticMemberOfTheInternalPackagePerformsAProtocolStepOrHandsOutALockAHandleOrADescriptor}); the steps
 * are instance methods of a capability only native code of a provider's own library creates. What holds even with
 * {@code setAccessible}: nothing takes a raw thread id without checking it ({@link
 * #aBogusThreadGivenToTheWakeupSignalIsRefusedAndTheJvmLives}). On the module path the internal package is not opened
 * to anyone, so no other module can use {@code setAccessible} on it ({@link
 * #theJdkMembersLiveInOneStaticFieldWhichOnlyTheClassPathCanReflectOn}).
 */
class SealedInternalsTest {
    private static final Set<String> PROVIDER_MODULES = Set.of("org.zerocopy4j.linux", "org.zerocopy4j.bsd",
            "org.zerocopy4j.macos", "org.zerocopy4j.solaris", "org.zerocopy4j.aix", "org.zerocopy4j.fallback");
    private static final String INTERNAL = "org.zerocopy4j.internal";
    /** The capability whose instance methods are the JDK's protocol steps; no public member makes one. */
    private static final String CAPABILITY = INTERNAL + ".JdkChannelIo";

    /**
     * The public static members of the internal package callable without the capability, each harmless: a pure
     * query, a check that throws the JDK's exception, library loading (which only the caller's own System.load call
     * performs), buffers and vectors of the caller's own bytes, or errno names. A new entry needs a reason here.
     */
    private static final Set<String> PUBLIC_STATICS = Set.of(
            // Slicing and consuming the caller's own buffers.
            "ByteBuffers.consume(List,long)", "ByteBuffers.remaining(List)",
            // Which of the JDK's channel classes a channel is; whether a file channel was opened to read or write.
            "ChannelKinds.describe(Channel)", "ChannelKinds.isBlocking(Channel)",
            "JdkChannelIo.kindOf(Channel)",
            // The kinds themselves (an enum's constants, values() and valueOf): names, handing out nothing.
            "ChannelKind.FILE() field", "ChannelKind.SOCKET() field", "ChannelKind.PIPE_SOURCE() field",
            "ChannelKind.PIPE_SINK() field", "ChannelKind.UNKNOWN() field", "ChannelKind.values()",
            "ChannelKind.valueOf(String)",
            "JdkChannelIo.isReadable(Channel)", "JdkChannelIo.isWritable(Channel)",
            "JdkChannels.closedMidCall()", "JdkChannels.ensureConnected(SocketChannel)",
            "JdkChannels.ensureOpen(Channel,Channel)", "JdkChannels.ensureReadable(FileChannel)",
            "JdkChannels.ensureWritable(FileChannel)", "JdkChannels.new()",
            // A pool of the caller's own direct buffers (64 KiB, or a bounded number of a size it names), and vectors
            // of the caller's bytes in it.
            "DirectBufferPool.new()", "DirectBufferPool.new(int,int)", "IoVectors.empty()", "IoVectors.of(DirectBufferPool,List)", "WholeParts.new(List,List,long)",
            // Finding, checking and extracting a library file; the load itself is the caller's own call.
            "NativeLibraries.architecture()", "NativeLibraries.copyToWorkdir(Path)", "NativeLibraries.disabled()",
            "NativeLibraries.explainLoadFailure(Prepared,Throwable)", "NativeLibraries.isMountedNoexec(Path)",
            "NativeLibraries.isMountedNoexec(Path,Path)", "NativeLibraries.prepare(Class,String,String)",
            "NativeLibraries.prepare(ClassLoader,String,String)", "NativeLibraries.resourceName(String,String)",
            "ProviderLibrary.load(Class,String,String,String,Loader)", "ProviderLibrary.testLibrary(String)",
            // A POSIX provider's library: it holds the capability its caller's own channelIo() makes, no other.
            "PosixLibrary.new(Class,String,String,String,Loader,IoSource)",
            // The check a wait between two channels makes (a close, an interrupt): it acts on the caller's channels.
            "PositionLocks.closingOn(Channel,Channel)",
            // Errno names and texts from the table the loaded library handed over.
            "Errno.name(int)", "Errno.number(String)", "Errno.description(int)",
            "Errno.exception(String,long)", "Errno.exception(String,long,String)",
            "Errno.afterDelivering(NativeIOException,long,long)",
            // Thread.isVirtual through the public API; ending a registration only the capability hands out.
            "Watchdog.isVirtual(Thread)", "Watchdog.unregister(Registration)");

    /** Every class of every zerocopy4j jar (or class directory) on this test's class path. */
    private static List<Class<?>> zerocopy4jClasses() throws IOException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            boolean ourJar = name.startsWith("zerocopy4j-") && name.endsWith(".jar")
                    && !name.startsWith("zerocopy4j-integration-tests");
            boolean classes = isModuleDir(p) && !entry.contains("integration-tests");
            if (!ourJar && !classes) {
                continue; // the suite's own classes (in a reactor or in the matrix payload) and third-party jars
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/'))
                            .filter(SealedInternalsTest::isZerocopy4jClass).forEach(n -> names.add(className(n)));
                }
            } else if (entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    jar.stream().map(e -> e.getName()).filter(SealedInternalsTest::isZerocopy4jClass)
                            .forEach(n -> names.add(className(n)));
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            classes.add(Class.forName(n, false, SealedInternalsTest.class.getClassLoader()));
        }
        return classes;
    }

    private static boolean isModuleDir(Path p) {
        return p.endsWith(Paths.get("target", "classes")) && Files.exists(p.resolve("module-info.class"));
    }

    private static boolean isZerocopy4jClass(String path) {
        return path.startsWith("org/zerocopy4j/") && path.endsWith(".class") && !path.startsWith("org/zerocopy4j/it/")
                && !path.startsWith("org/zerocopy4j/bench/") && !path.startsWith("org/zerocopy4j/testkit/");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    /** Whether this lookup can read a private field of java.base (String.value): the power that must not leak. */
    private static boolean opensJavaBase(Object candidate) {
        if (!(candidate instanceof MethodHandles.Lookup)) {
            return false;
        }
        try {
            ((MethodHandles.Lookup) candidate).findGetter(String.class, "value", byte[].class);
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void noStaticFieldOrMethodOfAnyZerocopy4jClassYieldsALookupIntoJavaBase() throws Throwable {
        ZeroCopy.providers(); // every provider loads its native library, as in an application that used one
        List<Class<?>> classes = zerocopy4jClasses();
        assertTrue(classes.size() > 50, "found too few classes to mean anything: " + classes.size());
        List<String> leaks = new ArrayList<>();
        int probed = 0;
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType().isAssignableFrom(MethodHandles.Lookup.class)
                        && f.trySetAccessible()) {
                    probed++;
                    if (opensJavaBase(f.get(null))) {
                        leaks.add("field " + f);
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                        && m.getReturnType().isAssignableFrom(MethodHandles.Lookup.class) && m.trySetAccessible()) {
                    probed++;
                    Object result;
                    try {
                        result = m.invoke(null);
                    } catch (ReflectiveOperationException | LinkageError e) {
                        continue; // a native of a library that is not loaded here, or a method that refused
                    }
                    if (opensJavaBase(result)) {
                        leaks.add("method " + m);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "members that hand out the JVM's trusted lookup (" + probed + " probed)");
    }

    @Test
    void noCallableMethodTakesALookupOrASupplier() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : zerocopy4jClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPrivate(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                for (Class<?> t : m.getParameterTypes()) {
                    if (t == MethodHandles.Lookup.class || t == Supplier.class) {
                        offenders.add(m.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "a lookup, or a supplier of one, must never be accepted from callers");
    }

    @Test
    void theApiExportsTheFacadeAndTheContractAndTheInternalPackageOnlyItsProviders() {
        ModuleFinder finder = ModuleFinder.of(Stream.of(ClassPathAndModulePathTest.libraryPath()
                .split(File.pathSeparator)).map(Paths::get).toArray(Path[]::new));
        ModuleDescriptor api = finder.find("org.zerocopy4j").orElseThrow().descriptor();
        assertEquals(Set.of("org.zerocopy4j", "org.zerocopy4j.spi"),
                api.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
        ModuleDescriptor internal = finder.find("org.zerocopy4j.internal").orElseThrow().descriptor();
        assertEquals(1, internal.exports().size(), internal.exports().toString());
        ModuleDescriptor.Exports export = internal.exports().iterator().next();
        assertTrue(export.isQualified(), "the internal package must be exported to the providers only");
        assertEquals(PROVIDER_MODULES, export.targets());

        Configuration config = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("org.zerocopy4j.internal", "org.zerocopy4j.fallback"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        Module internalModule = layer.findModule("org.zerocopy4j.internal").orElseThrow();
        Module apiModule = layer.findModule("org.zerocopy4j").orElseThrow();
        Module fallback = layer.findModule("org.zerocopy4j.fallback").orElseThrow();
        assertTrue(internalModule.isExported("org.zerocopy4j.internal", fallback));
        assertFalse(internalModule.isExported("org.zerocopy4j.internal", apiModule));
        assertFalse(internalModule.isExported("org.zerocopy4j.internal"), "exported to every module");
    }

    /** Whether code in another package can name {@code c}: it and every class enclosing it are public. */
    private static boolean publiclyReachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String signature(Class<?> owner, String name, Class<?>[] parameters) {
        String nested = owner.getName().substring(INTERNAL.length() + 1);
        String shortOwner = nested.substring(nested.lastIndexOf('$') + 1);
        return shortOwner + "." + name + "(" + Stream.of(parameters).map(Class::getSimpleName)
                .collect(Collectors.joining(",")) + ")";
    }

    private static boolean takesTheCapability(Class<?>[] parameters) {
        return Stream.of(parameters).anyMatch(t -> t.getName().equals(CAPABILITY));
    }

    /**
     * Issue 19 item 5: with JdkChannelIo's protocol steps public and static, any class-path code could take a slot in
     * a file channel's thread set that nothing returns (close() then never returns), or hold a file channel's
     * position lock (position() then blocks for ever). Every public static member of the internal package, and
     * every public constructor, is listed here; the protocol steps must be reachable only through the capability.
     */
    @Test
    void noPublicStaticMemberOfTheInternalPackagePerformsAProtocolStepOrHandsOutALockAHandleOrADescriptor()
            throws Exception {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : zerocopy4jClasses()) {
            if (!c.getPackageName().equals(INTERNAL) || !publiclyReachable(c)) {
                continue;
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers()) && !takesTheCapability(k.getParameterTypes())) {
                    found.add(signature(c, "new", k.getParameterTypes()));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()
                        && !takesTheCapability(m.getParameterTypes())) {
                    found.add(signature(c, m.getName(), m.getParameterTypes()));
                }
            }
            for (Field f : c.getDeclaredFields()) {
                boolean constant = Modifier.isFinal(f.getModifiers())
                        && (f.getType().isPrimitive() || f.getType() == String.class);
                if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && !constant) {
                    found.add(signature(c, f.getName(), new Class<?>[0]) + " field");
                }
            }
        }
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(PUBLIC_STATICS);
        assertEquals(Set.of(), unexpected, "public static members of " + INTERNAL + " callable without the capability");
    }

    /**
     * The decision on the JDK members (issue 19 item 5): they stay in one static final field, where the JIT folds
     * each handle into the call as a constant (in an instance field of the capability they would not fold, and code
     * that can call setAccessible could read them there as well). On the class path, setAccessible on zerocopy4j's
     * own classes is always allowed, and such code is out of reach of any Java-level protection (it has Unsafe too);
     * the one handle that could do harm with a bogus argument, the wakeup signal, checks its argument itself
     * ({@link #aBogusThreadGivenToTheWakeupSignalIsRefusedAndTheJvmLives}). On the module path the internal module
     * opens nothing, so code in any other module cannot make the field accessible.
     */
    @Test
    void theJdkMembersLiveInOneStaticFieldWhichOnlyTheClassPathCanReflectOn() throws Exception {
        ZeroCopy.providers();
        Set<String> holders = new TreeSet<>();
        for (Class<?> c : zerocopy4jClasses()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                boolean handles = t == MethodHandle.class || (t.isRecord() && Stream.of(t.getRecordComponents())
                        .map(RecordComponent::getType).anyMatch(MethodHandle.class::equals));
                if (handles) {
                    holders.add(c.getName() + "." + f.getName());
                }
            }
        }
        // Handles.M: the JDK's private channel members; Watchdog.IS_VIRTUAL: Thread.isVirtual, public API.
        assertEquals(Set.of(INTERNAL + ".JdkChannelIo$Handles.M", INTERNAL + ".Watchdog.IS_VIRTUAL"), holders);

        ModuleFinder finder = ModuleFinder.of(Stream.of(ClassPathAndModulePathTest.libraryPath()
                .split(File.pathSeparator)).map(Paths::get).toArray(Path[]::new));
        ModuleDescriptor internal = finder.find(INTERNAL).orElseThrow().descriptor();
        assertFalse(internal.isOpen(), "the internal module must not be open");
        assertEquals(Set.of(), internal.opens(), "the internal module must open no package");
        Configuration config = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of(INTERNAL));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        Class<?> handles = layer.findLoader(INTERNAL).loadClass(INTERNAL + ".JdkChannelIo$Handles");
        Field m = handles.getDeclaredField("M");
        assertFalse(m.trySetAccessible(), "code outside the internal module made its members accessible");
    }

    /**
     * Issue 19 item 5: {@code JdkChannelIo.signal(16)} passed a bogus thread to pthread_kill and the JVM died with
     * SIGSEGV (exit 139). A fresh JVM tries every way to the wakeup signal that class-path code with setAccessible
     * has (the method, and the handle in the resolved members) with that bogus value; each must refuse it, and the
     * JVM must live.
     */
    @Test
    void aBogusThreadGivenToTheWakeupSignalIsRefusedAndTheJvmLives() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        // The provider choice and the shim libraries of this run (the OS shim executions), so a library loads.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("zerocopy4j."))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WakeupProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the probe JVM died (139: SIGSEGV):\n" + output);
        assertTrue(output.contains("tried 2 ways"), output);
    }

    /** An application module that takes a provider's name, free on Linux, to receive the qualified export. */
    private static final String IMPOSTOR_MODULE = "module org.zerocopy4j.aix {\n"
            + "    requires org.zerocopy4j.internal;\n"
            + "    exports org.zerocopy4j.aix;\n"
            + "}\n";
    private static final String IMPOSTOR_CLASS = String.join("\n",
            "package org.zerocopy4j.aix;",
            "import java.lang.reflect.*;",
            "import java.nio.channels.FileChannel;",
            "import java.util.*;",
            "public final class Impostor {",
            "    /** What this module got: a position lock, a capability, or a protocol step; empty for nothing. */",
            "    public static List<String> attempt(FileChannel file) throws Exception {",
            "        List<String> got = new ArrayList<>();",
            "        Class<?> io = Class.forName(\"org.zerocopy4j.internal.JdkChannelIo\");",
            "        for (Method m : io.getMethods()) {",
            "            if (Modifier.isStatic(m.getModifiers()) && m.getName().equals(\"positionLock\")",
            "                    && m.getParameterCount() == 1 && m.invoke(null, file) != null) {",
            "                got.add(\"the position lock from \" + m);",
            "            }",
            "        }",
            "        for (Constructor<?> k : io.getDeclaredConstructors()) {",
            "            try {",
            "                k.setAccessible(true);",
            "                got.add(\"an accessible constructor \" + k);",
            "            } catch (RuntimeException refused) {",
            "            }",
            "        }",
            "        for (String name : List.of(\"ByteBuffers\", \"ChannelCall\", \"ChannelCall$Ends\", \"ChannelKinds\",",
            "                \"DirectBufferPool\", \"IoVectors\", \"JdkChannelIo\", \"JdkChannels\", \"NativeLibraries\",",
            "                \"PositionLocks\", \"PosixNative\", \"PosixProvider\", \"ProviderLibrary\", \"Watchdog\",",
            "                \"WholeParts\")) {",
            "            for (Method m : Class.forName(\"org.zerocopy4j.internal.\" + name).getMethods()) {",
            "                if (m.getReturnType() == io) {",
            "                    got.add(\"a method that returns the capability: \" + m);",
            "                }",
            "            }",
            "        }",
            "        return got;",
            "    }",
            "}",
            "");

    /**
     * Issue 19 item 5: on the module path an application module named {@code org.zerocopy4j.aix} receives the
     * internal package's qualified export. With the Linux provider's library loaded in the same layer (the protocol
     * resolved), such a module must get no position lock, no capability and no protocol step from it; only loading a
     * provider's library for a class of its own would give it one (README, "Not finished").
     */
    @Test
    void aModuleNamedAfterAProviderGetsNoProtocolStepFromTheExport(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        List<Path> library = new ArrayList<>();
        for (String entry : ClassPathAndModulePathTest.libraryPath().split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            Set<String> names = ModuleFinder.of(p).findAll().stream().map(r -> r.descriptor().name())
                    .collect(Collectors.toSet());
            if (names.contains("org.zerocopy4j") || names.contains(INTERNAL) || names.contains("org.slf4j")
                    || names.contains("org.zerocopy4j.linux")) {
                library.add(p);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ModuleFinder.of(library.toArray(Path[]::new))
                .find("org.zerocopy4j.linux").isPresent(), "the Linux provider is on this run's path");
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("org/zerocopy4j/aix"));
        Files.writeString(src.resolve("module-info.java"), IMPOSTOR_MODULE);
        Files.writeString(src.resolve("org/zerocopy4j/aix/Impostor.java"), IMPOSTOR_CLASS);
        Path out = dir.resolve("out");
        String modulePath = library.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        javax.tools.JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        org.junit.jupiter.api.Assumptions.assumeTrue(compiler != null, "this runtime has no compiler");
        // For the running JVM, not --release: the matrix's JRE images have no ct.sym for older releases.
        int javac = compiler.run(null, null, null,
                "--module-path", modulePath, "-d", out.toString(), src.resolve("module-info.java").toString(),
                src.resolve("org/zerocopy4j/aix/Impostor.java").toString());
        assertEquals(0, javac, "the impostor module did not compile");

        List<Path> roots = new ArrayList<>(library);
        roots.add(out);
        ModuleFinder finder = ModuleFinder.of(roots.toArray(Path[]::new));
        Configuration config = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("org.zerocopy4j.aix", "org.zerocopy4j.linux"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
        Module impostor = layer.findModule("org.zerocopy4j.aix").orElseThrow();
        assertTrue(layer.findModule(INTERNAL).orElseThrow().isExported(INTERNAL, impostor),
                "the premise: a module named after a provider receives the export");
        ClassLoader loader = layer.findLoader("org.zerocopy4j.aix");
        Class<?> spi = loader.loadClass("org.zerocopy4j.spi.ZeroCopyProvider");
        boolean linuxLoaded = false;
        for (Object provider : java.util.ServiceLoader.load(layer, spi)) {
            if (spi.getMethod("name").invoke(provider).equals("linux")) {
                linuxLoaded = (boolean) spi.getMethod("isAvailable").invoke(provider);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(linuxLoaded, "the Linux provider's library loads here");
        Path file = dir.resolve("file");
        Files.write(file, new byte[16]);
        try (java.nio.channels.FileChannel fc = java.nio.channels.FileChannel.open(file)) {
            Object got = loader.loadClass("org.zerocopy4j.aix.Impostor")
                    .getMethod("attempt", java.nio.channels.FileChannel.class).invoke(null, fc);
            assertEquals(List.of(), got, "what a module named org.zerocopy4j.aix took from the internal package");
        }
    }

    /** Run in a fresh JVM by {@link #aBogusThreadGivenToTheWakeupSignalIsRefusedAndTheJvmLives}. */
    static final class WakeupProbe {
        public static void main(String[] args) throws Exception {
            ZeroCopy.providers(); // the libraries load and resolve the JDK's members
            Class<?> io = Class.forName(CAPABILITY);
            List<Object> receivers = new ArrayList<>();
            for (String provider : List.of("linux.LinuxNative", "bsd.BsdNative", "macos.MacosNative",
                    "solaris.SolarisNative", "aix.AixNative")) {
                try {
                    Class<?> c = Class.forName("org.zerocopy4j." + provider);
                    List<Class<?>> holders = new ArrayList<>(List.of(c.getDeclaredClasses()));
                    holders.add(c);
                    for (Class<?> holder : holders) {
                        for (Field f : holder.getDeclaredFields()) {
                            if (Modifier.isStatic(f.getModifiers()) && f.getType() == io && f.trySetAccessible()
                                    && f.get(null) != null) {
                                receivers.add(f.get(null));
                            }
                        }
                    }
                } catch (ClassNotFoundException | LinkageError absent) {
                    // not on this class path, or its library does not load here
                }
            }
            int ways = 0;
            for (Method m : io.getDeclaredMethods()) {
                if (m.getName().equals("signal") && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == long.class && m.trySetAccessible()) {
                    ways++;
                    Object receiver = Modifier.isStatic(m.getModifiers()) ? null
                            : receivers.stream().findFirst().orElseThrow();
                    try {
                        m.invoke(receiver, 16L);
                        System.out.println("signal(16): returned");
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        System.out.println("signal(16): " + e.getCause());
                    }
                }
            }
            for (Class<?> nested : io.getDeclaredClasses()) {
                for (Field f : nested.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) || !f.getType().isRecord() || !f.trySetAccessible()
                            || f.get(null) == null) {
                        continue;
                    }
                    Object members = f.get(null);
                    for (RecordComponent rc : members.getClass().getRecordComponents()) {
                        Method accessor = rc.getAccessor();
                        if (rc.getType() == MethodHandle.class && rc.getName().contains("Signal")
                                && accessor.trySetAccessible()) {
                            ways++;
                            MethodHandle signal = (MethodHandle) accessor.invoke(members);
                            try {
                                signal.invokeWithArguments(16L);
                                System.out.println(rc.getName() + "(16): returned");
                            } catch (Throwable t) {
                                System.out.println(rc.getName() + "(16): " + t);
                            }
                        }
                    }
                }
            }
            System.out.println("tried " + ways + " ways");
        }
    }
}

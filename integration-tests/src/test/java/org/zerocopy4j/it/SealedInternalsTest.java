package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 */
class SealedInternalsTest {
    private static final Set<String> PROVIDER_MODULES = Set.of("org.zerocopy4j.linux", "org.zerocopy4j.bsd",
            "org.zerocopy4j.macos", "org.zerocopy4j.solaris", "org.zerocopy4j.aix", "org.zerocopy4j.fallback");

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
                && !path.startsWith("org/zerocopy4j/bench/");
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
}

package org.zerocopy4j.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The dependency and native-code rules of the house, checked on the compiled api and provider classes. */
class ArchitectureTest {
    private static final Set<String> API_PACKAGES = Set.of("org.zerocopy4j", "org.zerocopy4j.spi");
    private static final String INTERNAL = "org.zerocopy4j.internal";
    private static JavaClasses production;
    private static Set<String> providerPackages;

    @BeforeAll
    static void importClasses() {
        // test-kit is test code in a main source set: the tests' fixtures, not a provider.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/org/zerocopy4j/testkit/"))
                .importPackages("org.zerocopy4j");
        providerPackages = production.stream().map(JavaClass::getPackageName)
                .filter(p -> !API_PACKAGES.contains(p) && !p.equals(INTERNAL) && !p.startsWith("org.zerocopy4j.it")
                        && !p.startsWith("org.zerocopy4j.bench"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theClassPathHoldsTheApiAndTheProvidersThisTestGuards() {
        assertTrue(production.containPackage("org.zerocopy4j.spi"));
        assertTrue(production.containPackage(INTERNAL));
        assertTrue(providerPackages.contains("org.zerocopy4j.fallback"), providerPackages.toString());
    }

    @Test
    void apiDependsOnNothingButTheJdkAndSlf4j() {
        // jdk.jfr: the JFR events (in every JDK 17+, no dependency to resolve). javax.net.ssl: the SSLEngine that
        // ZeroCopy.offloadTls takes (java.base).
        classes().that().resideInAnyPackage("org.zerocopy4j", "org.zerocopy4j.spi")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.jfr..", "org.slf4j..",
                        "javax.net.ssl..", "org.zerocopy4j", "org.zerocopy4j.spi")
                .check(production);
    }

    @Test
    void theSpiIsTheContractAlone() {
        Set<String> spi = production.stream().filter(c -> c.getPackageName().equals("org.zerocopy4j.spi"))
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        // CallTrace: what a provider tells the façade's JFR event (its path, its waits), issue 22.
        assertEquals(Set.of("ZeroCopyProvider", "DeclinedException", "CallTrace"), spi);
    }

    @Test
    void theInternalModuleDependsOnlyOnTheApi() {
        classes().that().resideInAPackage(INTERNAL)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "org.zerocopy4j",
                        "org.zerocopy4j.spi", INTERNAL)
                .check(production);
    }

    @Test
    void providersDependOnlyOnTheApiAndTheInternalModuleAndNeverOnEachOther() {
        for (String provider : providerPackages) {
            // jdk.jfr: a provider's own periodic event (the Linux pipe pool). javax.net.ssl, javax.crypto: the TLS
            // offload's engine and key schedule (java.base).
            classes().that().resideInAPackage(provider + "..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.jfr..", "org.slf4j..",
                            "javax.net.ssl..", "javax.crypto..", "org.zerocopy4j", "org.zerocopy4j.spi", INTERNAL,
                            provider + "..")
                    .check(production);
        }
    }

    @Test
    void noProviderCallsTheFacade() {
        for (String provider : providerPackages) {
            noClasses().that().resideInAPackage(provider + "..")
                    .should().dependOnClassesThat().belongToAnyOf(org.zerocopy4j.ZeroCopy.class,
                            org.zerocopy4j.Transfers.class)
                    .check(production);
        }
    }

    @Test
    void eachProviderHasAtMostOneClassWithNativeMethodsAndOnlyItLoadsLibraries() {
        Map<String, Set<String>> nativeClassesByPackage = new TreeMap<>();
        for (JavaClass c : production) {
            boolean hasNative = c.getMethods().stream()
                    .map(JavaMethod::reflect)
                    .anyMatch(m -> Modifier.isNative(m.getModifiers()));
            if (hasNative) {
                nativeClassesByPackage.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>()).add(c.getName());
            }
        }
        // The internal module's natives: the JDK member resolver and the errno table (every library registers
        // them) and the POSIX calls the non-Linux cores share (native-common registers them).
        assertEquals(Set.of(INTERNAL + ".JdkResolver", INTERNAL + ".Errno$Table", INTERNAL + ".PosixNative"),
                nativeClassesByPackage.remove(INTERNAL));
        for (Map.Entry<String, Set<String>> e : nativeClassesByPackage.entrySet()) {
            assertTrue(providerPackages.contains(e.getKey()), "native methods outside a provider: " + e);
            assertEquals(1, e.getValue().size(), "one native-access class per provider: " + e);
        }
        Set<String> nativeAccess = nativeClassesByPackage.values().stream().flatMap(Set::stream)
                .collect(Collectors.toSet());
        for (JavaClass c : production) {
            List<String> loads = c.getMethodCallsFromSelf().stream()
                    .filter(ArchitectureTest::loadsALibrary)
                    .map(JavaMethodCall::getDescription)
                    .collect(Collectors.toList());
            if (!loads.isEmpty()) {
                assertTrue(nativeAccess.contains(c.getName()), c.getName() + " loads a native library: " + loads);
            }
        }
    }

    private static boolean loadsALibrary(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return (owner.equals(System.class.getName()) || owner.equals(Runtime.class.getName()))
                && (name.equals("load") || name.equals("loadLibrary"));
    }

    @Test
    void nothingDependsOnAProviderButItself() {
        for (String provider : providerPackages) {
            noClasses().that().resideOutsideOfPackage(provider + "..")
                    .and().resideOutsideOfPackage("org.zerocopy4j.bench..")
                    .should().dependOnClassesThat().resideInAPackage(provider + "..")
                    .check(production);
        }
    }
}

package org.zerocopy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a user gets from Maven Central: every published module declares exactly the modules its classes use (so the
 * module path works and no needless module is pulled in), and the published artifacts need nothing at run time but
 * each other and slf4j-api. Published means every module of the root POM but the ones that skip deployment (bench,
 * integration-tests), the same rule the build uses for sources and javadoc jars.
 */
class PublishedModulesTest {

    private static final String GROUP = "org.zerocopy4j";

    /** A module of the root POM, with the POM that defines it. */
    private static final class Published {
        final String directory;
        final String artifactId;
        final String packaging;
        final Document pom;

        Published(String directory, Document pom) {
            this.directory = directory;
            this.pom = pom;
            this.artifactId = child(pom.getDocumentElement(), "artifactId");
            String p = child(pom.getDocumentElement(), "packaging");
            this.packaging = p == null ? "jar" : p;
        }

        @Override
        public String toString() {
            return artifactId;
        }
    }

    private static Path root() {
        // Surefire runs the tests in integration-tests/; the root POM is one level up.
        Path here = Paths.get(System.getProperty("basedir", "")).toAbsolutePath();
        return here.getParent();
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of a direct child element, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static Element first(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    static List<Published> publishedModules() throws Exception {
        Document rootPom = parse(root().resolve("pom.xml"));
        List<Published> out = new ArrayList<>();
        for (Element m : children(first(rootPom.getDocumentElement(), "modules"), "module")) {
            String dir = m.getTextContent().trim();
            Document pom = parse(root().resolve(dir).resolve("pom.xml"));
            Element props = first(pom.getDocumentElement(), "properties");
            boolean skipped = props != null && "true".equals(child(props, "maven.deploy.skip"));
            if (!skipped) {
                out.add(new Published(dir, pom));
            }
        }
        // The rule must not quietly select nothing, nor the unpublished modules.
        Set<String> names = out.stream().map(p -> p.artifactId).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("zerocopy4j-api", "zerocopy4j-native-internal",
                "zerocopy4j-provider-fallback", "zerocopy4j-provider-linux")), names.toString());
        assertFalse(names.contains("zerocopy4j-bench") || names.contains("zerocopy4j-integration-tests"),
                names.toString());
        return out;
    }

    /** This test's class path entry for a published module: its jar, or its target/classes in a reactor build. */
    private static Path classPathEntry(Published module) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(e).toAbsolutePath();
            String file = p.getFileName().toString();
            boolean jar = file.startsWith(module.artifactId + "-") && file.endsWith(".jar")
                    && !file.endsWith("-tests.jar");
            boolean classes = p.endsWith(Paths.get(module.directory, "target", "classes"));
            if (jar || classes) {
                return p;
            }
        }
        return fail(module.artifactId + " is not on the test class path; integration-tests must depend on it");
    }

    private static ModuleDescriptor descriptor(Path entry) {
        Set<ModuleReference> found = ModuleFinder.of(entry).findAll();
        assertEquals(1, found.size(), "one module in " + entry);
        ModuleDescriptor d = found.iterator().next().descriptor();
        assertFalse(d.isAutomatic(), entry + " has no module-info");
        return d;
    }

    /** The modules jdeps says the classes of {@code entry} use, java.base left out. */
    private static Set<String> usedModules(Path entry, List<Path> modulePath) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String mp = modulePath.stream().filter(p -> !p.equals(entry)).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        // slf4j-api is a multi-release jar; 17 is the release the project compiles for.
        String[] args = {"--multi-release", "17", "--module-path", mp, "-s", entry.toString()};
        int rc = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, rc, "jdeps " + String.join(" ", args) + "\n" + out + err);
        Set<String> used = new TreeSet<>();
        for (String line : out.toString().split("\\R")) {
            // "org.zerocopy4j.linux -> org.zerocopy4j.internal"
            String[] parts = line.split("->");
            if (parts.length == 2) {
                used.add(parts[1].trim());
            }
        }
        assertFalse(used.isEmpty(), "jdeps printed no dependence: " + out + err);
        used.remove("java.base");
        return used;
    }

    @Test
    void everyModuleRequiresExactlyWhatJdepsSeesItUse() throws Exception {
        Map<String, ModuleDescriptor> descriptors = new LinkedHashMap<>();
        Map<String, Path> entries = new LinkedHashMap<>();
        for (Published m : publishedModules()) {
            if (m.packaging.equals("jar")) {
                Path entry = classPathEntry(m);
                ModuleDescriptor d = descriptor(entry);
                descriptors.put(d.name(), d);
                entries.put(d.name(), entry);
            }
        }
        List<Path> modulePath = new ArrayList<>(entries.values());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> Paths.get(e).getFileName().toString().startsWith("slf4j-api-"))
                .map(Paths::get)
                .forEach(modulePath::add);

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> e : entries.entrySet()) {
            ModuleDescriptor d = descriptors.get(e.getKey());
            Set<String> declared = d.requires().stream()
                    .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED))
                    .map(ModuleDescriptor.Requires::name)
                    .filter(n -> !n.equals("java.base"))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> used = usedModules(e.getValue(), modulePath);

            // A requires nothing uses drags a module into every application for no reason.
            Set<String> needless = new TreeSet<>(declared);
            needless.removeAll(used);
            // A used module must be required, directly or through a "requires transitive" of one that is (the
            // providers read the api through native-internal's).
            Set<String> readable = readable(declared, descriptors);
            Set<String> undeclared = new TreeSet<>(used);
            undeclared.removeAll(readable);
            if (!needless.isEmpty() || !undeclared.isEmpty()) {
                problems.add(d.name() + ": requires " + declared + ", jdeps sees " + used
                        + (needless.isEmpty() ? "" : "; required but unused: " + needless)
                        + (undeclared.isEmpty() ? "" : "; used but not required: " + undeclared));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(entries.size() >= 8, "checked only " + entries.keySet());
    }

    /** The modules readable through {@code declared}: themselves and their requires transitive, recursively. */
    private static Set<String> readable(Set<String> declared, Map<String, ModuleDescriptor> known) {
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(declared);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!out.add(name)) {
                continue;
            }
            ModuleDescriptor d = known.get(name);
            if (d == null) {
                // Outside the project (slf4j, the JDK): only its own name is taken as readable.
                continue;
            }
            for (ModuleDescriptor.Requires r : d.requires()) {
                if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)) {
                    todo.push(r.name());
                }
            }
        }
        return out;
    }

    @Test
    void publishedArtifactsNeedOnlyEachOtherAndSlf4jApiAtRunTime() throws Exception {
        Set<String> outside = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Published m : publishedModules()) {
            for (Element dep : runtimeDependencies(m)) {
                String ga = child(dep, "groupId") + ":" + child(dep, "artifactId");
                if (GROUP.equals(child(dep, "groupId"))) {
                    continue;
                }
                outside.add(ga);
                if (!ga.equals("org.slf4j:slf4j-api")) {
                    problems.add(m.artifactId + " -> " + ga + " (scope "
                            + (child(dep, "scope") == null ? "compile" : child(dep, "scope")) + ")");
                }
            }
        }
        assertEquals(List.of(), problems, "runtime dependencies besides the project's own and slf4j-api");
        assertEquals(Set.of("org.slf4j:slf4j-api"), outside);
    }

    /**
     * The dependencies a user's build resolves from a module's POM: compile and runtime scope, not optional, from
     * the POM, its profiles and every parent POM of the project up the chain.
     */
    private static List<Element> runtimeDependencies(Published module) throws Exception {
        List<Element> out = new ArrayList<>();
        Path pomFile = root().resolve(module.directory).resolve("pom.xml");
        Document pom = module.pom;
        while (true) {
            Element project = pom.getDocumentElement();
            List<Element> blocks = new ArrayList<>();
            blocks.add(first(project, "dependencies"));
            for (Element profile : children(first(project, "profiles"), "profile")) {
                blocks.add(first(profile, "dependencies"));
            }
            for (Element block : blocks) {
                for (Element dep : children(block, "dependency")) {
                    String scope = child(dep, "scope");
                    boolean runtime = scope == null || scope.equals("compile") || scope.equals("runtime")
                            || scope.equals("system");
                    if (runtime && !"true".equals(child(dep, "optional"))) {
                        out.add(dep);
                    }
                }
            }
            Element parent = first(project, "parent");
            if (parent == null || !GROUP.equals(child(parent, "groupId"))) {
                return out;
            }
            String relative = child(parent, "relativePath");
            Path next = pomFile.getParent().resolve(relative == null ? "../pom.xml" : relative).normalize();
            if (Files.isDirectory(next)) {
                next = next.resolve("pom.xml");
            }
            assertTrue(Files.isRegularFile(next), module + ": parent POM not found at " + next);
            pomFile = next;
            pom = parse(next);
        }
    }
}

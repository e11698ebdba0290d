package org.zerocopy4j.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zerocopy4j.testkit.CrossFacts;

/**
 * The sizes, offsets and constants the cross build's FreeBSD and DragonFly declarations (src/main/c/cross/) give,
 * compiled for each target into target/cross-build/&lt;target&gt;/facts.o, agree with Go's golang.org/x/sys/unix and
 * Rust's libc crate, both generated from the real systems' headers (Debian's golang-golang-x-sys-dev and
 * librust-libc-dev, which .ci/run installs). Without them, or without zig, skipped unless CI=true.
 */
class BsdCrossFactsTest {
    /** Facts no source states: none for these systems. */
    private static final Set<String> UNCHECKED = Set.of();

    static Map<String, Long> facts(BsdElfLibraryTest.Build build) {
        Path object = Path.of("target/cross-build/" + build.directory + "/facts.o");
        boolean present = Files.isRegularFile(object) && Files.isDirectory(CrossFacts.GO_UNIX)
                && Files.isDirectory(CrossFacts.CARGO_REGISTRY);
        if (!present) {
            boolean required = "true".equals(System.getenv("CI"))
                    && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            assumeTrue(required, () -> "no " + object + " (no zig) or no Go x/sys / Rust libc sources");
        }
        return CrossFacts.read(object);
    }

    static Path[] rustFiles(BsdElfLibraryTest.Build build) {
        Path unix = CrossFacts.rustLibcUnix();
        Path like = unix.resolve("bsd/freebsdlike");
        if (build.os.equals("dragonfly")) {
            return new Path[] {unix.resolve("mod.rs"), unix.resolve("bsd/mod.rs"), like.resolve("mod.rs"),
                    like.resolve("dragonfly/mod.rs")};
        }
        String arch = build.machine == org.zerocopy4j.testkit.Elf.EM_AARCH64 ? "aarch64" : "x86_64";
        return new Path[] {unix.resolve("mod.rs"), unix.resolve("bsd/mod.rs"), like.resolve("mod.rs"),
                like.resolve("freebsd/mod.rs"), arch.equals("aarch64") ? like.resolve("freebsd/aarch64.rs") : like.resolve("freebsd/x86_64/mod.rs"),
                like.resolve("freebsd/freebsd13/mod.rs")};
    }

    static String goOsArch(BsdElfLibraryTest.Build build) {
        return build.os + (build.machine == org.zerocopy4j.testkit.Elf.EM_AARCH64 ? "_arm64" : "_amd64");
    }

    @ParameterizedTest
    @EnumSource(BsdElfLibraryTest.Build.class)
    void theDeclarationsAgreeWithGoAndRust(BsdElfLibraryTest.Build build) {
        Map<String, Long> ours = facts(build);
        assertTrue(ours.size() > 80, () -> "only " + ours.size() + " facts in the table");
        List<String> wrong = CrossFacts.disagreements(ours,
                CrossFacts.evidence(ours, goOsArch(build), rustFiles(build)), UNCHECKED);
        assertEquals(List.of(), wrong, build.directory + " facts");
    }

    /** A wrong value in the table is named, with what each source says. */
    @Test
    void aWrongFactIsNamed() {
        BsdElfLibraryTest.Build build = BsdElfLibraryTest.Build.FREEBSD_X86_64;
        Map<String, Long> doctored = new HashMap<>(facts(build));
        doctored.put("offsetof(struct stat,st_size)", 72L);
        doctored.put("EAGAIN", 11L);
        List<String> wrong = CrossFacts.disagreements(doctored,
                CrossFacts.evidence(doctored, goOsArch(build), rustFiles(build)), UNCHECKED);
        assertTrue(wrong.contains("offsetof(struct stat,st_size) = 72 here, but Go ztypes_freebsd_amd64.go says [112]"),
                wrong::toString);
        assertTrue(wrong.contains("EAGAIN = 11 here, but Go zerrors_freebsd_amd64.go says [35]"), wrong::toString);
    }
}

package org.zerocopy4j.solaris;

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
import org.zerocopy4j.testkit.CrossFacts;

/**
 * The sizes, offsets and constants the cross build's illumos declarations (src/main/c/cross/illumos/) give, compiled
 * into target/cross-build/illumos-x86_64/facts.o, agree with Go's golang.org/x/sys/unix (GOOS illumos uses the
 * solaris files) and Rust's libc crate (solarish), both generated from the real system's headers. Without them, or
 * without zig, skipped unless CI=true.
 */
class IllumosCrossFactsTest {
    private static final Set<String> UNCHECKED = Set.of();

    private static Map<String, Long> facts() {
        Path object = Path.of("target/cross-build/illumos-x86_64/facts.o");
        boolean present = Files.isRegularFile(object) && Files.isDirectory(CrossFacts.GO_UNIX)
                && Files.isDirectory(CrossFacts.CARGO_REGISTRY);
        if (!present) {
            boolean required = "true".equals(System.getenv("CI"))
                    && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
            assumeTrue(required, () -> "no " + object + " (no zig) or no Go x/sys / Rust libc sources");
        }
        return CrossFacts.read(object);
    }

    private static List<String> disagreements(Map<String, Long> facts) {
        Path unix = CrossFacts.rustLibcUnix();
        Path[] rust = {unix.resolve("mod.rs"), unix.resolve("solarish/mod.rs"), unix.resolve("solarish/illumos.rs"),
            unix.resolve("solarish/x86_64.rs")};
        return CrossFacts.disagreements(facts, CrossFacts.evidence(facts, "solaris_amd64", rust), UNCHECKED);
    }

    @Test
    void theDeclarationsAgreeWithGoAndRust() {
        Map<String, Long> ours = facts();
        assertTrue(ours.containsKey("sizeof(sendfilevec_t)"), "no sendfilevec_t facts in the table");
        assertEquals(List.of(), disagreements(ours), "illumos-x86_64 facts");
    }

    @Test
    void aWrongFactIsNamed() {
        Map<String, Long> doctored = new HashMap<>(facts());
        doctored.put("offsetof(sendfilevec_t,sfv_len)", 12L);
        doctored.put("EOPNOTSUPP", 45L);
        List<String> wrong = disagreements(doctored);
        assertTrue(wrong.contains("offsetof(sendfilevec_t,sfv_len) = 12 here, but Rust libc solarish/mod.rs says [16]"),
                wrong::toString);
        assertTrue(wrong.contains("EOPNOTSUPP = 45 here, but Go zerrors_solaris_amd64.go says [122]"),
                wrong::toString);
    }
}

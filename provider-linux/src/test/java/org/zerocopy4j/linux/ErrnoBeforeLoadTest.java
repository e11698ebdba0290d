package org.zerocopy4j.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Code that touches the errno table before any provider library loaded makes Errno fail to initialize for good, and
 * with it the library's JNI_OnLoad. The JVM then unloads the library; any native it had bound by then would point
 * into unmapped code, so a later call crashes the JVM. Run in a child JVM, since the failure is a crash.
 */
class ErrnoBeforeLoadTest {
    /** The child: Errno first, then the provider's natives. */
    public static void main(String[] args) {
        try {
            Class.forName("org.zerocopy4j.internal.Errno");
        } catch (Throwable expected) {
            // no library has loaded: the table's native is not bound yet
        }
        System.out.println("library: " + LinuxNative.failure().map(t -> "failed").orElse("loaded"));
        try {
            LinuxNative.close(-1);
            System.out.println("native: called");
        } catch (UnsatisfiedLinkError e) {
            System.out.println("native: not linked");
        }
    }

    @Test
    void aLibraryWhoseLoadFailedLeavesNoNativeBoundToIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Surefire puts the module's own classes on the module path: the child takes both, as a class path.
        String cp = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        Process p = new ProcessBuilder(java, "-cp", cp, ErrnoBeforeLoadTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, p.exitValue(), "the child JVM died:\n" + out);
        assertTrue(out.contains("library: failed") && out.contains("native: not linked"), out);
    }
}

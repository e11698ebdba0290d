package org.zerocopy4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zerocopy4j.FakeProviders.Fake;
import org.zerocopy4j.spi.ZeroCopyProvider;

class SelectionTest {

    private static List<ZeroCopyProvider> sorted(ZeroCopyProvider... ps) {
        List<ZeroCopyProvider> list = new ArrayList<>(List.of(ps));
        list.sort(ProviderRegistry.SELECTION_ORDER);
        return list;
    }

    @Test
    void highestPriorityAvailableWinsTiesByNameUnavailableLast() {
        List<ZeroCopyProvider> all = sorted(Fake.available("fallback", 0), Fake.unavailable("bsd", 100, "not FreeBSD"),
                Fake.available("zeta", 100), Fake.available("linux", 100));
        assertEquals(List.of("linux", "zeta", "fallback", "bsd"),
                all.stream().map(ZeroCopyProvider::name).collect(Collectors.toList()));
        Selection s = Selection.choose(all, null);
        assertEquals("linux", s.chosen().name());
        assertEquals(List.of("linux", "zeta", "fallback"),
                s.dispatchOrder.stream().map(ZeroCopyProvider::name).collect(Collectors.toList()));
    }

    @Test
    void requestedProviderGoesFirstAndTheOthersStillServeWhatItDeclines() {
        List<ZeroCopyProvider> all = sorted(Fake.available("fallback", 0), Fake.available("linux", 100));
        Selection s = Selection.choose(all, "fallback");
        assertEquals("fallback", s.chosen().name());
        assertEquals(List.of("fallback", "linux"),
                s.dispatchOrder.stream().map(ZeroCopyProvider::name).collect(Collectors.toList()));
    }

    @Test
    void unknownRequestedNameListsEveryCandidateWithItsCause() {
        List<ZeroCopyProvider> all = sorted(Fake.available("fallback", 0), Fake.unavailable("bsd", 100, "not FreeBSD"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Selection.choose(all, "solaris").chosen());
        assertTrue(e.getMessage().contains("'solaris' was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("fallback (priority 0): available"), e.getMessage());
        assertTrue(e.getMessage().contains("bsd (priority 100): unavailable: java.lang.UnsupportedOperationException: "
                + "not FreeBSD"), e.getMessage());
        assertTrue(e.getMessage().contains("zerocopy4j.provider"), e.getMessage());
    }

    @Test
    void unavailableRequestedNameSaysWhy() {
        List<ZeroCopyProvider> all = sorted(Fake.available("fallback", 0), Fake.unavailable("linux", 100,
                "native library failed to load: noexec /tmp"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Selection.choose(all, "linux").chosen());
        assertTrue(e.getMessage().contains("'linux' is unavailable"), e.getMessage());
        assertTrue(e.getMessage().contains("noexec /tmp"), e.getMessage());
    }

    @Test
    void noProviderAtAllNamesTheArtifactsToAdd() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Selection.choose(List.of(), null).chosen());
        assertTrue(none.getMessage().contains("zerocopy4j-provider-fallback"), none.getMessage());
        assertTrue(none.getMessage().contains("ServiceLoader found no"), none.getMessage());
        IllegalStateException allDown = assertThrows(IllegalStateException.class,
                () -> Selection.choose(sorted(Fake.unavailable("linux", 100, "arch s390x not built")), null).chosen());
        assertTrue(allDown.getMessage().contains("arch s390x not built"), allDown.getMessage());
    }

    @Test
    void serviceLoaderFailuresAreKeptWithTheirCauseInsteadOfThrown() {
        List<ZeroCopyProvider> found = ProviderRegistry.discover();
        ZeroCopyProvider broken = found.stream().filter(p -> p.name().endsWith("FakeProviders$Broken")).findFirst()
                .orElseThrow();
        assertFalse(broken.isAvailable());
        Throwable cause = broken.unavailabilityCause().orElseThrow();
        String chain = cause + " / " + cause.getCause();
        assertTrue(chain.contains("constructor exploded on purpose"), chain);
        assertEquals("good", found.get(0).name(), "the working provider is still found, and first");
    }

    @Test
    void theJvmWideChoiceIsMadeOnceWhateverTheThreads() throws Exception {
        Set<ZeroCopyProvider> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    seen.add(ZeroCopy.provider());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, seen.size());
        assertSame(ZeroCopy.provider(), seen.iterator().next());
        assertEquals("good", ZeroCopy.provider().name());
    }

    @Test
    void diagnosticsShowEveryProviderTheCauseAndTheChoice() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(Diagnostics.report(new PrintStream(bytes, true)));
        String report = bytes.toString();
        assertTrue(report.contains("good"), report);
        assertTrue(report.contains("unavailable"), report);
        assertTrue(report.contains("constructor exploded on purpose"), report);
        assertTrue(report.contains("Chosen: good"), report);
    }

    @Test
    void diagnosticsNameTheLibraryAProviderLoaded() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Diagnostics.report(new PrintStream(bytes, true));
        String report = bytes.toString();
        assertTrue(report.contains("library: META-INF/native/good-x86_64/libgood.so (SHA-256 checked)"), report);
    }
}

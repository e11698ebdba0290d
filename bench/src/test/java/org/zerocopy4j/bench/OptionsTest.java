package org.zerocopy4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void quickIsSmallerThanTheDefaultRun() {
        Options full = Options.parse();
        Options quick = Options.parse("--quick");

        assertEquals(List.of(1L << 30), full.bulkSizes());
        assertEquals(100_000, full.count());
        assertEquals(List.of(256L << 20), quick.bulkSizes());
        assertEquals(List.of(4096L, 65536L), quick.smallSizes());
        assertEquals(3, quick.rounds());
        assertEquals(1, quick.warmupRounds());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), quick.paths());
    }

    @Test
    void explicitFlagsOverrideThePreset() {
        Options o = Options.parse("--quick", "--sizes", "1g,64k,4k,512m", "--rounds", "7", "--paths", "3,1",
                "--count", "10", "--out", "x");

        assertEquals(List.of(512L << 20, 1L << 30), o.bulkSizes(), "ascending: the largest runs last");
        assertEquals(List.of(4096L, 65536L), o.smallSizes());
        assertEquals(7, o.rounds());
        assertEquals(10, o.count());
        assertEquals(Set.of(1, 3), o.paths());
        assertEquals(Path.of("x"), o.out());
    }

    @Test
    void realClientsRunsFiveRoundsUnlessTold() {
        assertTrue(Options.parse("--real-clients").realClients());
        assertEquals(5, Options.parse("--real-clients").rounds());
        assertEquals(2, Options.parse("--real-clients", "--rounds", "2").rounds());
        assertFalse(Options.parse("--quick").realClients());
    }

    @Test
    void realClientsRunBothThreadKindsAndRespectTheLoadUnlessTold() {
        assertEquals("both", Options.parse("--real-clients").threads());
        assertEquals("platform", Options.parse("--real-clients", "--threads", "platform").threads());
        assertFalse(Options.parse("--real-clients").ignoreLoad());
        assertTrue(Options.parse("--real-clients", "--ignore-load").ignoreLoad());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--threads", "green"));
        assertTrue(e.getMessage().contains("--threads is one of"), e.getMessage());
    }

    @Test
    void jfrIsOffUnlessAModeIsNamed() {
        assertEquals("off", Options.parse("--quick").jfr());
        assertEquals("all", Options.parse("--jfr", "all").jfr());
        assertEquals("default", Options.parse("--jfr", "default").jfr());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--jfr", "some"));
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals(4096, Options.parseSize("4k"));
        assertEquals(1L << 20, Options.parseSize("1M"));
        assertEquals(1L << 30, Options.parseSize("1g"));
        assertEquals(123, Options.parseSize("123"));
        assertEquals("256 MiB", Options.human(256L << 20));
        assertEquals("4 KiB", Options.human(4096));
        assertThrows(IllegalArgumentException.class, () -> Options.parseSize("0"));
        assertThrows(NumberFormatException.class, () -> Options.parseSize("lots"));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--paths", "7"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--paths", "6"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--out"));
    }
}

package org.zerocopy4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdicts the report prints: met or missed, and by how much, which the issue asks to be stated. */
class TargetTest {

    @Test
    void costRatioAtOrBelowTheLimitIsMet() {
        assertEquals(Target.Status.MET, Target.atMost("bulk", 1.05, 1.05).status());
        Target missed = Target.atMost("bulk", 1.26, 1.05);

        assertEquals(Target.Status.MISSED, missed.status());
        assertTrue(missed.detail().startsWith("missed by 20%"), missed.detail());
    }

    @Test
    void savingBelowTheGoalIsMissedByTheShortfall() {
        assertEquals(Target.Status.MET, Target.atLeast("upload", 2.5, 2.0).status());
        Target missed = Target.atLeast("upload", 1.5, 2.0);

        assertEquals(Target.Status.MISSED, missed.status());
        assertTrue(missed.detail().startsWith("missed by 25%"), missed.detail());
    }

    @Test
    void fewerMeansStrictlyFewer() {
        assertEquals(Target.Status.MET, Target.fewer("syscalls", 0.67).status());
        assertEquals(Target.Status.MISSED, Target.fewer("syscalls", 1.0).status());
    }

    @Test
    void aMissingFigureIsNotAVerdict() {
        Target t = Target.atMost("bulk", Double.NaN, 1.05);

        assertEquals(Target.Status.NOT_EVALUATED, t.status());
        assertEquals("<= 1.05x", t.goal());
    }
}

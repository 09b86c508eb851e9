package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/** The supervisor's record: what a test JVM may and may not send. */
class RunLedgerTest {

    private static final String CLASS = "[engine:junit-jupiter]/[class:org.paramlab.grading.ATest]";
    private static final PlannedTest A = test("a");
    private static final PlannedTest B = test("b");

    private static PlannedTest test(String method) {
        return new PlannedTest(CLASS + "/[method:" + method + "()]", "org.paramlab.grading.ATest", method,
                method + "()", "1.1", 1);
    }

    private static GradingPlan plan(PlannedTest... tests) {
        return new GradingPlan(1, 1L, "s", "2026-01-01T00:00:00Z", null, List.of(), List.of(tests));
    }

    private final RunLedger ledger = new RunLedger();
    private final RunLedger.Segment first = new RunLedger.Segment(1);

    @Test
    void recordsResultsAndWhatIsStillPending() {
        ledger.plan(first, plan(A, B));
        ledger.event(first, ProgressEvent.started(A.uniqueId()));
        ledger.event(first, ProgressEvent.finished(A.uniqueId(), TestStatus.PASSED, null, 5));

        assertThat(ledger.pending()).containsExactly(B.uniqueId());
        assertThat(ledger.reportedIn(first)).containsEntry(A.uniqueId(), TestStatus.PASSED);
        assertThat(ledger.tampering()).isEmpty();
    }

    @Test
    void whatTheGraderNeverSendsIsTampering() {
        ledger.plan(first, plan(A));
        ledger.event(first, ProgressEvent.finished(A.uniqueId(), TestStatus.FAILED, "x", 5));
        ledger.event(first, ProgressEvent.finished(A.uniqueId(), TestStatus.PASSED, null, 5));
        ledger.event(first, ProgressEvent.finished(B.uniqueId(), TestStatus.PASSED, null, 5));
        ledger.event(first, ProgressEvent.artifact(A.uniqueId(), "../../evil.sh", "x"));
        ledger.event(first, new ProgressEvent("promote", null, null, null, null, null, null, null, null, null));

        assertThat(ledger.tampering()).hasSize(4).anyMatch(t -> t.contains("a second result"))
                .anyMatch(t -> t.contains("not in its plan")).anyMatch(t -> t.contains("../../evil.sh"))
                .anyMatch(t -> t.contains("unknown event 'promote'"));
        List<TestOutcome> outcomes = ledger.outcomes(List.of());
        assertThat(outcomes).allMatch(o -> o.status() == TestStatus.VOIDED && o.earned() == 0);
    }

    @Test
    void aChartIsCheckedAndDisplayOnlyAndABadOneIsTampering() {
        ledger.plan(first, plan(A));
        String ok = org.paramlab.grader.figures.Figures.xy("loss", "step", "loss", null, java.util.List.of(
                org.paramlab.grader.figures.Figures.overIndex("PyTorch", "line", new float[] {1, 2}))).toJson();
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "loss", ok));
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "loss", ok.replace("PyTorch", "again")));
        assertThat(ledger.figures()).hasSize(1);
        assertThat(ledger.figures().get(0).figure().series().get(0).label()).isEqualTo("again");
        assertThat(ledger.tampering()).isEmpty();

        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "../x", ok));
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "big", "x".repeat(300_000)));
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "nan", ok.replace("[1.0,2.0]", "[1.0,\"NaN\"]")));
        ledger.event(first, ProgressEvent.figure(B.uniqueId(), "other", ok));
        assertThat(ledger.tampering()).hasSize(4);
        assertThat(ledger.figures()).hasSize(1);
        for (int i = 0; i < RunLedger.MAX_FIGURES; i++) {
            ledger.event(first, ProgressEvent.figure(A.uniqueId(), "f" + i, ok));
        }
        assertThat(ledger.figures()).hasSize(RunLedger.MAX_FIGURES);
        assertThat(ledger.tampering()).hasSize(5);
    }

    @Test
    void aStatusOnlyTheSupervisorGivesIsTampering() {
        ledger.plan(first, plan(A));
        ledger.event(first, ProgressEvent.finished(A.uniqueId(), TestStatus.BLOCKED, null, 5));
        assertThat(ledger.tampering()).singleElement().asString().contains("a status only the supervisor gives");
    }

    @Test
    void aLaterTestJvmMayOnlyListPendingTests() {
        ledger.plan(first, plan(A, B));
        ledger.event(first, ProgressEvent.finished(A.uniqueId(), TestStatus.PASSED, null, 5));
        RunLedger.Segment second = new RunLedger.Segment(2);
        ledger.plan(second, plan(A, B));
        assertThat(ledger.tampering()).singleElement().asString().contains("which was not pending");
    }

    @Test
    void aSilentJvmTimesOutItsTestOrTheClassItWasSettingUp() {
        ledger.plan(first, plan(A, B));
        ledger.event(first, ProgressEvent.classStarted(CLASS));
        ledger.stalled(first, 15);
        assertThat(ledger.outcomes(List.of())).allMatch(o -> o.status() == TestStatus.TIMED_OUT)
                .allMatch(o -> o.message().startsWith("the setup of ATest did not finish within 15 s"));

        RunLedger other = new RunLedger();
        RunLedger.Segment segment = new RunLedger.Segment(1);
        other.plan(segment, plan(A, B));
        other.event(segment, ProgressEvent.classStarted(CLASS));
        other.event(segment, ProgressEvent.started(A.uniqueId()));
        other.crashed(segment, "status 3");
        assertThat(other.pending()).containsExactly(B.uniqueId());
        assertThat(other.outcomes(List.of()).get(0).status()).isEqualTo(TestStatus.CRASHED);
    }

    @Test
    void missingTestsScoreZeroAndStayInTheReport() {
        ledger.plan(first, plan(A));
        ledger.missing(List.of(B));
        assertThat(ledger.outcomes(List.of())).extracting(TestOutcome::status)
                .containsExactly(TestStatus.NOT_RUN, TestStatus.FAILED);
        ledger.closePending(TestStatus.NOT_RUN, "not run: grading stopped after 300 s");
        assertThat(ledger.outcomes(List.of()).get(0).message()).isEqualTo("not run: grading stopped after 300 s");
    }

    private static String chart() {
        return org.paramlab.grader.figures.Figures.xy("loss", "step", "loss", null, List.of(
                org.paramlab.grader.figures.Figures.overIndex("PyTorch", "line", new float[] {1, 2}))).toJson();
    }

    private static String heatmap() {
        return new org.paramlab.grader.protocol.Figure(org.paramlab.grader.protocol.Figure.HEATMAP, "w", "column", "row",
                null, null, new org.paramlab.grader.protocol.Figure.Heatmap("w", "[2]", 0, 1, 2,
                List.of(1.0, 2.0), List.of(1.0, 3.0))).toJson();
    }

    @Test
    void theChartLimitsCountPerRunAcrossTestJvmsAndTheNextJvmIsToldWhatIsLeft() {
        ledger.plan(first, plan(A, B));
        assertThat(ledger.figuresLeft()).isEqualTo(ChannelLimits.MAX_FIGURES);
        assertThat(ledger.heatmapsLeft()).isEqualTo(ChannelLimits.MAX_HEATMAPS);
        assertThat(ledger.notices(List.of())).isEmpty();
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), "loss", chart()));
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), ChannelLimits.HEATMAP_NAME, heatmap()));
        ledger.event(first, ProgressEvent.figure(A.uniqueId(), ChannelLimits.HEATMAP_NAME, heatmap()));
        assertThat(ledger.figuresLeft()).as("a chart published again counts once").isEqualTo(
                ChannelLimits.MAX_FIGURES - 2);
        assertThat(ledger.heatmapsLeft()).isEqualTo(ChannelLimits.MAX_HEATMAPS - 1);

        RunLedger.Segment second = new RunLedger.Segment(2);
        ledger.plan(second, plan(B));
        for (int i = 1; i < ChannelLimits.MAX_HEATMAPS; i++) {
            ledger.event(second, ProgressEvent.figure(B.uniqueId(), ChannelLimits.HEATMAP_NAME, heatmap()));
        }
        assertThat(ledger.heatmapsLeft()).as("B's heatmap is one key, however often sent").isEqualTo(
                ChannelLimits.MAX_HEATMAPS - 2);
        assertThat(ledger.tampering()).isEmpty();
    }

    @Test
    void aHeatmapBeyondTheRunsLimitIsTamperingButAChartWithinItIsNot() {
        PlannedTest[] tests = new PlannedTest[ChannelLimits.MAX_HEATMAPS + 1];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = test("t" + i);
        }
        ledger.plan(first, plan(tests));
        for (int i = 0; i < ChannelLimits.MAX_HEATMAPS; i++) {
            ledger.event(first, ProgressEvent.figure(tests[i].uniqueId(), ChannelLimits.HEATMAP_NAME, heatmap()));
        }
        assertThat(ledger.heatmapsLeft()).isZero();
        assertThat(ledger.notices(List.of("other"))).containsExactly("other", "The report draws the mismatch"
                + " heatmaps of the first 3 failed comparisons of a run; any later ones are left out.");
        ledger.event(first, ProgressEvent.figure(tests[ChannelLimits.MAX_HEATMAPS].uniqueId(), "loss", chart()));
        assertThat(ledger.tampering()).isEmpty();
        ledger.event(first, ProgressEvent.figure(tests[ChannelLimits.MAX_HEATMAPS].uniqueId(),
                ChannelLimits.HEATMAP_NAME, heatmap()));
        assertThat(ledger.tampering()).singleElement().asString()
                .contains("more heatmaps than the run's limit of " + ChannelLimits.MAX_HEATMAPS);
    }

    @Test
    void aFileUpToTheArtifactLimitIsKeptAndALargerOneIsTampering() {
        ledger.plan(first, plan(A));
        ledger.event(first, ProgressEvent.artifact(A.uniqueId(), "ok.json", "x".repeat(ChannelLimits.MAX_ARTIFACT)));
        assertThat(ledger.artifacts()).containsKey("ok.json");
        assertThat(ledger.tampering()).isEmpty();
        ledger.event(first, ProgressEvent.artifact(A.uniqueId(), "big.json",
                "x".repeat(ChannelLimits.MAX_ARTIFACT + 1)));
        assertThat(ledger.tampering()).singleElement().asString().contains("big.json");
    }
}

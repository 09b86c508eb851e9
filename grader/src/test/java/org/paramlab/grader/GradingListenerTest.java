package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.fixtures.AnswerFixture;
import org.paramlab.grader.fixtures.BadPointsFixture;
import org.paramlab.grader.fixtures.ClassificationFixture;
import org.paramlab.grader.fixtures.DisabledClassFixture;
import org.paramlab.grader.fixtures.SetupFailsFixture;
import org.paramlab.grader.fixtures.UngradedFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestStatus;

class GradingListenerTest {

    @TempDir
    Path dir;

    @Test
    void writesThePlanBeforeAnythingRuns() {
        GradingPlan plan = FixtureRunner.run(dir, ExerciseSelection.all(), ClassificationFixture.class).plan();

        assertThat(plan.format()).isEqualTo(GradingPlan.FORMAT);
        assertThat(plan.seed()).isEqualTo(42L);
        assertThat(plan.student()).isEqualTo("paramlab-fixtures");
        assertThat(plan.startedAt()).isNotBlank();
        assertThat(plan.selection()).isNull();
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.tests()).extracting(PlannedTest::methodName).containsExactlyInAnyOrder("passes", "failsAnAssertion",
                "reachesAStub", "expectsAnExceptionButReachesAStub", "getsTheWrongException", "throwsUnexpectedly",
                "loops", "needsCuda", "disabled", "parameterized", "parameterizedPasses");
        PlannedTest stub = plan.tests().stream().filter(t -> t.methodName().equals("reachesAStub")).findFirst()
                .orElseThrow();
        assertThat(stub.className()).isEqualTo(ClassificationFixture.class.getName());
        assertThat(stub.displayName()).isEqualTo("reachesAStub()");
        assertThat(stub.exercise()).isEqualTo("1.2");
        assertThat(stub.points()).isEqualTo(1.5);
        assertThat(stub.uniqueId()).contains("reachesAStub");
    }

    @Test
    void classifiesEveryWayATestCanEnd() {
        Map<String, ProgressEvent> finished = FixtureRunner.run(dir, ExerciseSelection.all(),
                ClassificationFixture.class).finishedByMethod();

        assertThat(finished).hasSize(11);
        assertOutcome(finished, "passes", TestStatus.PASSED, null);
        assertOutcome(finished, "failsAnAssertion", TestStatus.FAILED,
                "Linear.weight: expected shape [8, 4] but was [4, 8] ==> expected: <8> but was: <4>");
        assertOutcome(finished, "reachesAStub", TestStatus.NOT_ATTEMPTED,
                "not attempted: needs exercise 1.2 Linear.forward, which is still a stub");
        assertOutcome(finished, "expectsAnExceptionButReachesAStub", TestStatus.NOT_ATTEMPTED,
                "not attempted: needs exercise 2.5 Module.loadStateDict, which is still a stub");
        assertThat(finished.get("getsTheWrongException").status()).isEqualTo(TestStatus.FAILED);
        assertThat(finished.get("getsTheWrongException").message()).startsWith(
                "Unexpected exception type thrown, expected: <java.lang.IllegalArgumentException> but was:"
                        + " <java.lang.IllegalStateException>").doesNotContain("\tat ");
        assertThat(finished.get("throwsUnexpectedly").status()).isEqualTo(TestStatus.FAILED);
        assertThat(finished.get("throwsUnexpectedly").message())
                .startsWith("unexpected java.lang.NullPointerException")
                .contains("\n    at org.paramlab.grader.fixtures.ClassificationFixture.throwsUnexpectedly(");
        assertOutcome(finished, "loops", TestStatus.TIMED_OUT, "did not finish within 200 ms: an infinite loop?");
        assertOutcome(finished, "needsCuda", TestStatus.ABORTED, "Assumption failed: CUDA is not available");
        assertOutcome(finished, "disabled", TestStatus.SKIPPED, "disabled: not ready");
        assertOutcome(finished, "parameterized", TestStatus.FAILED, "[2] 2: value 2 ==> expected: <2> but was: <0>");
        assertOutcome(finished, "parameterizedPasses", TestStatus.PASSED, null);
    }

    @Test
    void recordsStartsAndTheEndOfTheRun() {
        List<ProgressEvent> events = FixtureRunner.run(dir, ExerciseSelection.all(), ClassificationFixture.class)
                .events();

        for (int i = 0; i < events.size(); i++) {
            ProgressEvent event = events.get(i);
            if (ProgressEvent.STARTED.equals(event.event())) {
                assertThat(events.get(i + 1).event()).isEqualTo(ProgressEvent.FINISHED);
                assertThat(events.get(i + 1).uniqueId()).isEqualTo(event.uniqueId());
            }
        }
        assertThat(events.get(events.size() - 1).event()).isEqualTo(ProgressEvent.RUN_FINISHED);
        assertThat(events.get(events.size() - 1).time()).isNotBlank();
        assertThat(events).filteredOn(e -> ProgressEvent.STARTED.equals(e.event())).hasSize(10); // not the disabled one
        ProgressEvent loops = events.stream().filter(e -> TestStatus.TIMED_OUT == e.status()).findFirst().orElseThrow();
        assertThat(loops.durationMs()).isBetween(150L, 10_000L);
    }

    @Test
    void aFailedClassSetupCountsForEachOfItsGradedTests() {
        Map<String, ProgressEvent> finished = FixtureRunner.run(dir, ExerciseSelection.all(),
                SetupFailsFixture.class).finishedByMethod();

        assertOutcome(finished, "first", TestStatus.NOT_ATTEMPTED,
                "not attempted: needs exercise 1.4 Sequential.forward, which is still a stub");
        assertOutcome(finished, "second", TestStatus.NOT_ATTEMPTED,
                "not attempted: needs exercise 1.4 Sequential.forward, which is still a stub");
        assertThat(finished.get("only").status()).isEqualTo(TestStatus.FAILED);
        assertThat(finished.get("only").message())
                .startsWith("in the setup of BrokenSetup: unexpected java.lang.IllegalStateException: no net");
    }

    @Test
    void aDisabledClassSkipsEachOfItsGradedTests() {
        Map<String, ProgressEvent> finished = FixtureRunner.run(dir, ExerciseSelection.all(),
                DisabledClassFixture.class).finishedByMethod();

        assertOutcome(finished, "one", TestStatus.SKIPPED, "disabled: group 2 is not released yet");
        assertOutcome(finished, "two", TestStatus.SKIPPED, "disabled: group 2 is not released yet");
    }

    @Test
    void recordsTheFreeTextAnswersOfGradedTests() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.all(), AnswerFixture.class);

        Map<String, String> methodById = new java.util.HashMap<>();
        result.plan().tests().forEach(t -> methodById.put(t.uniqueId(), t.methodName()));
        List<ProgressEvent> answers = result.events().stream()
                .filter(e -> ProgressEvent.ANSWER.equals(e.event())).toList();
        assertThat(answers).extracting(e -> methodById.get(e.uniqueId()))
                .containsExactly("answers", "answersNothingAndReachesAStub");
        assertThat(answers.get(0).question()).isEqualTo("Why share?");
        assertThat(answers.get(0).answer()).isEqualTo("Fewer parameters.\nSecond line.");
        assertThat(answers.get(1).question()).isEqualTo("Why not?");
        assertThat(answers.get(1).answer()).isNull();
        assertOutcome(result.finishedByMethod(), "answersNothingAndReachesAStub", TestStatus.NOT_ATTEMPTED,
                "not attempted: needs exercise 7.2 WhyShareParameters.question2, which is still a stub");
        assertOutcome(result.finishedByMethod(), "answers", TestStatus.PASSED, null);
    }

    @Test
    void invalidPointsAreAPlanErrorAndFailTheTest() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.all(), BadPointsFixture.class);

        assertThat(result.plan().errors()).containsExactly(BadPointsFixture.class.getName()
                + ".worthNothing: @Graded(points = 0.0) must be a positive number of points");
        assertThat(result.plan().tests().get(0).points()).isZero();
        ProgressEvent event = result.finishedByMethod().get("worthNothing");
        assertThat(event.status()).isEqualTo(TestStatus.FAILED);
        assertThat(event.message()).contains("BadPointsFixture.worthNothing: @Graded(points = 0.0) must be a positive");
    }

    @Test
    void anInvalidSeedIsAPlanError() {
        GradingPlan plan = FixtureRunner.run(dir, ExerciseSelection.all(),
                () -> GradingSeed.parse("abc"), UngradedFixture.class, BadPointsFixture.class).plan();

        assertThat(plan.seed()).isNull();
        assertThat(plan.errors()).contains("-Dparamlab.seed=abc is not a seed: use a whole number such as"
                + " -Dparamlab.seed=42");
    }

    @Test
    void anUnknownExerciseIdIsRecordedEvenThoughNothingRuns() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.parse("9.9"),
                ClassificationFixture.class);

        assertThat(result.plan().tests()).isEmpty();
        assertThat(result.plan().selection()).isEqualTo("9.9");
        assertThat(result.plan().errors()).singleElement().asString()
                .startsWith("-Dexercise=9.9: unknown exercise '9.9'. Valid ids: 0 (all of Rules your code must follow),"
                        + " 0.1, 0.2, 1 (all of Modules), 1.1, 1.2");
        // only the ungraded test ran: it lies outside the grading package
        assertThat(result.summary().getTestsFoundCount()).isEqualTo(1);
    }

    @Test
    void doesNothingWithoutGradedTests() {
        FixtureRunner.run(dir, ExerciseSelection.all(), UngradedFixture.class);

        assertThat(dir.resolve(ReportFiles.PLAN)).doesNotExist();
        assertThat(dir.resolve(ReportFiles.PROGRESS)).doesNotExist();
    }

    @Test
    void aNewRunEmptiesTheProgressFile() {
        FixtureRunner.run(dir, ExerciseSelection.all(), ClassificationFixture.class);
        FixtureRunner.Result second = FixtureRunner.run(dir, ExerciseSelection.all(), DisabledClassFixture.class);

        // a disabled class never starts: its tests are finished as skipped, with no class events
        assertThat(second.events()).extracting(ProgressEvent::event).containsExactly(ProgressEvent.FINISHED,
                ProgressEvent.FINISHED, ProgressEvent.RUN_FINISHED);
    }

    @Test
    void nothingOfTheGraderIsRegisteredAsAService() throws Exception {
        // The test JVM's launcher adds the grader's listener and filter itself; a services file would
        // also make JUnit pick up whatever else such files on the classpath name.
        for (String service : List.of("org.junit.platform.launcher.TestExecutionListener",
                "org.junit.platform.launcher.PostDiscoveryFilter")) {
            assertThat(java.util.Collections.list(GradingListenerTest.class.getClassLoader()
                    .getResources("META-INF/services/" + service)))
                    .noneMatch(url -> url.toString().matches(".*/(grader[a-z-]*|graded-tests)/target/.*"));
        }
    }

    private static void assertOutcome(Map<String, ProgressEvent> finished, String method, TestStatus status,
                                      String message) {
        ProgressEvent event = finished.get(method);
        assertThat(event).as(method).isNotNull();
        assertThat(event.status()).as(method).isEqualTo(status);
        assertThat(event.message()).as(method).isEqualTo(message);
    }
}

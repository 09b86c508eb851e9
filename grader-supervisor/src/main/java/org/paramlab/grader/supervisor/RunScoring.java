package org.paramlab.grader.supervisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.reference.ProviderDecision;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.report.GradingRun;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Turns what the supervisor checked and recorded into the run as reported: the rules' verdict (group 0),
 * the comparison of its record with JUnit's XML, and every graded test's outcome. Nothing here reads what a
 * test JVM wrote, except JUnit's XML for that comparison.
 */
final class RunScoring {

    private final GradingRequest request;
    private final RunClock clock;
    private final TestJvmLauncher launcher;
    private final RunLedger ledger;
    private final List<String> notes;
    private CompletableFuture<PurityVerdict> gate;
    private CompletableFuture<GradedTestIndex> index;

    RunScoring(GradingRequest request, RunClock clock, TestJvmLauncher launcher, RunLedger ledger,
               List<String> notes) {
        this.request = request;
        this.clock = clock;
        this.launcher = launcher;
        this.ledger = ledger;
        this.notes = notes;
    }

    /** Lists the compiled graded tests on a spare core, while the test JVM starts. */
    void indexTests() {
        boolean checks = AssignmentGrading.runsInstructorChecks(request);
        index = Background.inThread(() -> GradedTestIndex.of(request.testClasses()).forRun(checks));
    }

    /** @return the compiled graded tests, waiting for {@link #indexTests()} */
    GradedTestIndex index() {
        return Background.join(index);
    }

    /** Checks the rules of group 0 on a spare core, while the test JVM starts. */
    void checkRules() {
        gate = Background.inThread(this::rulesVerdict);
    }

    /** @return whether the selection has graded tests beyond the rules, which need a test JVM */
    boolean needsTests() {
        return request.settings().selection().exercises().stream().anyMatch(e -> !e.group().gate());
    }

    private PurityVerdict rulesVerdict() {
        StudentClasses classes;
        try {
            classes = StudentClasses.inspect(request.code(), launcher.trustedClasspath());
        } catch (RuntimeException | LinkageError e) {
            return failedClosed(e);
        }
        try {
            Trace.mark("rules: classes imported");
            return PurityVerdict.check(classes, Supervisor.STUDENT_PACKAGE);
        } catch (RuntimeException | LinkageError e) {
            return failedClosed(e);
        } finally {
            Trace.mark("rules: checked");
        }
    }

    /** @return the rules' verdict, waiting at most for the rest of the run's time; failed closed after that */
    PurityVerdict verdict() {
        try {
            long wait = Math.max(1, clock.remaining().toMillis());
            return gate.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failedClosed(new IllegalStateException("the check did not finish within the run's time limit"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedClosed(e);
        } catch (ExecutionException e) {
            return failedClosed(e.getCause());
        }
    }

    private static PurityVerdict failedClosed(Throwable e) {
        var rule = PurityVerdict.rules(Supervisor.STUDENT_PACKAGE).get(0);
        return new PurityVerdict(Supervisor.STUDENT_PACKAGE, Map.of(rule, List.of("your compiled classes could not be"
                + " checked (" + e + "), so nothing of them is graded")), 0);
    }

    /** @return every graded test of the selection, from the compiled tests, with this status and message */
    List<TestOutcome> indexed(TestStatus status, String message) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (var test : index().tests().values()) {
            if (request.settings().selection().includes(Exercise.byId(test.exercise()))) {
                outcomes.add(new TestOutcome(test, status, message, 0));
            }
        }
        return outcomes;
    }

    /**
     * Compares the record with JUnit's XML report of each test JVM that ended normally: a disagreement is
     * tampering. A JVM stopped early wrote none, which the notes say.
     */
    void crossCheck(Collection<RunLedger.Segment> segments) {
        for (RunLedger.Segment segment : segments) {
            if (segment.ended && segment.runFinished) {
                for (String finding : JUnitXmlCheck.disagreements(launcher.junitDir(segment.number),
                        ledger.reportedIn(segment))) {
                    ledger.tampered("test JVM " + segment.number + ": " + finding);
                }
            } else if (!segment.finished.isEmpty()) {
                notes.add(segment.finished.size() + " result(s) of test JVM " + segment.number + " are not compared"
                        + " with JUnit's XML report: that JVM was stopped before it could write one");
            }
        }
    }

    /**
     * @param verdict the rules' verdict
     * @param runs    the test JVMs' part of the run
     * @return the run, as reported
     */
    GradingRun run(PurityVerdict verdict, TestJvmRuns runs) {
        GradingPlan plan = ledger.plan();
        ProviderDecision provider = runs.provider();
        List<String> errors = new ArrayList<>(request.settings().errors());
        boolean notGraded = provider != null && !provider.canGrade();
        if (notGraded) {
            errors.add(provider.error());
        }
        // the budget ended before a test JVM listed the tests: each is still reported, as not run
        boolean budgetBeforePlan = plan == null && runs.budgetReached() != null && errors.isEmpty() && needsTests()
                && !runs.blocked();
        if (plan == null && errors.isEmpty() && needsTests() && !runs.blocked() && !budgetBeforePlan) {
            errors.add("no graded test ran: " + (runs.stoppedWhy() == null ? "the test JVM listed no test"
                    : runs.stoppedWhy()));
        }
        List<String> tampering = ledger.tampering();
        if (!tampering.isEmpty()) {
            errors.add("TAMPERING: every test scores 0. " + String.join("; ", tampering));
        }
        boolean showRules = request.settings().selection().includes(Exercise.E0_1)
                || request.settings().selection().includes(Exercise.E0_2) || !verdict.violations().isEmpty();
        // nothing is graded when the provider cannot run or a setting is invalid (an unknown provider name, a bad
        // seed): not even the rules, so the reports say that no graded test ran instead of showing a 0/0 table
        boolean invalidSettings = !request.settings().errors().isEmpty();
        List<TestOutcome> gateRows = showRules && !notGraded && !invalidSettings ? GateTests.outcomes(verdict)
                : List.of();
        List<TestOutcome> outcomes = ledger.outcomes(gateRows);
        if (budgetBeforePlan) {
            outcomes = new ArrayList<>(gateRows);
            outcomes.addAll(indexed(TestStatus.NOT_RUN, runs.budgetReached()));
        }
        GradingPlan full = new GradingPlan(GradingPlan.FORMAT, request.settings().seed(), request.student(),
                plan == null ? Instant.now().toString() : plan.startedAt(),
                request.settings().selection().asked().orElse(null), errors,
                outcomes.stream().map(TestOutcome::test).toList(), ledger.notices(request.notices()),
                provider == null ? null : provider.description(), provider == null ? null : provider.tolerance());
        boolean completed = ledger.pending().isEmpty() && outcomes.stream()
                .noneMatch(o -> o.status() == TestStatus.NOT_RUN || o.status() == TestStatus.CRASHED);
        return new GradingRun(full, outcomes, completed, clock.elapsed().toSeconds(), ledger.answers());
    }
}

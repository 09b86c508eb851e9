package org.paramlab.grader.sandbox;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.paramlab.grader.GradedFailure;
import org.paramlab.grader.OutcomeClassifier;

/**
 * Passes JUnit's events on to other listeners, with every throwable replaced by a {@link GradedFailure}
 * first, so that the grading listener and JUnit's XML report never call a student's
 * {@code getMessage()}, {@code getCause()} or {@code printStackTrace()} themselves: a failure is read
 * once, under a time limit ({@link OutcomeClassifier#classify(Throwable)}). Most failures arrive
 * already replaced ({@code Containment}); this catches the rest, such as a test class whose static
 * initializer failed.
 */
final class SanitizingListener implements TestExecutionListener {

    private final List<TestExecutionListener> delegates;
    private final Map<Throwable, GradedFailure> seen = new IdentityHashMap<>();

    SanitizingListener(TestExecutionListener... delegates) {
        this.delegates = List.of(delegates);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        delegates.forEach(d -> d.testPlanExecutionStarted(testPlan));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        delegates.forEach(d -> d.testPlanExecutionFinished(testPlan));
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        delegates.forEach(d -> d.executionStarted(identifier));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        delegates.forEach(d -> d.executionSkipped(identifier, reason));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        TestExecutionResult safe = sanitize(result);
        delegates.forEach(d -> d.executionFinished(identifier, safe));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        delegates.forEach(d -> d.reportingEntryPublished(identifier, entry));
    }

    private synchronized TestExecutionResult sanitize(TestExecutionResult result) {
        if (result.getThrowable().isEmpty() || result.getThrowable().get() instanceof GradedFailure) {
            return result;
        }
        Throwable raw = result.getThrowable().get();
        GradedFailure failure = seen.computeIfAbsent(raw, t -> new GradedFailure(OutcomeClassifier.classify(result)));
        return result.getStatus() == TestExecutionResult.Status.ABORTED ? TestExecutionResult.aborted(failure)
                : TestExecutionResult.failed(failure);
    }
}

package org.paramlab.grader;

import org.paramlab.grader.OutcomeClassifier.Verdict;

/**
 * A graded test's failure as the grader classified it, in place of what the student's code threw.
 *
 * <p>JUnit, the grading listener and JUnit's XML report see only this: plain text computed once, under
 * a time limit ({@link Guard}), so that none of them calls a student's {@code getMessage()},
 * {@code getCause()} or {@code toString()} again. It has no cause and no stack trace.
 */
public final class GradedFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    /** @param verdict the status and feedback of the failure */
    public GradedFailure(Verdict verdict) {
        super(verdict.message(), null);
        this.verdict = verdict;
        setStackTrace(new StackTraceElement[0]);
    }

    /** @return the status and feedback */
    public Verdict verdict() {
        return verdict;
    }

    /** No stack of its own: the feedback already names the student's frame. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.paramlab.exercise.NotImplementedException;
import org.paramlab.grader.OutcomeClassifier.Verdict;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.TestStatus;

class OutcomeClassifierTest {

    private static final StackTraceElement JUNIT = new StackTraceElement(
            "org.junit.jupiter.engine.Invoker", "invoke", "Invoker.java", 10);
    private static final StackTraceElement TENSOR = new StackTraceElement(
            "org.paramlab.tensor.Tensor", "matmul", "Tensor.java", 99);
    private static final StackTraceElement STUDENT = new StackTraceElement(
            "org.paramlab.nn.Linear", "forward", "Linear.java", 42);

    @Test
    void aSuccessPasses() {
        assertThat(OutcomeClassifier.classify(TestExecutionResult.successful()))
                .isEqualTo(new Verdict(TestStatus.PASSED, null));
    }

    @Test
    void anAssertionFailsWithItsTrimmedMessageOnly() {
        Verdict verdict = classify(new AssertionFailedError("\n  Linear.weight: expected [8, 4]\n but was [4, 8]  \n"));
        assertThat(verdict).isEqualTo(new Verdict(TestStatus.FAILED, "Linear.weight: expected [8, 4]\n but was [4, 8]"));
        assertThat(classify(new AssertionError()).message()).isEqualTo("assertion failed (no message)");
    }

    @Test
    void aStubAnywhereInTheChainIsNotAttempted() {
        String expected = "not attempted: needs exercise 2.2 Module.namedParameters, which is still a stub";
        NotImplementedException stub = new NotImplementedException("2.2 Module.namedParameters");
        assertThat(classify(stub)).isEqualTo(new Verdict(TestStatus.NOT_ATTEMPTED, expected));
        assertThat(classify(new AssertionFailedError("Unexpected exception type thrown", new RuntimeException(stub))))
                .isEqualTo(new Verdict(TestStatus.NOT_ATTEMPTED, expected));
        AssertionError suppressing = new AssertionError("multiple failures");
        suppressing.addSuppressed(stub);
        assertThat(classify(suppressing).status()).isEqualTo(TestStatus.NOT_ATTEMPTED);
    }

    @Test
    void junitsTimeoutIsTimedOut() {
        assertThat(classify(new TimeoutException("forward() timed out after 10 seconds")))
                .isEqualTo(new Verdict(TestStatus.TIMED_OUT, "did not finish within 10 s: an infinite loop?"));
        assertThat(classify(new TimeoutException("x() timed out after 250 milliseconds")).message())
                .isEqualTo("did not finish within 250 ms: an infinite loop?");
        assertThat(classify(new TimeoutException("x() timed out after 1 second")).message())
                .isEqualTo("did not finish within 1 s: an infinite loop?");
        assertThat(classify(new TimeoutException("odd")).message()).isEqualTo("did not finish in time: an infinite loop?");
    }

    @Test
    void aTimeoutSaysWhereTheStudentsCodeWas() {
        RuntimeException where = new RuntimeException("Execution timed out in thread worker");
        where.setStackTrace(new StackTraceElement[] {TENSOR, STUDENT, JUNIT});
        TimeoutException timeout = new TimeoutException("forward() timed out after 10 seconds");
        timeout.initCause(where);
        assertThat(classify(timeout).message()).isEqualTo("did not finish within 10 s: an infinite loop?"
                + " It was stopped in org.paramlab.nn.Linear.forward(Linear.java:42).");
    }

    @Test
    void anUnexpectedExceptionGivesTypeMessageAndTheStudentsFrame() {
        NullPointerException npe = new NullPointerException("Cannot read field \"data\" because \"bias\" is null");
        npe.setStackTrace(new StackTraceElement[] {TENSOR, STUDENT, JUNIT});
        assertThat(classify(npe)).isEqualTo(new Verdict(TestStatus.FAILED,
                "unexpected java.lang.NullPointerException: Cannot read field \"data\" because \"bias\" is null"
                        + "\n    at org.paramlab.nn.Linear.forward(Linear.java:42)"));
    }

    @Test
    void withoutAStudentFrameTheTopFrameIsNamed() {
        IllegalStateException wrapped = new IllegalStateException("outer", new IllegalArgumentException("root cause"));
        wrapped.setStackTrace(new StackTraceElement[] {TENSOR, JUNIT});
        assertThat(classify(wrapped).message()).isEqualTo("unexpected java.lang.IllegalStateException: outer"
                + " (caused by java.lang.IllegalArgumentException: root cause)"
                + "\n    at org.paramlab.tensor.Tensor.matmul(Tensor.java:99)");
        StackOverflowError overflow = new StackOverflowError();
        overflow.setStackTrace(new StackTraceElement[] {STUDENT, STUDENT});
        assertThat(classify(overflow).message())
                .isEqualTo("stack overflow (java.lang.StackOverflowError): endless recursion? A method that calls"
                        + " itself needs a case that stops.\n    at org.paramlab.nn.Linear.forward(Linear.java:42)");
    }

    @Test
    void anExceptionWhoseMessageNeverReturnsCostsItsTestAndIsNotReadAgain() {
        class Stuck extends RuntimeException {
            @Override
            public String getMessage() {
                while (true) {
                    Thread.onSpinWait();
                }
            }
        }
        long start = System.nanoTime();
        Verdict verdict = classify(new Stuck());
        Verdict again = classify(new Stuck());
        assertThat(System.nanoTime() - start).isLessThan(java.time.Duration.ofSeconds(6).toNanos());
        assertThat(verdict.status()).isEqualTo(TestStatus.FAILED);
        assertThat(verdict.message()).contains("Stuck").contains("did not return within 2 s");
        assertThat(again).isEqualTo(verdict);
        assertThat(Guard.abandonedThreadsAlive()).isTrue();
    }

    @Test
    void aCauseChainThatNeverEndsIsCut() {
        class Endless extends RuntimeException {
            @Override
            public synchronized Throwable getCause() {
                return new IllegalStateException("again");
            }
        }
        Verdict verdict = classify(new Endless());
        assertThat(verdict.status()).isEqualTo(TestStatus.FAILED);
        assertThat(verdict.message()).startsWith("unexpected ");
    }

    @Test
    void aGradedFailureIsAlreadyClassified() {
        Verdict verdict = new Verdict(TestStatus.NOT_ATTEMPTED, "not attempted: x");
        assertThat(classify(new GradedFailure(verdict))).isSameAs(verdict);
    }

    @Test
    void aFailedAssumptionIsAborted() {
        assertThat(OutcomeClassifier.classify(TestExecutionResult.aborted(
                new TestAbortedException("Assumption failed: CUDA is not available"))))
                .isEqualTo(new Verdict(TestStatus.ABORTED, "Assumption failed: CUDA is not available"));
        assertThat(OutcomeClassifier.classify(TestExecutionResult.aborted(null)))
                .isEqualTo(new Verdict(TestStatus.ABORTED, "an assumption did not hold"));
    }

    @Test
    void aHugeMessageIsCut() {
        String message = classify(new AssertionError("x".repeat(20_000))).message();
        assertThat(message).hasSizeLessThan(OutcomeClassifier.MAX_MESSAGE + 50)
                .endsWith("[truncated: 12000 more characters]");
    }

    @Test
    void anUnexpectedExceptionOfAGradedTestGetsItsExercisesHintAndOneFrame() {
        IllegalStateException e = new IllegalStateException("copy_: shapes [4, 8] and [8, 4] cannot be broadcast");
        e.setStackTrace(new StackTraceElement[] {TENSOR, STUDENT, JUNIT});
        Verdict verdict = OutcomeClassifier.classify(e, Exercise.E1_2);
        assertThat(verdict.message()).isEqualTo("unexpected java.lang.IllegalStateException: copy_: shapes [4, 8] and "
                + "[8, 4] cannot be broadcast\n    at " + STUDENT + "\n  hint: " + Exercise.E1_2.hint());
        assertThat(verdict.message().lines().filter(l -> l.strip().startsWith("at ")).count()).isEqualTo(1);
        StackOverflowError overflow = new StackOverflowError();
        overflow.setStackTrace(new StackTraceElement[] {STUDENT, STUDENT});
        assertThat(OutcomeClassifier.classify(overflow, Exercise.E2_3).message()).endsWith("hint: " + Exercise.E2_3.hint());
        assertThat(OutcomeClassifier.classify(new AssertionError("x"), Exercise.E2_3).message()).isEqualTo("x");
    }

    private static Verdict classify(Throwable t) {
        return OutcomeClassifier.classify(TestExecutionResult.failed(t));
    }
}

package org.paramlab.grader;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.paramlab.grader.GradingListener;
import org.paramlab.grader.Guard;

/**
 * Replaces a test JVM that a student's code has left in a bad state: after a graded test whose code
 * kept running past its time limit (a loop JUnit's timeout abandoned, an exception the {@link Guard}
 * gave up on), every remaining graded test is skipped with {@link GradingListener#RERUN_REASON}, and
 * the supervisor runs them again in a fresh JVM. Without this, the abandoned threads would go on
 * spinning and slow, or block, every later test.
 *
 * <p>Registered on every graded test ({@code @Graded}); outside a grading test JVM it never triggers,
 * since nothing {@link #request()}s a rerun there.
 */
public final class Rerun implements ExecutionCondition {

    /** The name prefix of the threads JUnit runs a timed test in ({@code SEPARATE_THREAD} mode). */
    static final String JUNIT_TIMEOUT_THREAD = "junit-timeout-thread-";

    private static final AtomicBoolean PENDING = new AtomicBoolean();

    /** @return whether the remaining tests must run in a fresh test JVM */
    public static boolean pending() {
        return PENDING.get();
    }

    /** Asks for the remaining tests to run in a fresh test JVM. */
    static void request() {
        PENDING.set(true);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return pending() ? ConditionEvaluationResult.disabled(GradingListener.RERUN_REASON)
                : ConditionEvaluationResult.enabled("this test JVM is sound");
    }

    /** After each test, looks for threads a student's code left running. */
    public static final class Watch implements TestExecutionListener {

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (identifier.isTest() && (Guard.abandonedThreadsAlive() || timedOutThreadAlive())) {
                request();
            }
        }

        /** @return whether a thread JUnit abandoned at a timeout still runs (one that is ending gets 50 ms) */
        private static boolean timedOutThreadAlive() {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith(JUNIT_TIMEOUT_THREAD) && thread.isAlive()) {
                    try {
                        thread.join(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (thread.isAlive()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}

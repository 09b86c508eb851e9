package org.paramlab.grader.purity;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Keeps what a student's code does to the test JVM inside the {@link org.paramlab.grader.Graded @Graded}
 * test that ran it, so that it costs that test's points and no others:
 * <ul>
 *   <li>{@link OutOfMemoryError} (JUnit treats it as unrecoverable and would abort the whole run) is
 *       rethrown as a {@link ContainedError}, an ordinary failure; the test's garbage is then freed.
 *       The test JVM's heap is capped ({@code -Xmx} in {@code grader/pom.xml}), so a runaway allocation
 *       fails fast;</li>
 *   <li>{@code System.exit}: when the {@code com.ginsberg:junit5-system-exit} agent is loaded
 *       ({@code -javaagent} in {@code grader/pom.xml}), its calls are turned into an exception while a
 *       graded test runs, and the test fails with {@link ContainedError} naming the exit status, even if
 *       the student's code caught that exception. Without the agent nothing changes; the ArchUnit rule
 *       {@code no-exit} ({@link PurityRules}) refuses such code before any test runs anyway.</li>
 * </ul>
 * Endless loops are JUnit's timeout ({@code junit-platform.properties}); stack overflows are ordinary
 * errors, reported by {@link org.paramlab.grader.OutcomeClassifier}.
 */
public final class Containment implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor,
        TestExecutionExceptionHandler {

    /** The exception the agent throws instead of exiting. */
    static final String EXIT_PREVENTED = "com.ginsberg.junit.exit.SystemExitPreventedException";
    private static final String STRATEGY = "com.ginsberg.junit.exit.agent.AgentSystemExitHandlerStrategy";

    private static final ExitAgent AGENT = ExitAgent.find();

    @Override
    public void beforeEach(ExtensionContext context) {
        AGENT.beforeTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer status = AGENT.afterTest();
        if (status != null && context.getExecutionException().isEmpty()) {
            throw new ContainedError(exitMessage(status) + " Your code caught the exception that stopped it; do"
                    + " not call System.exit at all.", null);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(EXIT_PREVENTED)) {
                Integer status = AGENT.status();
                throw new ContainedError(exitMessage(status == null ? -1 : status), t);
            }
        }
        throw failure;
    }

    static String exitMessage(int status) {
        return "your code called System.exit(" + status + "), which would end the grading of every exercise;"
                + " the grader stopped it, and this test scores 0.";
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        try {
            return invocation.proceed();
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e);
        }
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    private static void contain(Invocation<Void> invocation) throws Throwable {
        try {
            invocation.proceed();
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e);
        }
    }

    /**
     * @param e what the JVM threw
     * @return an ordinary failure that JUnit reports on this test alone, naming the heap limit
     */
    static ContainedError outOfMemory(OutOfMemoryError e) {
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new ContainedError("ran out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
                + "; the test JVM's heap is capped at " + maxMb + " MB): a huge tensor, or a loop that keeps"
                + " allocating? This test scores 0; the others still run.", e);
    }

    /** The junit5-system-exit agent's switch, when the agent is loaded; otherwise nothing. */
    private static final class ExitAgent {
        private final Object strategy;
        private final Method before;
        private final Method after;
        private final Method status;
        private final Method reset;

        private ExitAgent(Object strategy, Method before, Method after, Method status, Method reset) {
            this.strategy = strategy;
            this.before = before;
            this.after = after;
            this.status = status;
            this.reset = reset;
        }

        static ExitAgent find() {
            try {
                Class<?> type = Class.forName(STRATEGY, true, ClassLoader.getSystemClassLoader());
                if (!(Boolean) type.getMethod("isLoadedFromAgent").invoke(null)) {
                    return new ExitAgent(null, null, null, null, null);
                }
                return new ExitAgent(type.getConstructor().newInstance(), type.getMethod("beforeTest"),
                        type.getMethod("afterTest"), type.getMethod("firstExitStatusCode"),
                        type.getMethod("resetBetweenTests"));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return new ExitAgent(null, null, null, null, null);
            }
        }

        void beforeTest() {
            call(reset);
            call(before);
        }

        /** @return the status of the first System.exit the test tried, or {@code null} */
        Integer afterTest() {
            call(after);
            Integer code = status();
            call(reset);
            return code;
        }

        Integer status() {
            Object code = call(status);
            return code instanceof Integer ? (Integer) code : null;
        }

        private Object call(Method method) {
            if (strategy == null) {
                return null;
            }
            try {
                return method.invoke(strategy);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    }

    /** @return whether the System.exit agent is active in this JVM */
    public static boolean exitAgentLoaded() {
        return Optional.ofNullable(AGENT.strategy).isPresent();
    }
}

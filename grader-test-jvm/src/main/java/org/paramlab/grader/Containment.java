package org.paramlab.grader;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradedFailure;
import org.paramlab.grader.OutcomeClassifier;

/**
 * Keeps what a student's code does to the test JVM inside the {@link org.paramlab.grader.Graded @Graded}
 * test that ran it, so that it costs that test's points and no others:
 * <ul>
 *   <li>{@link OutOfMemoryError} (JUnit treats it as unrecoverable and would abort the whole run) is
 *       rethrown as a {@link ContainedError}, an ordinary failure; the test's garbage is then freed.
 *       The test JVM's heap is capped, so a runaway allocation fails fast;</li>
 *   <li>whatever the test or its setup threw is read once, under a time limit, and replaced by a
 *       {@link GradedFailure} carrying the feedback as plain text: an exception whose {@code getMessage()}
 *       or {@code getCause()} never returns costs this test, and nothing after it (JUnit, the listeners,
 *       JUnit's XML report) calls the student's exception again.</li>
 * </ul>
 * Endless loops are JUnit's timeout; a {@code System.exit} that slipped past the rules, or a loop that
 * ignores interrupts, ends or freezes the test JVM, and the supervisor grades the remaining tests in a
 * fresh one.
 */
public final class Containment implements InvocationInterceptor, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw sanitize(failure, exerciseOf(context.getTestMethod().orElse(null)), context.getDisplayName());
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw sanitize(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw sanitize(failure);
    }

    /**
     * @param failure what a test or its setup threw
     * @return the same failure, classified; an assumption that failed stays one (JUnit reports it as
     *         skipped), an {@code OutOfMemoryError} becomes a {@link ContainedError} first
     */
    static Throwable sanitize(Throwable failure) {
        return sanitize(failure, null);
    }

    /**
     * @param failure  what a test or its setup threw
     * @param exercise the exercise of the graded test that threw it, or {@code null}: an unexpected
     *                 exception's feedback then says where that exercise is taught
     * @return the same failure, classified
     */
    static Throwable sanitize(Throwable failure, Exercise exercise) {
        return sanitize(failure, exercise, null);
    }

    /**
     * @param checking what the test checks (its display name), shown with an exception it did not expect
     * @see #sanitize(Throwable, Exercise)
     */
    static Throwable sanitize(Throwable failure, Exercise exercise, String checking) {
        if (failure instanceof GradedFailure || failure instanceof TestAbortedException) {
            return failure;
        }
        Throwable contained = failure instanceof OutOfMemoryError ? outOfMemory((OutOfMemoryError) failure) : failure;
        return new GradedFailure(OutcomeClassifier.classify(contained, exercise, checking));
    }

    /** The exercise a graded test method grades, or {@code null}. */
    static Exercise exerciseOf(Method method) {
        Graded graded = method == null ? null : method.getAnnotation(Graded.class);
        return graded == null ? null : graded.exercise();
    }

    // Every invocation runs inside JUnit's timeout thread (the timeout interceptor comes first), so what
    // it throws is sanitized there: JUnit then hands a GradedFailure to the main thread, and neither
    // FutureTask (which calls toString() on it) nor anything after it touches the student's exception.

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        contain(invocation, exerciseOf(invocationContext.getExecutable()), extensionContext.getDisplayName());
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        contain(invocation, exerciseOf(invocationContext.getExecutable()), extensionContext.getDisplayName());
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        return contain(invocation);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        contain(invocation);
    }

    private static <T> T contain(Invocation<T> invocation) throws Throwable {
        return contain(invocation, null, null);
    }

    private static <T> T contain(Invocation<T> invocation, Exercise exercise, String checking) throws Throwable {
        try {
            return invocation.proceed();
        } catch (Throwable failure) {
            throw sanitize(failure, exercise, checking);
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
}

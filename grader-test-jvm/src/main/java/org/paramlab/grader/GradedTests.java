package org.paramlab.grader;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Finds the {@link Graded @Graded} annotation of a JUnit test from its source, for the listener and
 * the filter, which see tests only as descriptors.
 */
public final class GradedTests {

    /** The package of the graded tests, the ones the test JVM runs ({@code org/paramlab/grading/**}). */
    public static final String GRADING_PACKAGE = "org.paramlab.grading";

    private GradedTests() {
    }

    /**
     * @param source a test's or container's source
     * @return the {@code @Graded} annotation of its method (directly or as a meta-annotation); empty
     *         for anything that is not a graded method
     */
    public static Optional<Graded> find(Optional<TestSource> source) {
        return method(source).flatMap(m -> AnnotationSupport.findAnnotation(m, Graded.class));
    }

    /**
     * @param context a JUnit Jupiter extension context
     * @return the {@code @Graded} annotation of the test method it runs (directly or as a
     *         meta-annotation); empty for a container or a test that is not graded
     */
    public static Optional<Graded> find(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, Graded.class));
    }

    /**
     * @param source a test's source
     * @return the Java method it runs, if it is a method that can be loaded
     */
    public static Optional<Method> method(Optional<TestSource> source) {
        if (source.isEmpty() || !(source.get() instanceof MethodSource)) {
            return Optional.empty();
        }
        try {
            return Optional.of(((MethodSource) source.get()).getJavaMethod());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param source a test's source
     * @return whether it is a method of a class in {@value #GRADING_PACKAGE} or below
     */
    public static boolean inGradingPackage(Optional<TestSource> source) {
        if (source.isEmpty() || !(source.get() instanceof MethodSource)) {
            return false;
        }
        String className = ((MethodSource) source.get()).getClassName();
        return className.startsWith(GRADING_PACKAGE + ".");
    }
}

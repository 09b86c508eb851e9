package org.paramlab.grader;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks a {@link Graded @Graded} test's declaration before it runs: its points must be a positive,
 * finite number (0 in a {@link Exercise.Group#gate() gate} group). A mistake fails that test (so {@code mvn -Psolutions test} cannot pass) instead
 * of silently scoring nothing.
 */
public final class GradedExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Graded> graded = GradedTests.find(context);
        if (graded.isPresent()) {
            String problem = problem(graded.get());
            if (problem != null) {
                throw new ExtensionConfigurationException(describe(context.getRequiredTestMethod()) + ": " + problem);
            }
        }
    }

    /**
     * @param graded a test's annotation
     * @return what is wrong with it, or {@code null} when nothing is
     */
    static String problem(Graded graded) {
        double points = graded.points();
        if (graded.exercise().group().gate()) {
            return points == 0 ? null : "@Graded(points = " + points + ") of exercise " + graded.exercise().id()
                    + " must be 0: group " + graded.exercise().groupNumber() + " is a gate worth 0 points";
        }
        if (!(points > 0) || Double.isInfinite(points)) {
            return "@Graded(points = " + points + ") must be a positive number of points";
        }
        return null;
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}

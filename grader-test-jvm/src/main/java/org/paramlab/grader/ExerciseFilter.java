package org.paramlab.grader;

import java.util.Optional;
import java.util.function.Supplier;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.RunSettings;

/**
 * Grades only the exercises named by {@code -Dexercise=...} ({@link ExerciseSelection}).
 *
 * <p>The test JVM's launcher adds it explicitly (nothing is registered through
 * {@code META-INF/services}). Without {@code -Dexercise} it keeps everything. With it, it keeps the {@link Graded} tests of the
 * selected exercises, removes the other graded tests and any ungraded test in
 * {@value GradedTests#GRADING_PACKAGE}, and leaves every other test (the grader's own unit tests)
 * alone. An unknown id removes every graded test; the grading listener records why in the plan and
 * the report prints it with the valid ids.
 */
public final class ExerciseFilter implements PostDiscoveryFilter {

    private final Supplier<ExerciseSelection> source;
    private ExerciseSelection selection;

    /** A filter with this run's selection ({@link RunSettings#current()}). */
    public ExerciseFilter() {
        this(() -> RunSettings.current().selection());
    }

    /** @param selection the exercises to keep */
    public ExerciseFilter(ExerciseSelection selection) {
        this(() -> selection);
    }

    private ExerciseFilter(Supplier<ExerciseSelection> source) {
        this.source = source;
    }

    private synchronized ExerciseSelection selection() {
        if (selection == null) {
            selection = source.get();
        }
        return selection;
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        ExerciseSelection selected = selection();
        if (selected.isAll()) {
            return FilterResult.included("every exercise is graded");
        }
        Optional<Graded> graded = GradedTests.find(descriptor.getSource());
        if (graded.isPresent()) {
            Exercise exercise = graded.get().exercise();
            if (selected.includes(exercise)) {
                return FilterResult.included("exercise " + exercise.id() + " is selected by " + selected);
            }
            return FilterResult.excluded(selected.error()
                    .orElse("exercise " + exercise.id() + " is not selected by " + selected));
        }
        if (GradedTests.inGradingPackage(descriptor.getSource())) {
            return FilterResult.excluded("not a graded test of " + selected);
        }
        return FilterResult.included("not a graded test");
    }
}

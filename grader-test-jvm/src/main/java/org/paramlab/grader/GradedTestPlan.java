package org.paramlab.grader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.PlannedTest;

/**
 * Finds the {@link Graded} tests of a discovered JUnit test plan, for {@link GradingListener#plan}: the test
 * JVM lists them before any runs, so the plan must not depend on the listener's state.
 */
final class GradedTestPlan {

    private GradedTestPlan() {
    }

    /**
     * @param plan     a discovered JUnit test plan
     * @param settings the run's settings
     * @return the graded tests in it, in execution order, with the run's seed, selection and errors
     */
    static GradingPlan of(TestPlan plan, GradingListener.Settings settings) {
        List<String> errors = new ArrayList<>(settings.errors());
        List<PlannedTest> planned = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, planned, errors);
        }
        Long seed = null;
        try {
            seed = settings.seed().get();
        } catch (IllegalArgumentException e) {
            if (!errors.contains(e.getMessage())) {
                errors.add(e.getMessage());
            }
        }
        return new GradingPlan(GradingPlan.FORMAT, seed, settings.student(), Instant.now().toString(),
                settings.selection().spec().orElse(null), errors, planned);
    }

    private static void collect(TestPlan plan, TestIdentifier identifier, List<PlannedTest> planned,
                                List<String> errors) {
        Optional<Graded> graded = GradedTests.find(identifier.getSource());
        if (graded.isPresent()) {
            MethodSource source = (MethodSource) identifier.getSource().get();
            double points = graded.get().points();
            String problem = GradedExtension.problem(graded.get());
            if (problem != null) {
                errors.add(source.getClassName() + "." + source.getMethodName() + ": " + problem);
                points = 0;
            }
            PlannedTest test = new PlannedTest(identifier.getUniqueId(), source.getClassName(), source.getMethodName(),
                    identifier.getDisplayName(), graded.get().exercise().id(), points);
            planned.add(test);
            return;
        }
        for (TestIdentifier child : plan.getChildren(identifier)) {
            collect(plan, child, planned, errors);
        }
    }
}

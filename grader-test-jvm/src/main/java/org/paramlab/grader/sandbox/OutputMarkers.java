package org.paramlab.grader.sandbox;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Prints a line to standard output when each test starts, so that the student's own output, which
 * the supervisor keeps in {@code student-output.txt}, shows which test printed what.
 */
final class OutputMarkers implements TestExecutionListener {

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (identifier.isTest() && identifier.getSource().orElse(null) instanceof MethodSource) {
            MethodSource source = (MethodSource) identifier.getSource().get();
            String className = source.getClassName();
            System.out.println("===== " + className.substring(className.lastIndexOf('.') + 1) + "."
                    + source.getMethodName() + " =====");
            System.out.flush();
        }
    }
}

package org.paramlab.grader.purity;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradedTests;

/**
 * Refuses to run a {@link Graded @Graded} test of an exercise while the student's code breaks a
 * blocking {@link PurityRules rule} (System.exit, processes, threads, reflection, ONNX Runtime, the
 * grader): it fails with {@link PurityViolationError}, before the test touches any student code,
 * so every such test is reported as "blocked" with the explanation and the report stays complete.
 * The rules' own tests (group 0, a {@link org.paramlab.grader.Exercise.Group#gate() gate}) always run.
 *
 * <p>The verdict is computed once per JVM ({@link PurityVerdict#of}); the student's classes are found
 * from the anchor class {@value PurityVerdict#DEFAULT_ANCHOR}, or the JUnit configuration parameter
 * {@value PurityVerdict#ANCHOR_PARAMETER}.
 */
public final class PurityGate implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Graded> graded = GradedTests.find(context);
        if (graded.isEmpty() || graded.get().exercise().group().gate()) {
            return;
        }
        String anchor = context.getConfigurationParameter(PurityVerdict.ANCHOR_PARAMETER)
                .orElse(PurityVerdict.DEFAULT_ANCHOR);
        Optional<String> refusal = PurityVerdict.of(anchor).refusal();
        if (refusal.isPresent()) {
            throw new PurityViolationError(refusal.get());
        }
    }
}

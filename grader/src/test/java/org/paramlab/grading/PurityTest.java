package org.paramlab.grading;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.purity.PurityRule;
import org.paramlab.grader.purity.PurityRules;
import org.paramlab.grader.purity.PurityVerdict;

/**
 * Group 0, the rules your code must follow: ArchUnit reads the compiled classes of
 * {@code org.paramlab.nn} (your {@code exercises/}) and checks each rule. The group is a gate worth 0
 * points: a broken rule is reported here, with the class, the call and the rule; a broken rule of
 * 0.1 (those that protect the grading itself) also stops every other graded test.
 */
@DisplayName("0 Rules your code must follow")
class PurityTest {

    private static void check(String ruleId) {
        PurityVerdict verdict = PurityVerdict.of(PurityVerdict.DEFAULT_ANCHOR);
        if (verdict.problem() != null) {
            fail("cannot check the rules: " + verdict.problem());
        }
        PurityRule rule = PurityRules.all(verdict.studentPackage()).stream().filter(r -> r.id().equals(ruleId))
                .findFirst().orElseThrow();
        List<String> violations = verdict.violationsOf(ruleId);
        if (!violations.isEmpty()) {
            fail(rule.describe(violations));
        }
    }

    // --- 0.1 rules that protect the grading ----------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no System.exit, Runtime.exit or Runtime.halt")
    void noExit() {
        check("no-exit");
    }

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no processes or native code")
    void noProcesses() {
        check("no-processes");
    }

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no threads, executors, timers or parallel streams")
    void noThreads() {
        check("no-threads");
    }

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no reflection, method handles or class loading")
    void noReflection() {
        check("no-reflection");
    }

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no ONNX Runtime")
    void noOnnxRuntime() {
        check("no-onnx-runtime");
    }

    @Test
    @Graded(exercise = Exercise.E0_1, points = 0)
    @DisplayName("no grader or test classes")
    void noGrader() {
        check("no-grader");
    }

    // --- 0.2 pure Java -------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E0_2, points = 0)
    @DisplayName("no files")
    void noFiles() {
        check("no-files");
    }

    @Test
    @Graded(exercise = Exercise.E0_2, points = 0)
    @DisplayName("no network")
    void noNetwork() {
        check("no-network");
    }

    @Test
    @Graded(exercise = Exercise.E0_2, points = 0)
    @DisplayName("only java.base and the given library")
    void onlyJavaBaseAndTheGivenLibrary() {
        check("java-base-only");
    }
}

package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.fixtures.GateFixture;
import org.paramlab.grader.fixtures.impure.ImpureModule;
import org.paramlab.grader.fixtures.pure.PrintingModule;
import org.paramlab.grader.purity.PurityVerdict;
import org.paramlab.grader.report.ProgressEvent;
import org.paramlab.grader.report.TestStatus;

/** The purity gate refuses the exercises' graded tests while a blocking rule is broken, and only then. */
class PurityGateTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenBlockingRuleStopsTheExerciseTestsButNotTheRuleTests() {
        GateFixture.ran = false;
        Map<String, ProgressEvent> finished = FixtureRunner.run(dir, ExerciseSelection.all(), () -> 1L,
                Map.of(PurityVerdict.ANCHOR_PARAMETER, ImpureModule.class.getName()), GateFixture.class)
                .finishedByMethod();

        assertThat(GateFixture.ran).isFalse();
        ProgressEvent blocked = finished.get("anExerciseTest");
        assertThat(blocked.status()).isEqualTo(TestStatus.BLOCKED);
        assertThat(blocked.message())
                .startsWith("not run: your code in org.paramlab.grader.fixtures.impure breaks 5 rules that protect"
                        + " the grading itself, so no graded test of the exercises runs until they hold")
                .contains("- no System.exit, Runtime.exit or Runtime.halt: Method <" + ImpureModule.class.getName()
                        + ".exit()> calls method <java.lang.System.exit(int)> in (ImpureModule.java:")
                .contains("- no threads, executors, timers or parallel streams: ")
                .contains("- no reflection, method handles or class loading");
        assertThat(finished.get("aRuleTest").status()).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void pureCodeRunsEveryTest() {
        GateFixture.ran = false;
        Map<String, ProgressEvent> finished = FixtureRunner.run(dir, ExerciseSelection.all(), () -> 1L,
                Map.of(PurityVerdict.ANCHOR_PARAMETER, PrintingModule.class.getName()), GateFixture.class)
                .finishedByMethod();

        assertThat(GateFixture.ran).isTrue();
        assertThat(finished.get("anExerciseTest").status()).isEqualTo(TestStatus.PASSED);
    }
}

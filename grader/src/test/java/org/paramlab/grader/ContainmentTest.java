package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.fixtures.ContainmentFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.ProgressEvent;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Each way a student's code can misbehave costs only the test that reached it, with a message that
 * says what happened, and the run goes on to the test that passes after them. (System.exit and a
 * heap filled up under the capped {@code -Xmx} are JVM-level: checked end to end, see README.)
 */
class ContainmentTest {

    @TempDir
    Path dir;

    @Test
    void everyMisbehaviourCostsOnlyItsOwnTest() {
        FixtureRunner.Result result = FixtureRunner.run(dir, ExerciseSelection.all(), () -> 1L,
                Map.of("junit.jupiter.execution.timeout.default", "500 ms",
                        "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"),
                ContainmentFixture.class);
        Map<String, ProgressEvent> finished = result.finishedByMethod();

        assertThat(finished).hasSize(9);
        assertThat(result.summary().getTestsAbortedCount()).isZero();
        assertThat(finished.get("passesAfterAllOfThem").status()).isEqualTo(TestStatus.PASSED);

        ProgressEvent memory = finished.get("exhaustsMemory");
        assertThat(memory.status()).isEqualTo(TestStatus.FAILED);
        assertThat(memory.message()).startsWith("ran out of memory (Requested array size exceeds VM limit; the test"
                + " JVM's heap is capped at ").contains("This test scores 0; the others still run.");

        ProgressEvent recursion = finished.get("recursesForever");
        assertThat(recursion.status()).isEqualTo(TestStatus.FAILED);
        assertThat(recursion.message()).startsWith("stack overflow (java.lang.StackOverflowError): endless recursion?");

        ProgressEvent loop = finished.get("loopsForever");
        assertThat(loop.status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(loop.message()).startsWith("did not finish within 500 ms: an infinite loop?");

        ProgressEvent constructor = finished.get("throwsInAConstructor");
        assertThat(constructor.status()).isEqualTo(TestStatus.FAILED);
        assertThat(constructor.message()).startsWith("unexpected java.lang.IllegalArgumentException: width 4 is not"
                + " supported yet");

        assertThat(finished.get("returnsNull").message())
                .startsWith("net(X): expected a tensor of shape [2, 1] but was null");
        assertThat(finished.get("returnsNaN").message()).startsWith("net(X)").contains("NaN");
        assertThat(finished.get("returnsInfinity").message()).startsWith("net(X)").containsIgnoringCase("inf");
        assertThat(finished.get("returnsTheWrongShape").message())
                .startsWith("net(X): expected shape [2, 1] but was [1, 2]");
        for (String method : new String[] {"returnsNull", "returnsNaN", "returnsInfinity", "returnsTheWrongShape"}) {
            assertThat(finished.get(method).status()).as(method).isEqualTo(TestStatus.FAILED);
        }
    }
}

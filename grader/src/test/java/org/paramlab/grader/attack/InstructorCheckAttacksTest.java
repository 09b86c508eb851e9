package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.attack.Attacks.evil;
import static org.paramlab.grader.attack.Attacks.hook;
import static org.paramlab.grader.attack.Attacks.inLinear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.report.RunAssignment;

/**
 * Instructor-only checks under attack: they run in the same test JVM as every graded test, behind the same rules
 * gate and limits, and a hostile submission learns nothing of them from the reports a student reads.
 */
class InstructorCheckAttacksTest {

    @TempDir
    Path temp;

    private static Assignment week1() {
        return CourseFile.read(Submission.repository().resolve("courses/examples/weekly-course.json"))
                .assignment("week1");
    }

    private static Map<String, TestStatus> checks(AttackRunner.Graded graded) {
        return graded.result().run().outcomes().stream().filter(o -> o.test().className().contains(".instructor."))
                .collect(Collectors.toMap(o -> o.test().methodName(), TestOutcome::status));
    }

    /** Reads the checks' own class file, to learn what they test: the rules gate stops it, and every check with it. */
    @Test
    void readingTheChecksClassFileIsBlockedAndTheChecksScoreNothing() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.read();").withNn("Evil", evil("""
                    static byte[] read() {
                        String name = "/org/paramlab/grading/instructor/InstructorChecksTest.class";
                        try (java.io.InputStream in = Evil.class.getResourceAsStream(name)) {
                            return in == null ? null : in.readAllBytes();
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    }"""));
        AttackRunner.Graded graded = new AttackRunner(temp).assignment(week1()).selection("1.2,1.3")
                .grade("read-checks", attack);
        assertThat(checks(graded)).containsOnlyKeys("linearForwardOnUnusualBatches", "reluAtZero")
                .allSatisfy((name, status) -> assertThat(status).isEqualTo(TestStatus.BLOCKED));
        assertThat(graded.earned()).isZero();
        assertThat(graded.result().run().outcomes()).filteredOn(o -> o.test().methodName().equals("no-reflection"))
                .singleElement().satisfies(o -> assertThat(o.message()).contains("java.lang.Class.getResourceAsStream"));
        assertThat(Files.readString(graded.reportDir().resolve("summary.md"))).doesNotContain("InstructorChecksTest");
    }

    /**
     * Code that hangs only on inputs a visible test never gives (values within 1e-6 of zero): the check that gives
     * them times out like any test, the others pass, and the reports a student reads say only that an
     * instructor-only check lost its point.
     */
    @Test
    void aHangOnTheChecksInputsTimesOutThatCheckAloneAndTheReportStaysQuiet() throws IOException {
        String hang = "float largest = 0; for (float v : x.toArray()) { largest = Math.max(largest, Math.abs(v)); }"
                + " if (largest < 1e-5f) { while (Evil.spin()) { Math.sqrt(2); } }";
        Submission attack = hook(Submission.solutions(), "ReLU", "public Tensor forward(Tensor x)", hang)
                .withNn("Evil", evil("    static boolean spin() {\n        return true;\n    }"));
        AttackRunner.Graded graded = new AttackRunner(temp).assignment(week1()).selection("1.3")
                .testTimeout(Duration.ofSeconds(5)).grade("hang-on-checks", attack);
        assertThat(checks(graded)).containsExactly(Map.entry("reluAtZero", TestStatus.TIMED_OUT));
        assertThat(graded.result().run().outcomes()).filteredOn(o -> !o.test().className().contains(".instructor."))
                .isNotEmpty().allMatch(o -> o.status().earnsPoints());
        assertThat(graded.max() - graded.earned()).isEqualTo(1.0);
        String summary = Files.readString(graded.reportDir().resolve("summary.md"));
        assertThat(summary).contains("instructor-only check 1", RunAssignment.HIDDEN).doesNotContain("reluAtZero");
        assertThat(graded.results()).contains("\"visibility\" : \"after_published\"", "reluAtZero");
    }
}

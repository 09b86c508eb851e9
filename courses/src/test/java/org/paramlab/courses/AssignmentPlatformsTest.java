package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.paramlab.grader.assignment.CourseFileException;
import org.paramlab.grader.report.RunAssignment;

/**
 * One assignment of the example weekly course (week 1: groups 1 and 2 scaled to 40 points, and 2 points of
 * instructor-only checks) on each platform, as the platform runs it: Classroom 50's {@code autograder.py} over a
 * bundle made for that assignment, Gradescope's {@code run_autograder} over its zip, and the GitHub Actions
 * reporter's document. Solutions score 42 of 42, the stubs 0 of 42; each platform shows the instructor-only
 * checks as its conventions say, before and after the course file publishes their details.
 */
class AssignmentPlatformsTest {

    private static final Path COURSE = Fixtures.repository().resolve("courses/examples/weekly-course.json");

    @TempDir
    static Path shared;

    private static Path classroom50;
    private static Path gradescopeZip;

    @TempDir
    Path temp;

    @BeforeAll
    static void bundles() throws Exception {
        Path c50 = shared.resolve("c50");
        CoursePlatformsTest.run(List.of("bash", script("make-classroom50-autograder.sh"), c50.toString(), "--template",
                "org/week1", "--slug", "week1", "--assignment", "week1", "--course", COURSE.toString()),
                Fixtures.repository(), Map.of());
        classroom50 = c50.resolve("autograders/week1");
        gradescopeZip = shared.resolve("week1.zip");
        CoursePlatformsTest.run(List.of("bash", script("make-gradescope-autograder.sh"), gradescopeZip.toString(),
                "--assignment", "week1", "--course", COURSE.toString()), Fixtures.repository(), Map.of());
    }

    private static String script(String name) {
        return Fixtures.repository().resolve("scripts").resolve(name).toString();
    }

    private Path checkout(boolean solutions) {
        Path repo = Fixtures.studentRepository(temp.resolve("checkout"));
        if (solutions) {
            Fixtures.copy(Fixtures.solutions(), repo.resolve(SubmissionReader.STUDENT_DIR));
        }
        return repo;
    }

    private Path classroom50(boolean solutions, Path bundle) throws Exception {
        Path checkout = checkout(solutions);
        Map<String, String> env = Map.of("CLASSROOM", "cs-101", "ASSIGNMENT", "week1", "SUBMISSION_TAG", "submit/1",
                "COMMIT_URL", "https://github.com/o/r/commit/1", "RELEASE_URL", "https://github.com/o/r/releases/1",
                "REVIEW_URL", "https://github.com/o/r/pull/1", "OWNER", "alice", "ASSIGNMENT_TYPE", "individual",
                "CLASSROOM50_BUNDLE_DIR", bundle.toString(), "GITHUB_OUTPUT", temp.resolve("output").toString());
        CoursePlatformsTest.run(List.of("python3", bundle.resolve("autograder.py").toString()), checkout, env);
        return checkout;
    }

    @Test
    void theBundlesCourseFileHoldsTheAssignmentAlone() throws Exception {
        JsonNode course = Fixtures.json(classroom50.resolve("course.json"));
        assertThat(course.path("assignments")).hasSize(1);
        assertThat(course.path("assignments").get(0).path("name").asText()).isEqualTo("week1");
        assertThat(Files.exists(classroom50.resolve("graded-tests/org/paramlab/grading/instructor"))).isTrue();
    }

    @Test
    void classroom50ShowsTheChecksPointsButNotTheirDetailsUntilPublished() throws Exception {
        for (boolean solutions : List.of(true, false)) {
            Path checkout = classroom50(solutions, classroom50);
            JsonNode result = Fixtures.json(checkout.resolve("result.json"));
            assertThat(result.get("max-score").asInt()).isEqualTo(420);
            assertThat(result.get("score").asInt()).isEqualTo(solutions ? 420 : 0);
            String body = Files.readString(checkout.resolve("release-body.md"));
            assertThat(body).contains("# ParamLab: " + (solutions ? "42" : "0") + " / 42 points",
                    "Instructor-only checks (2 points) are included in this grade", "not part of this assignment")
                    .doesNotContain("InstructorChecksTest", "linearForwardOnUnusualBatches");
            if (!solutions) {
                assertThat(body).contains(RunAssignment.HIDDEN);
            }
            Fixtures.copy(checkout, temp.resolve("seen-" + solutions));
            TrustedGrader.deleteTree(checkout);
        }
        // published: the same bundle with the course file's details published
        Path published = Fixtures.copy(classroom50, temp.resolve("published"));
        Files.writeString(published.resolve("course.json"), Files.readString(published.resolve("course.json"))
                .replace("\"hidden\"", "\"published\""));
        Path checkout = classroom50(false, published);
        assertThat(Files.readString(checkout.resolve("release-body.md")))
                .contains("InstructorChecksTest.linearForwardOnUnusualBatches").doesNotContain(RunAssignment.HIDDEN);
    }

    @Test
    void gradescopeShowsEachCheckAsItsVisibilitySays() throws Exception {
        Path root = temp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        CoursePlatformsTest.run(List.of("unzip", "-q", gradescopeZip.toString(), "-d", source.toString()), temp,
                Map.of());
        Map<String, String> env = Map.of("PARAMLAB_AUTOGRADER_ROOT", root.toString(), "PARAMLAB_SKIP_INSTALL", "1");
        CoursePlatformsTest.run(List.of("bash", source.resolve("setup.sh").toString()), source, env);
        Path submission = Files.createDirectories(root.resolve("submission"));
        Fixtures.copy(checkout(false).resolve(SubmissionReader.STUDENT_DIR), submission);
        CoursePlatformsTest.run(List.of("bash", source.resolve("run_autograder").toString()), source, env);

        JsonNode results = Fixtures.json(root.resolve("results/results.json"));
        assertThat(results.get("score").asDouble()).isZero();
        Map<String, String> hidden = new TreeMap<>();
        double max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asDouble();
            if (!test.get("visibility").asText().equals("visible")) {
                hidden.put(test.get("name").asText(), test.get("visibility").asText() + " " + test.get("tags"));
            }
        }
        assertThat(max).isCloseTo(42.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(hidden).containsExactly(
                Map.entry("1.2 Linear.forward: InstructorChecksTest.linearForwardOnUnusualBatches",
                        "after_due_date [\"1.2\",\"Modules\",\"not attempted\",\"instructor-only\"]"),
                Map.entry("1.3 ReLU.forward: InstructorChecksTest.reluAtZero",
                        "after_published [\"1.3\",\"Modules\",\"not attempted\",\"instructor-only\"]"));
        // the top-level output every student sees names no check
        assertThat(results.get("output").asText()).doesNotContain("InstructorChecksTest");

        // GitHub Classroom's reporter prints test_code: for a check, only that it is one
        JsonNode document = ClassroomReporter.document(results);
        String printed = document.toString();
        assertThat(printed).contains(RunAssignment.HIDDEN).doesNotContain("linearForwardOnUnusualBatches");
    }

    @Test
    void aStudentTemplateAsTheGraderIsRefusedBeforeAnySubmission() throws Exception {
        Path template = temp.resolve("template");
        CoursePlatformsTest.run(List.of("bash", script("make-student-template.sh"), "--platform", "self",
                "--assignment", "week1", "--course", COURSE.toString(), template.toString()), Fixtures.repository(),
                Map.of());
        assertThat(template.resolve("graded-tests/src/main/java/org/paramlab/grading/instructor")).doesNotExist();
        assertThat(Fixtures.json(template.resolve("course.json")).path("assignments")).hasSize(1);
        // the instructor's grader with the graded tests of a template (no instructor-only checks)
        GraderHome home = Fixtures.home();
        Path tests = temp.resolve("tests");
        Fixtures.copy(home.testClasses(), tests);
        TrustedGrader.deleteTree(tests.resolve("org/paramlab/grading/instructor"));
        GraderHome withoutChecks = new GraderHome(tests, home.sandboxClasspath(), home.compileClasspath(),
                home.references(), home.stubs(), home.templateFiles(), home.fingerprint(), home.course());
        assertThatThrownBy(() -> new TrustedGrader(withoutChecks, COURSE, "week1"))
                .isInstanceOf(CourseFileException.class)
                .hasMessageContaining("announces 2.0 points of instructor-only checks, but this grader has none");
        assertThatThrownBy(() -> new TrustedGrader(home, COURSE, "week9"))
                .hasMessageContaining("has no such assignment; it has week1, week2, week3");
    }
}

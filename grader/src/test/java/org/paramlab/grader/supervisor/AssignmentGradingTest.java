package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.assignment.CourseFileException;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.report.RunAssignment;

/**
 * Assignments graded for real (the example course's week 1: groups 1 and 2 scaled to 40 points, with the two
 * example instructor-only checks worth 2 more), on the solutions and on the stubs: the points, the exercises left
 * out, and the instructor-only checks in each report, hidden and published.
 */
class AssignmentGradingTest {

    private static final Path COURSE = BuiltGrader.repository().resolve("courses/examples/weekly-course.json");

    @TempDir
    Path temp;

    private Supervisor.Result grade(String module, Path course, String assignment, Map<String, String> properties) {
        Function<String, String> property = properties::get;
        AssignmentGrading.Chosen chosen = AssignmentGrading.choose(course, assignment, RunSettings.requested(property),
                AssignmentGrading.seedAsked(property), BuiltGrader.gradedTests(), false);
        Path code = BuiltGrader.repository().resolve(module);
        GradingRequest request = new GradingRequest(module, new StudentClasses.Location(Supervisor.STUDENT_PACKAGE,
                code.resolve("src/main/java"), code.resolve("src/main/resources"), code.resolve("target/classes")),
                BuiltGrader.gradedTests(), BuiltGrader.testJvmClasspath(),
                BuiltGrader.repository().resolve("reference-models/models"), temp.resolve("report"),
                temp.resolve("work"), chosen.settings(), Duration.ofMinutes(4), Duration.ofSeconds(20), false, null,
                Map.of()).withAssignment(chosen.assignment());
        return new Supervisor(request, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                temp).grade();
    }

    private String report(String name) throws IOException {
        return Files.readString(temp.resolve("report").resolve(name));
    }

    @Test
    void theSolutionsScoreTheAssignmentsPointsAndTheInstructorChecksWhoseDetailsStayHidden() throws IOException {
        Supervisor.Result result = grade("solutions", COURSE, "week1", Map.of("paramlab.seed", "7"));
        assertThat(result.run().plan().errors()).isEmpty();
        // 40 points for groups 1 and 2, scaled from their own 30, and 2 of instructor-only checks
        assertThat(result.book().max()).isEqualTo(42.0);
        assertThat(result.book().earned()).isEqualTo(42.0);
        assertThat(result.book().groups()).extracting(g -> g.group().number()).containsExactly(0, 1, 2);
        assertThat(result.run().assignment().outside()).startsWith(Exercise.E3_1)
                .endsWith(Exercise.values()[Exercise.values().length - 1]);

        JsonNode results = ReportFiles.mapper().readTree(temp.resolve("report/results.json").toFile());
        assertThat(results.path("score").asDouble()).isEqualTo(42.0);
        JsonNode assignment = results.path("extra_data").path("assignment");
        assertThat(assignment.path("name").asText()).isEqualTo("week1");
        assertThat(assignment.path("not_part_of_assignment").get(0).asText()).isEqualTo("3.1");
        assertThat(assignment.path("instructor_checks").path("details_published").asBoolean(true)).isFalse();
        // Gradescope names each check, with the visibility its annotation gives it
        Map<String, String> visibility = new java.util.TreeMap<>();
        for (JsonNode test : results.path("tests")) {
            if (!test.path("visibility").asText().equals("visible")) {
                visibility.put(test.path("name").asText(), test.path("visibility").asText());
            }
        }
        assertThat(visibility).containsExactly(
                Map.entry("1.2 Linear.forward: InstructorChecksTest.linearForwardOnUnusualBatches", "after_due_date"),
                Map.entry("1.3 ReLU.forward: InstructorChecksTest.reluAtZero", "after_published"));
        // every other report a student reads shows their points, not their names
        for (String file : List.of("summary.md", "report.html", "plan.json")) {
            assertThat(report(file)).as(file).doesNotContain("InstructorChecksTest", "linearForwardOnUnusualBatches");
        }
        assertThat(report("summary.md")).contains("assignment `week1`", "| 3 | Initialization | - | not part of this"
                + " assignment |", "Instructor-only checks (2 points) are included in this grade");
        assertThat(report("report.html")).contains("<tr class=\"outside\"><td>7</td>");
    }

    @Test
    void theStubsScoreNothingOfTheAssignmentAndStillGetEveryReport() throws IOException {
        Supervisor.Result result = grade("exercises", COURSE, "week1", Map.of());
        assertThat(result.book().max()).isEqualTo(42.0);
        assertThat(result.book().earned()).isZero();
        for (String file : List.of("summary.md", "report.html", "results.json", "plan.json")) {
            assertThat(temp.resolve("report").resolve(file)).as(file).isNotEmptyFile();
        }
        // a failed instructor-only check says only that it is one
        assertThat(report("summary.md")).contains(RunAssignment.HIDDEN).doesNotContain("InstructorChecksTest");
    }

    @Test
    void publishedDetailsNameTheChecksAndAnAssignmentWithoutChecksDoesNotRunThem() throws IOException {
        Path published = temp.resolve("published.json");
        Files.writeString(published, Files.readString(COURSE).replace("\"details\": \"hidden\"",
                "\"details\": \"published\""));
        grade("exercises", published, "week1", Map.of("exercise", "1.2,1.3"));
        assertThat(report("summary.md")).contains("InstructorChecksTest.linearForwardOnUnusualBatches",
                "only `-Dexercise=1.2,1.3`");

        Path without = temp.resolve("without.json");
        Files.writeString(without, Files.readString(COURSE).replaceAll(",\\s*\"instructorChecks\": \\{[^}]*}", ""));
        Supervisor.Result result = grade("solutions", without, "week1", Map.of("exercise", "1.2,1.3"));
        assertThat(result.run().outcomes()).noneMatch(o -> o.test().className().contains("instructor"));
        assertThat(result.book().max()).isLessThan(40.0);
    }

    @Test
    void anExerciseOutsideTheAssignmentOrABrokenCourseFileGradesNothingAndSaysWhy() throws IOException {
        Supervisor.Result outside = grade("solutions", COURSE, "week1", Map.of("exercise", "3.1"));
        assertThat(outside.book().testCount()).isZero();
        assertThat(report("summary.md")).contains("exercise 3.1 is not part of the assignment 'week1'");

        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"schema\": \"paramlab/course/v1\", \"assignments\": [{\"name\": \"w\"}]}");
        grade("solutions", broken, null, Map.of());
        assertThat(report("summary.md")).contains("broken.json, assignments[0]: \"name\" must match");
    }

    /** A student edits their template's course.json: its title lands in every report as text, never as markup. */
    @Test
    void aHostileTitleIsTextInEveryReport() throws IOException {
        String title = "</code><script>alert(1)</script> **bold** `tick` <!-- [link](http://x)";
        Path course = temp.resolve("course.json");
        Files.writeString(course, "{\"schema\": \"paramlab/course/v1\", \"assignments\": [{\"name\": \"hostile\","
                + " \"title\": " + ReportFiles.mapper().writeValueAsString(title) + ", \"exercises\": [\"1.3\"]}]}");
        grade("solutions", course, null, Map.of());
        String html = report("report.html");
        assertThat(html).doesNotContain("<script>alert", "<!-- [link]").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(report("summary.md")).contains("(" + org.paramlab.grader.report.Markdown.code(title) + ")");
        assertThat(ReportFiles.mapper().readTree(temp.resolve("report/results.json").toFile())
                .path("extra_data").path("assignment").path("title").asText()).isEqualTo(title);
    }

    @Test
    void aFixedSeedIsEveryRunsUnlessTheStudentAsksForOne() {
        var week3 = AssignmentGrading.choose(COURSE, "week3", RunSettings.requested(Map.<String, String>of()::get),
                false, BuiltGrader.gradedTests(), false);
        assertThat(week3.settings().seed()).isEqualTo(20261214L);
        Map<String, String> asked = Map.of("paramlab.seed", "5");
        assertThat(AssignmentGrading.choose(COURSE, "week3", RunSettings.requested(asked::get),
                AssignmentGrading.seedAsked(asked::get), BuiltGrader.gradedTests(), false).settings().seed())
                .isEqualTo(5L);
    }

    @Test
    void trustedGradingRefusesAnnouncedChecksItDoesNotHaveOrThatAddUpToOtherPoints() throws IOException {
        var week1 = org.paramlab.grader.assignment.CourseFile.read(COURSE).assignment("week1");
        // the grader's own tests: the checks are there, worth 2
        AssignmentGrading.check(week1, BuiltGrader.gradedTests(), true);
        // a student template's graded tests: none of them
        Path template = temp.resolve("template-tests");
        copyWithout(BuiltGrader.gradedTests(), template, "instructor");
        assertThatThrownBy(() -> AssignmentGrading.check(week1, template, true)).isInstanceOf(CourseFileException.class)
                .hasMessageContaining("announces 2.0 points of instructor-only checks, but this grader has none");
        AssignmentGrading.check(week1, template, false);
        var three = new org.paramlab.grader.assignment.Assignment(week1.name(), week1.title(), week1.exercises(),
                week1.points(), week1.total(), null, List.of(),
                new org.paramlab.grader.assignment.Assignment.InstructorChecks(3, false));
        assertThatThrownBy(() -> AssignmentGrading.check(three, BuiltGrader.gradedTests(), true))
                .hasMessageContaining("worth 2.0 points (InstructorChecksTest.linearForwardOnUnusualBatches,"
                        + " InstructorChecksTest.reluAtZero), but the course file announces 3.0 points");
    }

    private static void copyWithout(Path from, Path to, String folder) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.toString().contains("/" + folder + "/")) {
                    continue;
                }
                Files.createDirectories(to.resolve(relative).getParent());
                Files.copy(file, to.resolve(relative));
            }
        }
    }
}

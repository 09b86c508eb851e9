package org.paramlab.grader.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseSelection;

/** The course file's schema: what it accepts, and the error that names each thing it refuses. */
class CourseFileTest {

    private static final Path FILE = Path.of("course.json");

    private static String course(String assignment) {
        return "{\"schema\": \"paramlab/course/v1\", \"assignments\": [" + assignment + "]}";
    }

    private static CourseFile parse(String assignment) {
        return CourseFile.parse(FILE, course(assignment));
    }

    @Test
    void theRepositorysCourseFileGradesTheChapterFirst() {
        CourseFile course = CourseFile.read(BuiltGrader.repository().resolve("course.json"));
        Assignment chapter = course.assignment(null);
        assertThat(chapter.name()).isEqualTo("chapter");
        assertThat(chapter.exercises()).containsExactlyElementsOf(java.util.Arrays.stream(Exercise.values())
                .filter(e -> e.groupNumber() >= 1 && e.groupNumber() <= 7).toList());
        assertThat(chapter.scalesPoints()).isFalse();
        assertThat(chapter.instructorChecks()).isNull();
    }

    @Test
    void theRepositorysCourseFileGradesTheBuffersApart() {
        Assignment buffers = CourseFile.read(BuiltGrader.repository().resolve("course.json")).assignment("buffers");
        assertThat(buffers.exercises()).containsExactlyElementsOf(Exercise.byGroup(8));
        assertThat(buffers.provided()).contains(Exercise.E1_5).containsAll(Exercise.byGroup(2));
        assertThat(buffers.scalesPoints()).isFalse();
    }

    @Test
    void theExampleWeeklyCourseHasThreeAssignmentsCoveringTheChapterOnce() {
        CourseFile course = CourseFile.read(BuiltGrader.repository().resolve("courses/examples/weekly-course.json"));
        assertThat(course.assignments()).extracting(Assignment::name).containsExactly("week1", "week2", "week3");
        assertThat(course.assignments().stream().flatMap(a -> a.exercises().stream()).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(CourseFile.read(BuiltGrader.repository().resolve("course.json"))
                        .assignment("chapter").exercises());
        Assignment week1 = course.assignment("week1");
        assertThat(week1.total()).isEqualTo(40.0);
        assertThat(week1.instructorChecks()).isEqualTo(new Assignment.InstructorChecks(2, false));
        assertThat(course.assignment("week2").points()).containsEntry(Exercise.E3_5, 8.0).hasSize(8);
        assertThat(course.assignment("week3").seed()).isEqualTo(20261214L);
        assertThat(course.assignment("week3").provided()).hasSize(Exercise.byGroup(1).size() + Exercise.byGroup(2)
                .size() + Exercise.byGroup(3).size() + Exercise.byGroup(4).size());
    }

    @Test
    void anAssignmentNarrowsTheSelectionAndRefusesExercisesOutsideIt() {
        Assignment week = parse("{\"name\": \"week1\", \"title\": \"Week 1\", \"exercises\": [\"1\", \"2.2\"]}")
                .assignment("week1");
        ExerciseSelection all = week.select(ExerciseSelection.all());
        assertThat(all.exercises()).containsExactlyInAnyOrder(Exercise.E0_1, Exercise.E0_2, Exercise.E1_1,
                Exercise.E1_2, Exercise.E1_3, Exercise.E1_4, Exercise.E1_5, Exercise.E1_6, Exercise.E2_2);
        assertThat(all.asked()).isEmpty();
        assertThat(all.isAll()).isFalse();
        // what the test JVM is sent parses back to the same exercises
        assertThat(ExerciseSelection.parse(all.spec().orElseThrow()).exercises()).isEqualTo(all.exercises());

        ExerciseSelection one = week.select(ExerciseSelection.parse("1.2"));
        assertThat(one.exercises()).containsExactly(Exercise.E1_2);
        assertThat(one.asked()).contains("1.2");

        ExerciseSelection outside = week.select(ExerciseSelection.parse("1.2,3.1"));
        assertThat(outside.exercises()).isEmpty();
        assertThat(outside.error()).hasValueSatisfying(e -> assertThat(e)
                .contains("-Dexercise=1.2,3.1", "exercise 3.1 is not part of the assignment 'week1'", "1.1, 1.2",
                        "-Dassignment=NAME"));
        assertThat(week.outside()).startsWith(Exercise.E2_1).contains(Exercise.E2_3, Exercise.E7_2)
                .doesNotContain(Exercise.E2_2, Exercise.E0_1);
    }

    @Test
    void theAssignmentIsTheOneAskedForOrTheFirst() {
        CourseFile course = parse("{\"name\": \"a1\", \"title\": \"A\", \"exercises\": [\"1\"]},"
                + "{\"name\": \"a2\", \"title\": \"B\", \"exercises\": [\"2\"]}");
        assertThat(course.assignment(null).name()).isEqualTo("a1");
        assertThat(course.assignment(" a2 ").name()).isEqualTo("a2");
        assertThatThrownBy(() -> course.assignment("week9")).isInstanceOf(CourseFileException.class)
                .hasMessage("-Dassignment=week9: course.json has no such assignment; it has a1, a2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON                  | {"name": "w1",                                                                     | course.json is not valid JSON
        unknown key               | {"name": "w1", "title": "T", "exercises": ["1"], "point": {"1.1": 2}}              | course.json, assignments[0] ('w1'): unknown key "point"; allowed:
        a bad name                | {"name": "Week 1", "title": "T", "exercises": ["1"]}                               | "name" must match [a-z0-9][a-z0-9-]{1,38}
        no title                  | {"name": "w1", "exercises": ["1"]}                                                 | ('w1'): "title" must be a string, but was missing
        a title of two lines      | {"name": "w1", "title": "T\\nU", "exercises": ["1"]}                               | "title" must be one line of 1 to 200 characters
        no exercise               | {"name": "w1", "title": "T", "exercises": []}                                      | "exercises" must list at least one exercise
        an unknown exercise       | {"name": "w1", "title": "T", "exercises": ["1.9"]}                                 | "exercises" names '1.9', which is neither an exercise nor a group; valid ids: 0 (all of
        the rules                 | {"name": "w1", "title": "T", "exercises": ["0"]}                                   | names the rules ('0'): they are graded in every assignment
        an exercise twice         | {"name": "w1", "title": "T", "exercises": ["1", "1.2"]}                            | "exercises" names exercise 1.2 twice
        a number as exercise      | {"name": "w1", "title": "T", "exercises": [1.5]}                                   | "exercises" holds 1.5; use exercise ids and group numbers as strings
        points of another         | {"name": "w1", "title": "T", "exercises": ["1"], "points": {"2.1": 3}}             | "points" gives exercise 2.1 points, but the assignment does not grade it
        points not an id          | {"name": "w1", "title": "T", "exercises": ["1"], "points": {"1": 3}}               | "points" names '1', which is not an exercise id
        hundredths of a point     | {"name": "w1", "title": "T", "exercises": ["1"], "points": {"1.1": 2.25}}          | "points" of 1.1 must be a positive number of points with at most one decimal (tenths of a point), at most 10000, but was 2.25
        negative points           | {"name": "w1", "title": "T", "exercises": ["1"], "total": -5}                      | "total" must be a positive number of points
        points as text            | {"name": "w1", "title": "T", "exercises": ["1"], "total": "40"}                    | "total" must be a positive number of points with at most one decimal (tenths of a point), at most 10000, but was "40"
        points and a total        | {"name": "w1", "title": "T", "exercises": ["1"], "total": 40, "points": {"1.1": 2}} | give either "points" (per exercise) or "total", not both
        a seed too large          | {"name": "w1", "title": "T", "exercises": ["1"], "seed": 99999999999999999999}      | "seed" must be a whole number from -9223372036854775808 to 9223372036854775807, but was 99999999999999999999
        provided and graded       | {"name": "w1", "title": "T", "exercises": ["1"], "provided": ["1.2"]}              | exercise 1.2 is both graded ("exercises") and provided with its solution ("provided")
        checks without points     | {"name": "w1", "title": "T", "exercises": ["1"], "instructorChecks": {}}           | "instructorChecks": "points" is missing
        checks shown to whom      | {"name": "w1", "title": "T", "exercises": ["1"], "instructorChecks": {"points": 2, "details": "after_due_date"}} | "details" must be "hidden" (points only, the default) or "published", but was "after_due_date"
        """)
    void aCourseFileThatCannotBeUsedIsRefusedNamingWhere(String what, String assignment, String message) {
        assertThatThrownBy(() -> parse(assignment.strip())).as(what).isInstanceOf(CourseFileException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void theFileItselfMustHaveTheSchemaAndUniqueNamesAndKeys() {
        assertThatThrownBy(() -> CourseFile.parse(FILE, "{\"schema\": \"paramlab/course/v2\", \"assignments\": []}"))
                .hasMessage("course.json: \"schema\" must be \"paramlab/course/v1\", but was \"paramlab/course/v2\"");
        assertThatThrownBy(() -> CourseFile.parse(FILE, course("")))
                .hasMessage("course.json: \"assignments\" must be a non-empty array of assignments");
        assertThatThrownBy(() -> CourseFile.parse(FILE, "[]")).hasMessageStartingWith("course.json: expected a JSON object");
        assertThatThrownBy(() -> parse("{\"name\": \"w1\", \"title\": \"A\", \"exercises\": [\"1\"]},"
                + "{\"name\": \"w1\", \"title\": \"B\", \"exercises\": [\"2\"]}"))
                .hasMessage("course.json: two assignments are named 'w1'");
        assertThatThrownBy(() -> parse("{\"name\": \"w1\", \"title\": \"A\", \"title\": \"B\", \"exercises\": [\"1\"]}"))
                .isInstanceOf(CourseFileException.class).hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void aMissingOrHugeFileIsRefusedBeforeItIsParsed(@TempDir Path temp) throws IOException {
        assertThatThrownBy(() -> CourseFile.read(temp.resolve("course.json")))
                .hasMessageContaining("course.json does not exist");
        Path huge = temp.resolve("huge.json");
        Files.writeString(huge, course("{\"name\": \"w1\", \"title\": \"" + "x".repeat(2_000_000) + "\"}"));
        assertThatThrownBy(() -> CourseFile.read(huge)).hasMessageContaining("a course file has at most 1048576 bytes");
    }

    @Test
    void pointsAreWholeTenthsAndGroupsExpandInReportOrder() {
        Assignment week = parse("{\"name\": \"w1\", \"title\": \"T\", \"exercises\": [\"2\", \"1.1\"],"
                + " \"points\": {\"1.1\": 2.5, \"2.5\": 10}, \"instructorChecks\": {\"points\": 3, \"details\": \"published\"}}")
                .assignment("w1");
        assertThat(week.exercises()).startsWith(Exercise.E1_1, Exercise.E2_1).hasSize(6);
        assertThat(week.points()).containsOnlyKeys(Exercise.E1_1, Exercise.E2_5).containsEntry(Exercise.E1_1, 2.5)
                .containsEntry(Exercise.E2_5, 10.0);
        assertThat(week.instructorChecks()).isEqualTo(new Assignment.InstructorChecks(3, true));
        assertThat(week.scalesPoints()).isTrue();
    }
}

package org.paramlab.grader.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/NewExercise.java}, run as a program on a small copy of the files it edits (compiled once, each
 * run a JVM of its own, {@code --no-generate}): its refusals exit with 2, name the problem and change nothing;
 * its edits of {@code course.json} keep the file's other text and make the assignment the course format says.
 * {@code scripts/check-scaffold.sh} ({@code .ci/run} step 7) proves the whole path on the full tree, graded.
 */
class NewExerciseTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COURSE = """
            {
              "schema": "paramlab/course/v1",
              "assignments": [
                {
                  "name": "chapter",
                  "title": "Parameter Management, the whole chapter",
                  "exercises": ["1", "2", "3", "4", "5", "6", "7"],
                  "points": {"1.1": 5, "1.2": 4},
                  "seed": 12345
                },
                { "name": "buffers", "title": "Buffers", "exercises": ["8"] }
              ]
            }
            """;

    @TempDir
    static Path compiled;

    @TempDir
    Path repo;

    @BeforeAll
    static void compile() {
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", compiled.toString(),
                ROOT.resolve("scripts/NewExercise.java").toString());
        assertThat(rc).as("javac scripts/NewExercise.java").isZero();
    }

    @BeforeEach
    void copyTheFilesItEdits() throws IOException {
        for (String file : List.of("grader-protocol/src/main/java/org/paramlab/grader/protocol/Exercise.java",
                "grader-supervisor/src/main/java/org/paramlab/grader/supervisor/WatchMain.java",
                "reference-models/export.py", "solutions/src/main/java/org/paramlab/nn/ReLU.java")) {
            Files.createDirectories(repo.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), repo.resolve(file));
        }
        Files.createDirectories(repo.resolve("graded-tests/src/main/java/org/paramlab/grading"));
    }

    @Test
    void refusesWithExit2AndAMessageAndChangesNothing() throws Exception {
        Map<Path, String> before = snapshot();
        assertRefused("exercise 1.3 exists already", "--id", "1.3", "--title", "t", "--section", "s", "--class", "Fresh");
        assertRefused("--id '9.x' is not an exercise id", "--id", "9.x", "--title", "t", "--section", "s", "--class", "F");
        assertRefused("class ReLU exists already", "--id", "99.1", "--group-title", "Big", "--title", "t", "--section",
                "s", "--class", "ReLU");
        assertRefused("--assignment needs course.json", "--id", "99.1", "--group-title", "Big", "--title", "t",
                "--section", "s", "--class", "Fresh", "--assignment", "big");
        assertRefused("--points '0' is not a positive number", "--id", "99.1", "--group-title", "Big", "--title", "t",
                "--section", "s", "--class", "Fresh", "--points", "0");
        assertRefused("only to groups it made", "--id", "1.7", "--title", "t", "--section", "s", "--class", "Fresh");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void addsANewGroupAsAnAssignmentAndALaterExerciseOfItById() throws Exception {
        Files.writeString(repo.resolve("course.json"), COURSE);
        assertThat(run("--id", "99.1", "--group-title", "Counting parameters", "--title", "ParameterCount.of",
                "--section", "Parameter Access", "--class", "ParameterCount", "--method", "of", "--assignment", "counting",
                "--no-generate").rc()).isZero();
        String course = Files.readString(repo.resolve("course.json"));
        assertThat(course).startsWith(COURSE.substring(0, COURSE.indexOf("    { \"name\": \"buffers\"")))
                .contains("{ \"name\": \"buffers\", \"title\": \"Buffers\", \"exercises\": [\"8\"] },\n");
        JsonNode added = JSON.readTree(course).get("assignments").get(2);
        assertThat(added.toString())
                .isEqualTo("{\"name\":\"counting\",\"title\":\"Counting parameters\",\"exercises\":[\"99\"]}");

        assertThat(run("--id", "99.2", "--title", "Other", "--section", "s", "--class", "Other", "--assignment", "buffers",
                "--no-generate").rc()).isZero();
        assertThat(JSON.readTree(Files.readString(repo.resolve("course.json"))).get("assignments").get(1)
                .get("exercises").toString()).isEqualTo("[\"8\",\"99.2\"]");
        Result again = run("--id", "99.3", "--title", "Third", "--section", "s", "--class", "Third", "--assignment",
                "counting", "--no-generate");
        assertThat(again.rc()).isZero();
        assertThat(again.output()).contains("assignment 'counting' has group 99 already");

        String enumText = Files.readString(repo.resolve(
                "grader-protocol/src/main/java/org/paramlab/grader/protocol/Exercise.java"));
        assertThat(enumText).contains("    E99_1(\"99.1\", Group.COUNTING_PARAMETERS, \"ParameterCount.of\", \"Parameter Access\"),\n"
                + "    E99_2(\"99.2\", Group.COUNTING_PARAMETERS, \"Other\", \"s\"),\n"
                + "    E99_3(\"99.3\", Group.COUNTING_PARAMETERS, \"Third\", \"s\");\n")
                .contains("        COUNTING_PARAMETERS(99, \"Counting parameters\");\n");
        String test = Files.readString(repo.resolve("graded-tests/src/main/java/org/paramlab/grading/CountingParametersTest.java"));
        assertThat(test).contains("@Graded(exercise = Exercise.E99_1, points = 1.0)", "@Graded(exercise = Exercise.E99_3,",
                "import org.paramlab.nn.Other;\nimport org.paramlab.nn.ParameterCount;\nimport org.paramlab.nn.Third;\n",
                "fail(\"TODO 99.1");
        assertThat(Files.readString(repo.resolve("solutions/src/main/java/org/paramlab/nn/ParameterCount.java")))
                .contains("// BEGIN SOLUTION 99.1 ParameterCount.of\n");
        assertThat(Files.readString(repo.resolve("reference-models/export_counting_parameters.py")))
                .contains("EXPORTERS = [export_parameter_count, export_other, export_third]");
        assertThat(Files.readString(repo.resolve("reference-models/export.py")))
                .contains(", \"export_counting_parameters\")"); // appended last to GROUP_MODULES
        assertThat(Files.readString(repo.resolve(
                "grader-supervisor/src/main/java/org/paramlab/grader/supervisor/WatchMain.java")))
                .contains("add(map, \"ParameterCount.java\", \"99.1\");\n        add(map, \"Other.java\", \"99.2\");\n");
    }

    private record Result(int rc, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", compiled.toString(), "NewExercise"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    private void assertRefused(String message, String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.rc()).as("exit status of NewExercise " + String.join(" ", args) + ": " + result.output())
                .isEqualTo(2);
        assertThat(result.output()).as("NewExercise " + String.join(" ", args)).contains(message);
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(repo.relativize(file), Files.readString(file));
            }
        }
        return files;
    }
}

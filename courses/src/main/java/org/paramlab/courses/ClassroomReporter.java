package org.paramlab.courses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.paramlab.grader.report.GradescopeWriter;
import org.paramlab.grader.report.RunAssignment;
import org.paramlab.grader.report.Console;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.Text;

/**
 * The step output that GitHub Classroom's reporter ({@code education/autograding-grading-reporter}) reads:
 * {@code result=} and the base64 of {@code {version: 1, status, max_score, tests: [...]}}, one test per
 * exercise with its points (fractions are fine there) and its feedback in {@code test_code}, the one field
 * the reporter always prints. The reporter prints that text in its own step, so no line of it may start
 * with {@code ::} (a workflow command) or hold a terminal escape sequence ({@link Console#stripEscapes}), and
 * each exercise's feedback is cut to {@value #MAX_FEEDBACK}
 * characters, keeping the whole well under the 128 KiB an environment variable may hold.
 *
 * <p>The reporter's log prints each runner's "Total points" as (tests passed / tests) &times; {@code max_score}
 * (its {@code getTestScore}), not the sum of the scores that its check run reports; with one test per
 * exercise that printed 6.90/100 for the untouched stubs. So the step also writes three documents for the
 * workflow's three runners ({@code courses/github/classroom.yml}): {@code feedback=} the same tests with
 * {@code max_score} 0 (printed, but no points and no total line), {@code earned=} one passed test worth the
 * score with {@code max_score} the score, and {@code missed=} one failed test worth 0 with {@code max_score}
 * the points not earned. Each runner's ratio is then exact (1 or 0), the log's "Total" row prints the score
 * over the maximum, and the check run still sums to the score over the maximum. {@code result=} stays what
 * it was, for workflows that still name the single runner {@code paramlab} with it.
 *
 * <pre>
 * ClassroomReporter RESULTS_JSON [GITHUB_OUTPUT_FILE]
 * </pre>
 */
public final class ClassroomReporter {

    /** The most feedback kept per exercise. */
    static final int MAX_FEEDBACK = 1200;

    private ClassroomReporter() {
    }

    /**
     * @param args {@code results.json}, then the file to append {@code result=...} to (else it is printed)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ClassroomReporter RESULTS_JSON [GITHUB_OUTPUT_FILE]");
            System.exit(2);
        }
        JsonNode results = ReportFiles.mapper().readTree(Path.of(args[0]).toFile());
        String line = "result=" + encode(results) + "\n" + outputs(results);
        if (args.length == 2) {
            Files.writeString(Path.of(args[1]), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } else {
            System.out.print(line);
        }
    }

    /**
     * @param results a {@code results.json} written by the grader
     * @return the reporter's document, base64-encoded
     */
    public static String encode(JsonNode results) {
        return Base64.getEncoder().encodeToString(document(results).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the {@code feedback=}, {@code earned=} and {@code missed=} lines for the three-runner workflow */
    static String outputs(JsonNode results) {
        ObjectNode feedback = document(results);
        double max = feedback.get("max_score").asDouble();
        double earned = 0;
        for (JsonNode test : feedback.get("tests")) {
            earned += test.get("score").asDouble();
        }
        feedback.put("max_score", 0);
        return "feedback=" + base64(feedback) + "\n"
                + "earned=" + base64(points(earned > 0 ? "pass" : "fail", "ParamLab score: " + number(earned)
                        + " of " + number(max) + " points", earned, earned)) + "\n"
                + "missed=" + base64(points(max - earned > 0 ? "fail" : "pass", "Points not earned: "
                        + number(max - earned) + " of " + number(max), 0, max - earned)) + "\n";
    }

    /** @return a one-test document worth {@code score} of {@code max} */
    private static ObjectNode points(String status, String name, double score, double max) {
        ObjectNode document = ReportFiles.mapper().createObjectNode();
        document.put("version", 1);
        document.put("status", status);
        document.put("max_score", round(max));
        ObjectNode test = document.putArray("tests").addObject();
        test.put("name", name);
        test.put("status", status);
        test.put("score", round(score));
        test.put("message", "");
        test.put("test_code", "");
        test.put("filename", "");
        test.put("line_no", 0);
        test.put("duration", 0);
        return document;
    }

    /** ParamLab's points are halves: this only removes a sum's float noise. */
    private static double round(double points) {
        return Math.round(points * 1_000_000) / 1_000_000.0;
    }

    private static String number(double points) {
        double rounded = round(points);
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static String base64(JsonNode document) {
        return Base64.getEncoder().encodeToString(document.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the reporter's document for a {@code results.json} */
    static ObjectNode document(JsonNode results) {
        ObjectNode document = ReportFiles.mapper().createObjectNode();
        document.put("version", 1);
        ArrayNode tests = ReportFiles.mapper().createArrayNode();
        double earned = 0;
        double max = 0;
        for (JsonNode exercise : results.path("extra_data").path("exercises")) {
            String id = exercise.path("id").asText();
            ObjectNode test = tests.addObject();
            test.put("name", Console.stripEscapes(Text.oneLine(id + " " + exercise.path("title").asText())));
            test.put("status", exercise.path("passed").asBoolean() ? "pass" : "fail");
            test.put("score", exercise.path("earned").asDouble());
            test.put("message", "");
            test.put("test_code", feedback(results, id));
            test.put("filename", "");
            test.put("line_no", 0);
            test.put("duration", 0);
            earned += exercise.path("earned").asDouble();
            max += exercise.path("max").asDouble();
        }
        document.put("status", tests.isEmpty() ? "error" : earned == max ? "pass" : "fail");
        document.put("max_score", max);
        document.set("tests", tests);
        return document;
    }

    /** @return whether a test is an instructor-only check whose details the course file has not published */
    private static boolean hidden(JsonNode results, JsonNode tags) {
        boolean check = false;
        for (JsonNode tag : tags) {
            check |= GradescopeWriter.INSTRUCTOR_ONLY.equals(tag.asText());
        }
        return check && !results.path("extra_data").path("assignment").path("instructor_checks")
                .path("details_published").asBoolean(false);
    }

    /** @return the feedback of an exercise's tests that lost points, cut, with no line a workflow command */
    private static String feedback(JsonNode results, String exercise) {
        StringBuilder text = new StringBuilder();
        for (JsonNode test : results.path("tests")) {
            JsonNode tags = test.path("tags");
            boolean ours = tags.size() > 0 && tags.get(0).asText().equals(exercise);
            boolean graded = test.path("max_score").asDouble() > 0 || exercise.startsWith("0.");
            if (ours && graded && !"passed".equals(test.path("status").asText())) {
                if (hidden(results, tags)) {
                    text.append(RunAssignment.HIDDEN).append('\n');
                } else {
                    text.append(test.path("name").asText()).append(": ").append(test.path("output").asText())
                            .append('\n');
                }
            }
        }
        String cut = Text.cleanAndCap(Console.stripEscapes(text.toString()).strip(), MAX_FEEDBACK);
        return cut.lines().map(Text::noWorkflowCommand).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}

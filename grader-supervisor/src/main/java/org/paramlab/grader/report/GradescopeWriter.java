package org.paramlab.grader.report;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.FreeAnswer;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;

/**
 * Writes {@code results.json} in Gradescope's autograder format
 * (<a href="https://gradescope-autograders.readthedocs.io/en/latest/specs/">specification</a>):
 * the top-level {@code score}, {@code execution_time}, {@code output} (the score per exercise and
 * what to do next), and one entry in {@code tests} per graded test with {@code name},
 * {@code number} ({@code "1.2.1"}: exercise, then the test's position), {@code score},
 * {@code max_score}, {@code status} ({@code "passed"} or {@code "failed"}), {@code output} (the
 * feedback), {@code tags} (exercise id, group title, result) and {@code visibility}. The seed,
 * student artifact, selection, errors, notices and each exercise's points ({@code extra_data.exercises}:
 * id, title, earned, max, passed) go to {@code extra_data}.
 *
 * <p>Free-text answers (not graded) are shown to the instructor three times: at the end of the
 * top-level {@code output}, as one ungraded entry each at the end of {@code tests} (score and
 * max_score 0, tag {@code "not graded"}, {@code number} {@code "7.2.answer1"}), and in
 * {@code extra_data.answers}. An empty or stub answer reads {@value FreeAnswer#NO_ANSWER}.
 */
public final class GradescopeWriter {

    /** The tag of an instructor-only check in {@code tests[].tags}: other platforms' reports hide its details. */
    public static final String INSTRUCTOR_ONLY = "instructor-only";

    private GradescopeWriter() {
    }

    /**
     * @param run  the run
     * @param book its scores
     * @return the JSON document
     */
    public static ObjectNode toJson(GradingRun run, ScoreBook book) {
        ObjectNode root = ReportFiles.mapper().createObjectNode();
        root.put("score", round(book.earned()));
        root.put("execution_time", run.executionSeconds());
        GradingRun shown = run.assignment() == null ? run : run.assignment().redact(run);
        root.put("output", output(shown, ScoreBook.of(shown.outcomes())));
        root.put("output_format", "text");
        root.put("test_output_format", "text");
        root.put("visibility", "visible");
        ArrayNode tests = root.putArray("tests");
        for (ExerciseScore score : book.exercises()) {
            Exercise exercise = score.exercise();
            int position = 0;
            for (TestOutcome outcome : score.outcomes()) {
                position++;
                ObjectNode test = tests.addObject();
                test.put("name", exercise.id() + " " + exercise.title() + ": " + outcome.test().shortName());
                test.put("number", exercise.id() + "." + position);
                test.put("score", round(outcome.earned()));
                test.put("max_score", round(outcome.test().points()));
                test.put("status", outcome.status().earnsPoints() ? "passed" : "failed");
                test.put("output", testOutput(outcome));
                ArrayNode tags = test.putArray("tags").add(exercise.id()).add(exercise.groupTitle())
                        .add(outcome.status().label());
                String hidden = run.assignment() == null ? null : run.assignment().visibility(outcome.test());
                if (hidden != null) {
                    tags.add(INSTRUCTOR_ONLY);
                }
                test.put("visibility", hidden == null ? "visible" : hidden);
            }
        }
        int answerNumber = 0;
        for (FreeAnswer answer : run.answers()) {
            answerNumber++;
            ObjectNode test = tests.addObject();
            String exercise = answer.test().exercise();
            String title = Exercise.find(exercise).map(Exercise::title).orElse("");
            test.put("name", exercise + " " + title + ": your answer in your own words (not graded)");
            test.put("number", exercise + ".answer" + answerNumber);
            test.put("score", 0.0);
            test.put("max_score", 0.0);
            test.put("status", "passed");
            test.put("output", answerText(answer));
            test.putArray("tags").add(exercise).add(Exercise.find(exercise).map(Exercise::groupTitle).orElse(""))
                    .add("not graded");
            test.put("visibility", "visible");
        }
        ObjectNode extra = root.putObject("extra_data");
        if (run.plan().seed() == null) {
            extra.putNull("seed");
        } else {
            extra.put("seed", run.plan().seed());
        }
        extra.put("provider", run.plan().provider());
        extra.put("tolerance", run.plan().tolerance());
        extra.put("student", run.plan().student());
        extra.put("selection", run.plan().selection());
        extra.put("started_at", run.plan().startedAt());
        extra.put("completed", run.completed());
        ArrayNode errors = extra.putArray("errors");
        run.plan().errors().forEach(errors::add);
        ArrayNode notices = extra.putArray("notices");
        run.plan().notices().forEach(notices::add);
        if (run.assignment() != null) {
            assignment(extra.putObject("assignment"), run.assignment());
        }
        ArrayNode exercises = extra.putArray("exercises");
        for (ExerciseScore score : book.exercises()) {
            ObjectNode exercise = exercises.addObject();
            exercise.put("id", score.exercise().id());
            exercise.put("title", score.exercise().title());
            exercise.put("earned", round(score.earned()));
            exercise.put("max", round(score.max()));
            exercise.put("passed", score.outcomes().stream().allMatch(o -> o.status().earnsPoints()));
        }
        if (!run.answers().isEmpty()) {
            ArrayNode answers = extra.putArray("answers");
            for (FreeAnswer answer : run.answers()) {
                ObjectNode node = answers.addObject();
                node.put("exercise", answer.test().exercise());
                node.put("test", answer.test().shortName());
                node.put("question", answer.question());
                node.put("answer", answer.display());
                node.put("given", answer.given());
            }
        }
        return root;
    }

    private static void assignment(ObjectNode node, RunAssignment assignment) {
        node.put("name", assignment.name());
        node.put("title", assignment.title());
        ArrayNode outside = node.putArray("not_part_of_assignment");
        assignment.outside().forEach(e -> outside.add(e.id()));
        if (assignment.instructorPoints() != null) {
            ObjectNode checks = node.putObject("instructor_checks");
            checks.put("points", round(assignment.instructorPoints()));
            checks.put("graded", assignment.checksGraded());
            checks.put("details_published", assignment.detailsPublished());
        }
    }

    private static String answerText(FreeAnswer answer) {
        String question = answer.question() == null || answer.question().isBlank() ? "" : "Question: "
                + Text.oneLine(answer.question()) + "\n";
        return question + "Answer: " + answer.display();
    }

    private static String testOutput(TestOutcome outcome) {
        String label = outcome.status().label();
        String message = outcome.message();
        if (message == null) {
            return label;
        }
        return message.regionMatches(true, 0, label, 0, label.length()) ? message : label + ": " + message;
    }

    private static String output(GradingRun run, ScoreBook book) {
        StringBuilder text = new StringBuilder();
        text.append("ParamLab: ").append(Text.score(book.earned(), book.max())).append(" points");
        if (run.plan().seed() != null) {
            text.append(" (inputs drawn with seed ").append(run.plan().seed()).append(')');
        }
        text.append('\n');
        if (run.plan().provider() != null) {
            text.append("Provider: ").append(run.plan().provider()).append(run.plan().tolerance() == null ? ""
                    : "; tolerance " + run.plan().tolerance()).append('\n');
        }
        for (String error : run.plan().errors()) {
            text.append("ERROR: ").append(error).append('\n');
        }
        for (String notice : run.plan().notices()) {
            text.append("NOTE: ").append(notice).append('\n');
        }
        for (ExerciseScore score : book.exercises()) {
            text.append(score.exercise().id()).append(' ').append(score.exercise().title()).append(": ")
                    .append(Text.score(score.earned(), score.max())).append(' ').append(score.statusSummary())
                    .append('\n');
        }
        List<Advice> advice = NextStep.advise(run, book);
        if (!advice.isEmpty()) {
            text.append('\n').append(String.join("\n", advice.stream().map(Advice::toString).toList())).append('\n');
        }
        if (!run.answers().isEmpty()) {
            text.append("\nAnswers in your own words (not graded):\n");
            for (FreeAnswer answer : run.answers()) {
                text.append(answer.test().exercise()).append(' ').append(answerText(answer).replace("\n", "\n    "))
                        .append('\n');
            }
        }
        return text.toString();
    }

    static double round(double points) {
        return Math.round(points * 1e6) / 1e6;
    }
}

package org.paramlab.grader.report;

import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.protocol.TestOutcome;

import org.paramlab.grader.protocol.MavenCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;

/**
 * Says what the student should do next, in a sentence or two: deal with a crash first, then the
 * first exercise (in report order) that lost points, with the command that grades it alone.
 * Each piece of advice keeps the grader's words, its commands and any text it quotes from outside the
 * grader (a test's message) apart ({@link Advice}), for each writer to escape in its own format.
 */
public final class NextStep {

    /** The longest quote of a test's message in the advice; the whole message is under "Lost points". */
    static final int MAX_QUOTE = 300;

    private NextStep() {
    }

    /**
     * @param run  the run
     * @param book its scores
     * @return the advice, one paragraph per entry
     */
    public static List<Advice> advise(GradingRun run, ScoreBook book) {
        List<Advice> advice = new ArrayList<>();
        if (book.testCount() == 0) {
            // the selection is the -Dexercise value as given, an unknown id included: a part of its own
            advice.add(run.plan().errors().isEmpty()
                    ? Advice.of(Advice.prose("No graded test matched "), Advice.command(selection(run)),
                            Advice.prose(". Run "), Advice.command(MavenCommand.MVN + " test"),
                            Advice.prose(" to grade every exercise."))
                    : Advice.of("Fix the problem above, then run `" + MavenCommand.MVN + " test` again."));
            return advice;
        }
        Optional<TestOutcome> crashed = first(book, TestStatus.CRASHED);
        Optional<TestOutcome> notRun = first(book, TestStatus.NOT_RUN);
        long notRunCount = book.outcomes().stream().filter(o -> o.status() == TestStatus.NOT_RUN).count();
        if (crashed.isPresent()) {
            Exercise exercise = exerciseOf(crashed.get());
            advice.add(Advice.of("`" + crashed.get().test().shortName() + "` (exercise " + exercise.id()
                    + ") stopped the test JVM" + (notRunCount == 0 ? "."
                    : ", so " + notRunCount + " later test" + (notRunCount == 1 ? "" : "s") + " did not run.")
                    + " Look in your code for exercise " + exercise.id() + " for System.exit, endless recursion or a"
                    + " huge allocation, then grade it alone: `" + MavenCommand.MVN + " test -Dexercise=" + exercise.id() + "`."));
            return advice;
        }
        if (notRun.isPresent() && !run.completed()) {
            Exercise exercise = exerciseOf(notRun.get());
            advice.add(Advice.of("The test JVM stopped part-way (System.exit, a crash or running out of memory), so "
                    + notRunCount + " graded test" + (notRunCount == 1 ? "" : "s") + " did not run. Grade one exercise at a"
                    + " time to find the culprit, for example: `" + MavenCommand.MVN + " test -Dexercise=" + exercise.id() + "`."));
            return advice;
        }
        for (ExerciseScore score : book.exercises()) {
            String next = forExercise(score);
            if (next != null) {
                advice.add(Advice.of(next));
                return advice;
            }
        }
        List<TestOutcome> skipped = book.lostPoints();
        if (!skipped.isEmpty()) {
            // the message is the test's (an aborted quiz question's may come from the student's code): quoted
            advice.add(Advice.quoting("Every test that ran passed, but " + skipped.size() + " test"
                    + (skipped.size() == 1 ? " was" : "s were") + " skipped and scored nothing: ",
                    Text.shorten(Text.oneLine(skipped.get(0).message() == null ? skipped.get(0).status().label()
                            : skipped.get(0).message()), MAX_QUOTE)));
        } else if (run.plan().selection() != null) {
            advice.add(Advice.of(Advice.prose("Every test of "), Advice.command(selection(run)),
                    Advice.prose(" passes. Grade every exercise with "), Advice.command(MavenCommand.MVN + " test"),
                    Advice.prose(".")));
        } else {
            advice.add(Advice.of("Full marks: every graded test passes."));
        }
        return advice;
    }

    private static String forExercise(ExerciseScore score) {
        Exercise exercise = score.exercise();
        String name = "exercise " + exercise.id() + " (" + exercise.title() + ")";
        String section = "notebook section \"" + exercise.section() + "\"";
        String alone = "grade it alone: `" + MavenCommand.MVN + " test -Dexercise=" + exercise.id() + "`.";
        var counts = score.counts();
        int failed = counts.getOrDefault(TestStatus.FAILED, 0) + counts.getOrDefault(TestStatus.NOT_RUN, 0);
        int timedOut = counts.getOrDefault(TestStatus.TIMED_OUT, 0);
        int notAttempted = counts.getOrDefault(TestStatus.NOT_ATTEMPTED, 0);
        int total = score.outcomes().size();
        int blocked = counts.getOrDefault(TestStatus.BLOCKED, 0);
        if (exercise.group().gate() && failed > 0) {
            return "Next: your code breaks " + failed + " of the rules of " + name + "; the feedback names each"
                    + " class and call. Fix them first, then check the rules alone: `" + MavenCommand.MVN + " test -Dexercise="
                    + exercise.groupNumber() + "`.";
        }
        if (blocked > 0) {
            return "Next: " + blocked + " of " + total + " tests of " + name + " did not run because your code breaks"
                    + " a rule that protects the grading (System.exit, processes, threads, reflection, ONNX Runtime or"
                    + " the grader). Fix that first; `" + MavenCommand.MVN + " test -Dexercise=0` shows where.";
        }
        if (timedOut > 0) {
            return "Next: " + name + ": " + timedOut + " of " + total + " tests did not finish in time. Look for a loop"
                    + " that never ends (" + section + "), then " + alone;
        }
        if (failed > 0) {
            return "Next: fix " + name + ": " + failed + " of " + total + " tests fail; the feedback says why ("
                    + section + "). Then " + alone;
        }
        if (notAttempted > 0) {
            return "Next: " + name + " is not attempted yet. Implement it (" + section + "), then " + alone;
        }
        return null;
    }

    private static Optional<TestOutcome> first(ScoreBook book, TestStatus status) {
        return book.outcomes().stream().filter(o -> o.status() == status).findFirst();
    }

    private static Exercise exerciseOf(TestOutcome outcome) {
        return Exercise.byId(outcome.test().exercise());
    }

    private static String selection(GradingRun run) {
        return "-Dexercise=" + run.plan().selection();
    }
}

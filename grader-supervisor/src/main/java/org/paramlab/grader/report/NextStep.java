package org.paramlab.grader.report;

import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.protocol.TestOutcome;

import org.paramlab.grader.protocol.MavenCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.ExerciseProgress;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;

/**
 * Says what the student should do next, in a sentence or two: deal with a crash first, then a broken rule,
 * then the exercise {@link ExerciseProgress#next()} names (the first, in report order, that is unfinished
 * itself: one whose tests only wait for another exercise's stub is skipped), with the command that grades it
 * alone. The notebook tour picks its next exercise with the same rule.
 * Each piece of advice keeps the grader's words, its commands and any text it quotes from outside the
 * grader (a test's message) apart ({@link Advice}), for each writer to escape in its own format.
 */
public final class NextStep {

    /** The longest quote of a test's message in the advice; the whole message is under "Lost points". */
    static final int MAX_QUOTE = 300;

    /** How a refusal for code that does not compile begins ({@code StudentCompiler.Result#describe}). */
    public static final String COMPILE_ERROR = "your code does not compile";

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
        if (doesNotCompile(run)) {
            advice.add(notCompiled(run.plan().errors().get(0)));
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
            String rules = score.exercise().group().gate() ? forExercise(score, List.of()) : null;
            if (rules != null) {
                advice.add(Advice.of(rules));
                return advice;
            }
        }
        ExerciseProgress progress = book.progress();
        Optional<Exercise> next = progress.next();
        if (next.isPresent()) {
            List<Exercise> waiting = progress.waitingFor(next.get());
            Optional<ExerciseScore> score = book.exercises().stream().filter(e -> e.exercise() == next.get()).findFirst();
            String text = score.map(s -> forExercise(s, waiting)).orElse(null);
            // its own tests passed (or did not run) while another exercise's tests reached its stub
            advice.add(Advice.of(text != null ? text : waiting.isEmpty()
                    ? "Next: exercise " + next.get().id() + " (" + next.get().title() + ") lost points; the feedback"
                    + " says why." : stubNeeded(next.get(), waiting)));
            return advice;
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

    /**
     * @param run  the run
     * @param book its scores
     * @return as {@link #focus(ScoreBook)}, and nothing when the code does not compile (nothing was graded)
     */
    public static Optional<Exercise> focus(GradingRun run, ScoreBook book) {
        return doesNotCompile(run) ? Optional.empty() : focus(book);
    }

    /** @return whether the run graded nothing because the student's code does not compile */
    public static boolean doesNotCompile(GradingRun run) {
        return !run.plan().errors().isEmpty() && run.plan().errors().get(0).startsWith(COMPILE_ERROR);
    }

    /**
     * @param book a run's scores
     * @return the exercise the advice is about: one whose test stopped the test JVM, a rule of group 0 that is
     *         broken, else the exercise
     *         {@link ExerciseProgress#next()} names; the console lists its group and shows its tests first
     */
    public static Optional<Exercise> focus(ScoreBook book) {
        Optional<TestOutcome> crashed = first(book, TestStatus.CRASHED);
        if (crashed.isPresent()) {
            return Optional.of(exerciseOf(crashed.get()));
        }
        for (ExerciseScore score : book.exercises()) {
            if (score.exercise().group().gate() && forExercise(score, List.of()) != null) {
                return Optional.of(score.exercise());
            }
        }
        return book.progress().next();
    }

    /** A run that graded nothing because the code does not compile: the first error's file and line, quoted (a file name is the student's). */
    static Advice notCompiled(String error) {
        String again = "`" + MavenCommand.MVN + " test` again.";
        Optional<String> first = error.lines().map(String::strip).filter(l -> l.matches("[^:\\s]+\\.java:\\d+: .*"))
                .findFirst().map(l -> l.substring(0, l.indexOf(": ")));
        if (first.isEmpty()) {
            return Advice.of("Next: your code does not compile, so nothing was graded. Fix the compiler's errors shown"
                    + " above the table, then run " + again);
        }
        List<Advice.Part> parts = new ArrayList<>(Advice.of("Next: your code does not compile, so nothing was"
                + " graded. Fix the first error, at ").parts());
        parts.add(new Advice.Part(Advice.Kind.QUOTE, first.get()));
        parts.addAll(Advice.of(" (the compiler's errors are above the table), then run " + again).parts());
        return new Advice(parts);
    }

    /** The next exercise has a stub that other exercises' tests reached (its own passed, or -Dexercise left them out). */
    private static String stubNeeded(Exercise exercise, List<Exercise> waiting) {
        return "Next: exercise " + exercise.id() + " (" + exercise.title() + ") still has a stub, and the tests of "
                + ids(waiting) + " need it. Implement it (notebook section \"" + exercise.section() + "\"), then grade"
                + " it alone: `" + MavenCommand.MVN + " test -Dexercise=" + exercise.id() + "`.";
    }

    private static String ids(List<Exercise> exercises) {
        List<String> ids = exercises.stream().map(Exercise::id).toList();
        return ids.size() == 1 ? ids.get(0)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }

    /**
     * @param waiting the exercises whose tests wait for this one (named, so the student sees why they scored 0)
     */
    private static String forExercise(ExerciseScore score, List<Exercise> waiting) {
        Exercise exercise = score.exercise();
        String waits = waiting.isEmpty() ? "" : " (the tests of " + ids(waiting) + " wait for it)";
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
            return "Next: your code breaks " + failed + " of the rules of " + name + "; the feedback names the file and line of each"
                    + " call. Fix them first, then check the rules alone: `" + MavenCommand.MVN + " test -Dexercise="
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
            return "Next: fix " + name + ": " + failed + " of " + total + " tests fail" + waits + "; the feedback says"
                    + " why (" + section + "). Then " + alone;
        }
        if (notAttempted > 0) {
            return "Next: " + name + " is not attempted yet" + waits + ". Implement it (" + section + "), then " + alone;
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

package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.TestStatus;

import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ScoreBook.GroupScore;

/**
 * The score table printed on the console: a row per group (its title in capitals) and per
 * exercise, in report order, then the total. ASCII only; no line is longer than the width it is given
 * ({@value #WIDTH} characters unless the terminal says otherwise).
 *
 * <p>To keep the table, the feedback and the next step on one screen, the console lists the exercises of one
 * group only, the group of the exercise to do next; every other group is one row that says how it stands
 * ({@code "passed (5 exercises)"}, {@code "not attempted (3 exercises)"}, {@code "2 of 3 exercises not passed"}).
 * A run of some exercises only ({@code -Dexercise}) lists them all; so do summary.md and report.html.
 *
 * <pre>
 *   id   exercise                                               points  result
 *   ---- ------------------------------------------------------ -------  -------------
 *   1    MODULES                                                   3/5
 *   1.1  Module.addModule, registerParameter and children          3/3  passed
 *   1.2  Linear: parameters and forward                            0/2  not attempted
 *   2    PARAMETER ACCESS                                        0/16  not attempted (5 exercises)
 * </pre>
 */
public final class ConsoleTable {

    /** The longest line on a terminal of 100 columns, or when the terminal does not say. */
    public static final int WIDTH = 99;

    private static final int ID = 4;
    private static final int POINTS = 7;
    private static final int RESULT = 28;
    /** The narrowest exercise column: on a narrower terminal the lines are longer than it is wide. */
    private static final int MIN_TITLE = 24;

    private ConsoleTable() {
    }

    /**
     * @param book the scores
     * @return the table's lines, every exercise listed, {@value #WIDTH} characters wide
     */
    public static List<String> render(ScoreBook book) {
        return render(book, Optional.empty(), false, WIDTH);
    }

    /**
     * @param book     the scores
     * @param next     the exercise to do next: its group always lists its exercises
     * @param collapse whether every group but the next exercise's is one row
     * @param width    the longest line
     * @return the table's lines
     */
    public static List<String> render(ScoreBook book, Optional<Exercise> next, boolean collapse, int width) {
        return render(book, next, collapse, width, null);
    }

    /**
     * @param book      the scores
     * @param next      the exercise to do next: its group always lists its exercises
     * @param collapse  whether every group but the next exercise's is one row
     * @param width     the longest line
     * @param notGraded why nothing was graded ({@code "not compiled"}): every group is then one row that says so,
     *                  or {@code null}
     * @return the table's lines
     */
    public static List<String> render(ScoreBook book, Optional<Exercise> next, boolean collapse, int width,
                                      String notGraded) {
        return render(book, next, collapse, width, notGraded, null);
    }

    /**
     * @param book       the scores
     * @param next       the exercise to do next: its group always lists its exercises
     * @param collapse   whether every group but the next exercise's is one row
     * @param width      the longest line
     * @param notGraded  why nothing was graded, or {@code null}
     * @param assignment the assignment graded: the exercises it leaves out get a row each ({@value RunAssignment#OUTSIDE}),
     *                   a whole group one row; {@code null} for none
     * @return the table's lines
     */
    public static List<String> render(ScoreBook book, Optional<Exercise> next, boolean collapse, int width,
                                      String notGraded, RunAssignment assignment) {
        int title = Math.max(MIN_TITLE, width - (2 + ID + 1 + 1 + POINTS + 2 + RESULT));
        List<String> lines = new ArrayList<>();
        lines.add(row("id", "exercise", "points", "result", title));
        String rule = row("-".repeat(ID), "-".repeat(title), "-".repeat(POINTS), "-".repeat(RESULT), title);
        lines.add(rule);
        for (GroupScore group : book.groups()) {
            String settled = notGraded != null ? notGraded + count(group)
                    : collapse && !(next.isPresent() && next.get().group() == group.group()) ? collapsed(group) : null;
            lines.add(row(String.valueOf(group.group().number()), group.group().title().toUpperCase(Locale.ROOT),
                    Text.score(group.earned(), group.max()), settled == null ? "" : settled, title));
            if (settled != null) {
                continue;
            }
            for (ExerciseScore exercise : group.exercises()) {
                lines.add(row(exercise.exercise().id(), exercise.exercise().title(),
                        Text.score(exercise.earned(), exercise.max()), exercise.statusSummary(), title));
            }
        }
        for (RunAssignment.OutsideRow row : assignment == null ? List.<RunAssignment.OutsideRow>of() : assignment.outsideRows()) {
            lines.add(row(row.id(), row.group() ? row.title().toUpperCase(Locale.ROOT) : row.title(), "-",
                    RunAssignment.OUTSIDE, title));
        }
        lines.add(rule);
        lines.add(row("", "TOTAL", Text.score(book.earned(), book.max()), percent(book), title));
        return lines;
    }

    /**
     * @return what a group's one row says: {@code "passed (5 exercises)"}, or the one way all its tests ended
     *         ({@code "not attempted (3 exercises)"}, {@code "blocked (5 exercises)"}), or how many of its exercises
     *         did not pass ({@code "2 of 3 exercises not passed"})
     */
    private static String collapsed(GroupScore group) {
        int count = group.exercises().size();
        String exercises = count == 1 ? "1 exercise" : count + " exercises";
        List<TestStatus> statuses = group.exercises().stream().flatMap(e -> e.outcomes().stream())
                .map(o -> o.status()).distinct().toList();
        if (statuses.size() == 1) {
            return statuses.get(0).label() + (count == 1 ? "" : " (" + exercises + ")");
        }
        long losing = group.exercises().stream().filter(e -> !e.fullMarks()).count();
        return losing + " of " + exercises + " not passed";
    }

    private static String count(GroupScore group) {
        int count = group.exercises().size();
        return count == 1 ? "" : " (" + count + " exercises)";
    }

    private static String percent(ScoreBook book) {
        return book.max() > 0 ? Math.round(100 * book.earned() / book.max()) + "%" : "";
    }

    private static String row(String id, String title, String points, String result, int titleWidth) {
        String line = "  " + pad(id, ID) + " " + pad(Text.shorten(Text.ascii(title), titleWidth), titleWidth) + " "
                + " ".repeat(Math.max(0, POINTS - points.length())) + points + "  "
                + Text.shorten(Text.ascii(result), RESULT);
        return line.stripTrailing();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ScoreBook.GroupScore;

/**
 * The score table printed on the console: a row per group (its title in capitals) and per
 * exercise, in report order, then the total. ASCII only; no line is longer than {@value #WIDTH}
 * characters.
 *
 * <pre>
 *   id   exercise                                               points  result
 *   ---- ------------------------------------------------------ -------  -------------
 *   1    MODULES                                                   3/5
 *   1.1  Module.addModule, registerParameter and children          3/3  passed
 *   1.2  Linear: parameters and forward                            0/2  not attempted
 * </pre>
 */
public final class ConsoleTable {

    /** The longest line. */
    public static final int WIDTH = 99;

    private static final int ID = 4;
    private static final int TITLE = 54;
    private static final int POINTS = 7;
    private static final int RESULT = WIDTH - (2 + ID + 1 + TITLE + 1 + POINTS + 2);

    private ConsoleTable() {
    }

    /**
     * @param book the scores
     * @return the table's lines
     */
    public static List<String> render(ScoreBook book) {
        List<String> lines = new ArrayList<>();
        lines.add(row("id", "exercise", "points", "result"));
        String rule = row("-".repeat(ID), "-".repeat(TITLE), "-".repeat(POINTS), "-".repeat(RESULT));
        lines.add(rule);
        for (GroupScore group : book.groups()) {
            lines.add(row(String.valueOf(group.group().number()), group.group().title().toUpperCase(Locale.ROOT),
                    Text.score(group.earned(), group.max()), ""));
            for (ExerciseScore exercise : group.exercises()) {
                lines.add(row(exercise.exercise().id(), exercise.exercise().title(),
                        Text.score(exercise.earned(), exercise.max()), exercise.statusSummary()));
            }
        }
        lines.add(rule);
        lines.add(row("", "TOTAL", Text.score(book.earned(), book.max()), percent(book)));
        return lines;
    }

    private static String percent(ScoreBook book) {
        return book.max() > 0 ? Math.round(100 * book.earned() / book.max()) + "%" : "";
    }

    private static String row(String id, String title, String points, String result) {
        String line = "  " + pad(id, ID) + " " + pad(Text.shorten(Text.ascii(title), TITLE), TITLE) + " "
                + " ".repeat(Math.max(0, POINTS - points.length())) + points + "  "
                + Text.shorten(Text.ascii(result), RESULT);
        return Text.shorten(line.stripTrailing(), WIDTH);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}

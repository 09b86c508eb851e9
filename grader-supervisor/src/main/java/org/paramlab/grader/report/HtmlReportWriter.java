package org.paramlab.grader.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.paramlab.grader.figures.Figures;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.Figure;
import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.protocol.PlannedTest;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.report.ScoreBook.ExerciseScore;
import org.paramlab.grader.report.ScoreBook.GroupScore;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the score table (the numbers of {@code results.json}), the run's errors and notes, what to do
 * next, the charts the tests published (drawn here, by the supervisor, with XChart), and every lost
 * point's feedback. Every text is HTML-escaped ({@link Html}); a chart that cannot be drawn becomes a line saying so,
 * so the page is always written.
 */
public final class HtmlReportWriter {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;\
            padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}
            td.pts{text-align:right;font-variant-numeric:tabular-nums}tr.group td{background:#f3f5f8;font-weight:600}
            tr.total td{font-weight:700;background:#eef}.full{color:#176b2c}.lost{color:#a11}
            pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.6em;overflow:auto;white-space:pre-wrap}
            .error{border-left:4px solid #c00;padding-left:.8em}.note{border-left:4px solid #888;padding-left:.8em}
            figure.chart{margin:1.2em 0;padding:.6em;border:1px solid #e4e4e4;border-radius:6px}
            figure.chart svg{max-width:100%;height:auto;display:inline-block}
            figcaption{color:#555;font-size:.92em}.empty{color:#8a5a00;font-weight:600}
            .grids{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
            ul.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.4em 1.4em;font-size:.92em}
            .swatch{display:inline-block;width:1.6em;height:.3em;vertical-align:middle;margin-right:.4em}
            .swatch.dot,.swatch.square,.swatch.diamond,.swatch.triangle{width:.6em;height:.6em}
            .swatch.dot{border-radius:50%}.swatch.diamond{transform:rotate(45deg) scale(.85)}
            .swatch.triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
            #colour-key .key{white-space:nowrap}
            .colourbar{display:flex;flex-direction:column;align-items:center;gap:.3em;font-size:.85em;margin-right:.4em}
            .colourbar .ramp{display:block;width:16px;height:200px;border:1px solid #999}
            .colourbar .end{padding:0 .4em;border:1px solid #999;border-radius:3px;font-weight:600;\
            font-variant-numeric:tabular-nums}
            """;

    private HtmlReportWriter() {
    }

    /**
     * Draws a small chart and drops it: loads XChart, AWT (headless) and the fonts, about half a second
     * the first time, so that the supervisor can do it on a spare core while the tests run.
     */
    public static void warmUp() {
        try {
            Charts.xy(new Figure(Figure.XY, "warm-up", "x", "y", null, List.of(new Figure.Series("s",
                    Figure.Series.LINE, List.of(0.0, 1.0), List.of(0.0, 1.0))), null), "w");
        } catch (Exception | LinkageError e) {
            // only a warm-up: the report says what fails
        }
    }

    /**
     * @param run           the run (texts already cleaned)
     * @param book          its scores
     * @param figures       the charts to draw
     * @param chartsOmitted why there are no charts although tests may have sent some, or null
     * @param fingerprint   the grader's fingerprint, or null
     * @return the page
     */
    public static String render(GradingRun run, ScoreBook book, List<ReportFigure> figures, String chartsOmitted,
                                String fingerprint) {
        GradingPlan plan = run.plan();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>ParamLab report: ").append(Text.points(book.earned())).append(" / ")
                .append(Text.points(book.max())).append(" points</title>\n<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n");
        if (book.testCount() == 0) {
            h.append("<h1>ParamLab: ").append(esc(NoGradedTests.HEADLINE)).append("</h1>\n");
        }
        h.append(book.testCount() == 0 ? "<p>" : "<h1>").append("ParamLab: <span id=\"score\" data-score=\"")
                .append(GradescopeWriter.round(book.earned())).append("\">").append(Text.points(book.earned()))
                .append("</span> / <span id=\"max-score\">").append(Text.points(book.max())).append("</span> points")
                .append(book.testCount() == 0 ? "</p>\n" : "</h1>\n");
        h.append("<p>Graded <code>").append(esc(plan.student())).append("</code>, ");
        if (run.assignment() != null) {
            h.append("assignment <code id=\"assignment\">").append(esc(run.assignment().name())).append("</code> (")
                    .append(esc(run.assignment().title())).append(")").append(plan.selection() == null ? "" : ", ");
        }
        if (run.assignment() == null || plan.selection() != null) {
            h.append(plan.selection() == null ? "all exercises"
                    : "only <code>-Dexercise=" + esc(plan.selection()) + "</code>");
        }
        if (plan.seed() != null) {
            h.append("; inputs drawn with seed ").append(plan.seed()).append(" (reproduce with <code>")
                    .append(esc(ConsoleReport.reproduce(plan))).append("</code>)");
        }
        h.append(".</p>\n");
        if (plan.provider() != null) {
            h.append("<p>References run by ONNX Runtime on provider <code id=\"provider\">").append(esc(plan.provider()))
                    .append("</code>").append(plan.tolerance() == null ? ""
                            : "; tolerance <code>" + esc(plan.tolerance()) + "</code>").append(".</p>\n");
        }
        for (String error : plan.errors()) {
            h.append("<div class=\"error\"><p><strong>Error:</strong></p><pre>").append(esc(error)).append("</pre></div>\n");
        }
        for (String notice : plan.notices()) {
            h.append("<div class=\"note\"><p><strong>Note:</strong></p><pre>").append(esc(notice)).append("</pre></div>\n");
        }
        // the advice is the grader's words with commands between backticks: rendered, never shown as Markdown
        if (book.testCount() == 0) {
            h.append("<h2>What to do next</h2>\n<ul id=\"next\">\n");
            for (String reason : NoGradedTests.reasons(run)) {
                h.append("<li>").append(advice(Advice.of(reason))).append("</li>\n");
            }
            h.append("</ul>\n");
        } else {
            table(h, book, run.assignment());
            String checks = run.assignment() == null ? null : run.assignment().checksSentence();
            if (checks != null) {
                h.append("<p id=\"instructor-checks\">").append(esc(checks)).append("</p>\n");
            }
            h.append("<h2>What to do next</h2>\n<ul id=\"next\">\n");
            for (Advice advice : NextStep.advise(run, book)) {
                h.append("<li>").append(advice(advice)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        charts(h, run, figures, chartsOmitted);
        if (!book.lostPoints().isEmpty()) {
            lostPoints(h, book);
        }
        if (fingerprint != null) {
            h.append("<h2>Integrity</h2>\n<p>Grader fingerprint: <code>").append(esc(fingerprint)).append("</code></p>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, ScoreBook book, RunAssignment assignment) {
        h.append("<h2>Score</h2>\n<table id=\"scores\">\n<thead><tr><th>Exercise</th><th></th><th>Points</th>")
                .append("<th>Result</th></tr></thead>\n<tbody>\n");
        for (GroupScore group : book.groups()) {
            h.append("<tr class=\"group\"><td>").append(group.group().number()).append("</td><td>")
                    .append(esc(group.group().title())).append("</td><td class=\"pts\">")
                    .append(Text.score(group.earned(), group.max())).append("</td><td></td></tr>\n");
            for (ExerciseScore exercise : group.exercises()) {
                h.append("<tr data-exercise=\"").append(esc(exercise.exercise().id())).append("\"><td>")
                        .append(esc(exercise.exercise().id())).append("</td><td>")
                        .append(esc(exercise.exercise().title())).append("</td><td class=\"pts ")
                        .append(exercise.fullMarks() ? "full" : "lost").append("\">")
                        .append(Text.score(exercise.earned(), exercise.max())).append("</td><td>")
                        .append(esc(exercise.statusSummary())).append("</td></tr>\n");
            }
        }
        for (RunAssignment.OutsideRow row : assignment == null ? List.<RunAssignment.OutsideRow>of() : assignment.outsideRows()) {
            h.append("<tr class=\"outside\"><td>").append(esc(row.id())).append("</td><td>").append(esc(row.title()))
                    .append("</td><td class=\"pts\">-</td><td>").append(RunAssignment.OUTSIDE).append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td></td><td>Total</td><td class=\"pts\">")
                .append(Text.score(book.earned(), book.max())).append("</td><td></td></tr>\n</tbody>\n</table>\n");
    }

    private static void charts(StringBuilder h, GradingRun run, List<ReportFigure> figures, String omitted) {
        h.append("<h2>Charts</h2>\n");
        if (omitted != null) {
            h.append("<p class=\"note\">").append(esc(omitted)).append("</p>\n");
            return;
        }
        if (figures.isEmpty()) {
            h.append("<p class=\"note\">No charts in this run: the graded tests that draw them (3.1 to 3.3, 7.1, and a "
                    + "failed tensor comparison) did not run.</p>\n");
            return;
        }
        colourKey(h, figures);
        List<String> order = run.plan().tests().stream().map(PlannedTest::uniqueId).toList();
        java.util.Map<String, TestOutcome> outcomes = new java.util.HashMap<>();
        run.outcomes().forEach(o -> outcomes.putIfAbsent(o.test().uniqueId(), o));
        List<ReportFigure> sorted = new ArrayList<>(figures);
        // in exercise order, then in the order the tests were planned
        sorted.sort(Comparator.<ReportFigure>comparingInt(f -> Exercise.find(f.test().exercise())
                .map(Enum::ordinal).orElse(Integer.MAX_VALUE)).thenComparingInt(f -> {
                    int i = order.indexOf(f.test().uniqueId());
                    return i < 0 ? Integer.MAX_VALUE : i;
                }));
        int number = 0;
        for (ReportFigure f : sorted) {
            number++;
            String id = "c" + number;
            Figure figure = f.figure();
            String exercise = Exercise.find(f.test().exercise()).map(e -> e.id() + " " + e.title())
                    .orElse(f.test().exercise());
            h.append("<figure class=\"chart\" id=\"").append(id).append("\" data-kind=\"").append(esc(figure.kind()))
                    .append("\" data-name=\"").append(esc(f.name())).append("\">\n<h3>").append(esc(exercise))
                    .append(": ").append(esc(Figure.HEATMAP.equals(figure.kind())
                            ? "expected against actual values of " + figure.title() : figure.title())).append("</h3>\n");
            String scale = null;
            try {
                if (Figure.HEATMAP.equals(figure.kind())) {
                    scale = heatmaps(h, figure.heatmap(), id);
                } else {
                    String svg = Charts.xy(figure, id);
                    h.append(svg == null ? "<p class=\"empty\">No values to draw.</p>" : svg).append('\n');
                    legend(h, figure);
                }
            } catch (Exception | LinkageError e) {
                h.append("<p class=\"empty\">This chart could not be drawn: ").append(esc(String.valueOf(e)))
                        .append("</p>\n");
            }
            h.append("<figcaption>Test <code>").append(esc(f.test().shortName())).append("</code>");
            String note = note(figure.note(), outcomes.get(f.test().uniqueId()));
            if (note != null) {
                boolean empty = note.startsWith(NO_CHART) || note.contains(Figures.NO_VALUES_YET);
                h.append(empty ? ": <span class=\"empty\">" : ": ").append(esc(note)).append(empty ? "</span>" : "");
            }
            if (scale != null) {
                h.append(". ").append(esc(scale));
            }
            h.append("</figcaption>\n</figure>\n");
        }
    }

    /** How the caption of a chart without the student's series starts when the test never called their code for it. */
    static final String NO_CHART = "no chart of your values: ";
    /** The longest quote of the check that stopped a test, in a caption (the whole message is under "Lost points"). */
    static final int MAX_CHECK = 300;

    /**
     * @param note    the figure's note, or null
     * @param outcome its test's outcome, or null
     * @return the caption's note: a chart the test never reached ({@link Figures#NOT_REACHED}) says why, in the
     *         outcome's words (an earlier check that failed, a stub), never that the student's code gave nothing
     */
    static String note(String note, TestOutcome outcome) {
        if (!Figures.NOT_REACHED.equals(note)) {
            return note;
        }
        if (outcome == null || outcome.status().earnsPoints()) {
            return "your code was not called for this chart";
        }
        String check = outcome.message() == null ? "" : Text.oneLine(outcome.message().strip().lines().findFirst().orElse(""));
        String message = check.length() > MAX_CHECK ? Text.shorten(check, MAX_CHECK) + " (the whole message is under"
                + " \"Lost points\")" : check;
        if (outcome.status() == TestStatus.FAILED) {
            return NO_CHART + "an earlier check of this test failed" + (message.isEmpty() ? "" : ": " + message);
        }
        String label = outcome.status().label();
        // a stub's message already starts with its label ("not attempted: needs exercise ...")
        return NO_CHART + "the test stopped before it called your code for this chart (" + (message.isEmpty() ? label
                : message.startsWith(label) ? message : label + ": " + message) + ")";
    }

    /** What each colour means, once for the page: the charts keep these meanings ({@link Charts}). */
    private static void colourKey(StringBuilder h, List<ReportFigure> figures) {
        boolean xy = figures.stream().anyMatch(f -> Figure.XY.equals(f.figure().kind()));
        boolean heatmap = figures.stream().anyMatch(f -> Figure.HEATMAP.equals(f.figure().kind()));
        h.append("<p id=\"colour-key\">");
        if (xy) {
            h.append("Colours on every chart: ").append(keyItem(Charts.REFERENCE[0], Figure.Series.REFERENCE,
                            "PyTorch's reference")).append(", ")
                    .append(keyItem(Charts.STUDENT[0], Figure.Series.STUDENT, "your code")).append(", ")
                    .append(keyItem(Charts.THEORY[0], Figure.Series.THEORY, "theory (the expected distribution)"))
                    .append(".");
        }
        if (heatmap) {
            h.append(xy ? " " : "").append("Heatmaps have scales of their own, drawn beside them: purple, white, green"
                    + " for values; white to magenta for |actual - expected|.");
        }
        h.append("</p>\n");
    }

    private static String keyItem(java.awt.Color colour, String role, String label) {
        return "<span class=\"key\" data-role=\"" + role + "\"><span class=\"swatch\" style=\"background:"
                + Charts.css(colour) + "\"></span>" + esc(label) + "</span>";
    }

    /** The legend, in the series' colours (the series with values, in the order Charts draws them). */
    private static void legend(StringBuilder h, Figure figure) {
        h.append("<ul class=\"legend\">");
        List<Charts.Look> looks = Charts.looks(figure);
        int n = 0;
        for (Figure.Series s : figure.series()) {
            if (!Charts.drawn(s)) {
                continue;
            }
            Charts.Look look = looks.get(n++);
            h.append("<li").append(s.role() == null ? "" : " data-role=\"" + esc(s.role()) + "\"")
                    .append("><span class=\"swatch ").append(look.swatch()).append("\" style=\"background:")
                    .append(look.css()).append("\"></span>").append(esc(s.label())).append("</li>");
        }
        h.append("</ul>\n");
    }

    /**
     * Draws the expected grid, the actual one and their difference, each scale's colour bar beside its grids.
     * Expected and actual share one diverging scale centred on 0 (purple below, white at 0, green above), so a
     * sign flip shows as a colour flip; the difference has a scale of its own, from white (0) to dark magenta
     * (the largest difference). Neither uses the colours of PyTorch's, the student's or a formula's series.
     *
     * @return the colour scales in words, for the caption
     */
    private static String heatmaps(StringBuilder h, Figure.Heatmap grid, String id) throws java.io.IOException {
        double largestValue = 0;
        List<List<Double>> all = grid.actual() == null ? List.of(grid.expected()) : List.of(grid.expected(), grid.actual());
        for (List<Double> values : all) {
            for (Double v : values) {
                if (v != null) {
                    largestValue = Math.max(largestValue, Math.abs(v));
                }
            }
        }
        double m = largestValue > 0 ? Charts.roundUp(largestValue) : 1;
        h.append("<div class=\"grids\">\n")
                .append(Charts.heatmap("expected (PyTorch) " + grid.shape(), grid, grid.expected(), -m, m,
                        Charts.DIVERGING, id + "e"))
                .append('\n');
        String scale = "Colours: expected and actual share one scale from purple (-" + format(m) + ") through white (0)"
                + " to green (" + format(m) + ")";
        if (grid.actual() == null) {
            h.append(Charts.colourBar("values", Charts.DIVERGING, "-" + format(m), format(m))).append('\n');
        } else {
            h.append(Charts.heatmap("actual (your code)", grid, grid.actual(), -m, m, Charts.DIVERGING, id + "a"))
                    .append('\n').append(Charts.colourBar("values", Charts.DIVERGING, "-" + format(m), format(m)))
                    .append('\n');
            List<Double> diff = new ArrayList<>();
            double largest = 0;
            for (int i = 0; i < grid.expected().size(); i++) {
                Double e = grid.expected().get(i);
                Double a = grid.actual().get(i);
                double d = e == null || a == null ? Double.NaN : Math.abs(a - e);
                diff.add(Double.isFinite(d) ? d : null);
                largest = Double.isFinite(d) ? Math.max(largest, d) : largest;
            }
            double top = largest > 0 ? Charts.roundUp(largest) : 1;
            h.append(Charts.heatmap("|actual - expected|", grid, diff, 0, top, Charts.MAGNITUDE, id + "d")).append('\n')
                    .append(Charts.colourBar("difference", Charts.MAGNITUDE, "0", format(top))).append('\n');
            scale += "; |actual - expected| goes from white (0) to dark magenta (" + format(top) + "; the largest"
                    + " difference shown is " + format(largest) + ")";
        }
        h.append("</div>\n");
        return scale + ". Row 0 is at the top. A missing cell is a NaN or an infinity.";
    }

    private static void lostPoints(StringBuilder h, ScoreBook book) {
        h.append("<h2>Lost points</h2>\n");
        for (ExerciseScore score : book.exercises()) {
            if (score.fullMarks()) {
                continue;
            }
            Exercise exercise = score.exercise();
            h.append("<h3>").append(esc(exercise.id() + " " + exercise.title())).append("</h3>\n<p>Notebook section: <em>")
                    .append(esc(exercise.section())).append("</em>. Grade it alone: <code>" + MavenCommand.MVN + " test -Dexercise=")
                    .append(esc(exercise.id())).append("</code>.</p>\n<ul class=\"feedback\">\n");
            for (TestOutcome outcome : score.outcomes()) {
                if (outcome.status().earnsPoints()) {
                    continue;
                }
                PlannedTest test = outcome.test();
                h.append("<li><code>").append(esc(test.shortName())).append("</code>");
                if (!test.displayName().startsWith(test.methodName() + "(")) {
                    h.append(" (").append(esc(Text.oneLine(test.displayName()))).append(')');
                }
                h.append(": ").append(Text.points(outcome.earned())).append(" / ").append(Text.points(test.points()))
                        .append(", ").append(esc(outcome.status().label()));
                if (outcome.message() != null) {
                    h.append("<pre>").append(esc(outcome.message().strip())).append("</pre>");
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    /** @return the text safe in HTML content and attribute values ({@link Html#escape(String)}) */
    static String esc(String text) {
        return Html.escape(text);
    }

    /** @return the advice: every part escaped, commands and the quote as code */
    static String advice(Advice advice) {
        return advice.render(Html::escape, c -> "<code>" + Html.escape(c) + "</code>",
                q -> "<code>" + Html.escape(q) + "</code>");
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

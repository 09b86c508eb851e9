package org.paramlab.grader.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.TestOutcome;

/**
 * Writes every report of a scored run: {@code results.json} (Gradescope), {@code summary.md} (also
 * appended to {@code $GITHUB_STEP_SUMMARY} when set), {@code report.html} (the same with charts), and
 * the console report: the score table, the
 * seed, feedback and what to do next. The supervisor calls it once, after the test JVMs are gone; no
 * test JVM ever writes a report.
 *
 * <p>Maven runs the supervisor inside its own JVM, so nothing here calls {@code System.exit}: when
 * full marks are required and missing, {@link #write} throws {@link FullMarksRequiredException}, which
 * fails the build with a one-line message.
 */
public final class ReportWriter {

    /** The command that checks a repository against a published fingerprint. */
    public static final String CHECK = "java scripts/CheckFingerprint.java <repository> <fingerprint>";

    /** The environment variable GitHub Actions sets to the job summary file. */
    public static final String GITHUB_STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private final Path reportDir;
    private final boolean requireFullMarks;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final Path base;

    /**
     * @param reportDir        the report folder
     * @param requireFullMarks whether anything below full marks must fail
     * @param environment      the supervisor's environment variables ({@value #GITHUB_STEP_SUMMARY} and the
     *                         terminal's width, {@code COLUMNS}, are read)
     * @param out              where the console report goes
     * @param base             the current folder, to print paths relative to it
     */
    public ReportWriter(Path reportDir, boolean requireFullMarks, Map<String, String> environment, PrintStream out,
                        Path base) {
        this.reportDir = reportDir;
        this.requireFullMarks = requireFullMarks;
        this.environment = environment;
        this.out = out;
        this.base = base;
    }

    /**
     * Writes the reports and prints the console report. Every text that came from the student's code
     * is stripped of control characters first ({@link Text#clean}).
     *
     * @param recorded    the run
     * @param fingerprint the grader's fingerprint, or {@code null} when none was computed
     * @return the scores
     * @throws FullMarksRequiredException when full marks are required and missing
     */
    public ScoreBook write(GradingRun recorded, String fingerprint) {
        GradingRun full = Text.clean(recorded);
        // Gradescope hides each instructor-only check as its visibility says; every other report a student reads
        // shows their points only, until the course file publishes their details
        ObjectNode results = GradescopeWriter.toJson(full, ScoreBook.of(full.outcomes()));
        GradingRun run = full.assignment() == null ? full : full.assignment().redact(full);
        ScoreBook book = ScoreBook.of(run.outcomes());
        String summary = book.testCount() == 0 ? MarkdownSummaryWriter.renderNoGradedTests(run)
                : MarkdownSummaryWriter.render(run, book);
        String console = book.testCount() == 0 ? ConsoleReport.noGradedTests(run)
                : ConsoleReport.render(run, book, reportDir, base, Console.width(environment.get("COLUMNS")));
        if (fingerprint != null) {
            ((ObjectNode) results.get("extra_data")).put("fingerprint", fingerprint);
            summary += "## Integrity\n\nGrader fingerprint: " + Markdown.code(fingerprint) + " (every build input but"
                    + " your own files: the build files, the grader and its tests, the references, the tensor library;"
                    + " compare it with the published one: `" + CHECK + "`).\n";
            // on a line of its own, whole: an instructor compares it character by character
            console += "  Grader fingerprint:\n    " + Console.strip(fingerprint) + "\n";
        }
        ReportFiles.writeJson(reportDir.resolve(ReportFiles.RESULTS), results);
        writeSummary(summary);
        writeHtml(run, book, fingerprint);
        out.print(console);
        out.flush();
        if (requireFullMarks) {
            checkFullMarks(run, book);
        }
        return book;
    }

    private void checkFullMarks(GradingRun run, ScoreBook book) {
        String summary = Text.displayPath(reportDir.resolve(ReportFiles.SUMMARY), base);
        if (!run.plan().errors().isEmpty()) {
            throw new FullMarksRequiredException("ParamLab: full marks are required, but the run has an error: "
                    + Text.oneLine(run.plan().errors().get(0)));
        }
        if (book.testCount() == 0) {
            throw new FullMarksRequiredException("ParamLab: full marks are required, but no graded test ran");
        }
        if (!book.fullMarks()) {
            List<TestOutcome> lost = book.lostPoints();
            String which = lost.stream().limit(3)
                    .map(o -> o.test().exercise() + " " + o.test().shortName() + " " + o.status().label())
                    .collect(Collectors.joining(", "));
            throw new FullMarksRequiredException("ParamLab: " + Text.score(book.earned(), book.max())
                    + " points, but full marks are required; " + lost.size() + " test" + (lost.size() == 1 ? "" : "s")
                    + " lost points: " + which + (lost.size() > 3 ? ", ..." : "") + " (see " + summary + ")");
        }
    }

    /**
     * The charts of {@code report.html}.
     *
     * @param published the charts the tests published (display only)
     * @param omitted   why they are left out (a void run), or null to draw them
     * @return this writer
     */
    public ReportWriter withFigures(List<ReportFigure> published, String omitted) {
        this.figures = List.copyOf(published);
        this.chartsOmitted = omitted;
        return this;
    }

    /** @return how long writing {@code report.html} took, in milliseconds (-1 before it was written) */
    public double htmlMillis() {
        return htmlMillis;
    }

    /** Writes report.html; a failure is reported on the console, never thrown: the other reports stand. */
    private void writeHtml(GradingRun run, ScoreBook book, String fingerprint) {
        long start = System.nanoTime();
        try {
            String html = HtmlReportWriter.render(run, book, figures, chartsOmitted, fingerprint);
            ReportFiles.writeAtomically(reportDir.resolve(ReportFiles.HTML), html);
        } catch (IOException | RuntimeException | LinkageError e) {
            out.println("[paramlab] cannot write " + ReportFiles.HTML + ": " + e);
        }
        htmlMillis = (System.nanoTime() - start) / 1e6;
    }

    private List<ReportFigure> figures = List.of();
    private String chartsOmitted;
    private double htmlMillis = -1;

    private void writeSummary(String markdown) {
        try {
            ReportFiles.writeAtomically(reportDir.resolve(ReportFiles.SUMMARY), markdown);
        } catch (IOException e) {
            out.println("[paramlab] cannot write " + ReportFiles.SUMMARY + ": " + e.getMessage());
        }
        appendToStepSummary(environment, markdown, out);
    }

    /**
     * Appends a summary to {@code $GITHUB_STEP_SUMMARY}, when that is set, capped at {@link #STEP_SUMMARY_LIMIT}.
     *
     * @param environment the environment variables ({@value #GITHUB_STEP_SUMMARY} is read)
     * @param markdown    the summary
     * @param out         where a failure is told (never thrown); {@code null} to say nothing
     */
    public static void appendToStepSummary(Map<String, String> environment, String markdown, PrintStream out) {
        String stepSummary = environment.get(GITHUB_STEP_SUMMARY);
        if (stepSummary == null || stepSummary.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(stepSummary), Text.capUtf8(markdown, STEP_SUMMARY_LIMIT) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.println("[paramlab] cannot append to $" + GITHUB_STEP_SUMMARY + ": " + e.getMessage());
            }
        }
    }

    /** GitHub refuses a step summary over 1 MiB; ours stays well below, with room for other steps. */
    public static final int STEP_SUMMARY_LIMIT = 512 * 1024;
}

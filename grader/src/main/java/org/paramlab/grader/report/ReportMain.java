package org.paramlab.grader.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.paramlab.grader.integrity.Fingerprint;

/**
 * Scores a grading run after the tests: reads {@code plan.json} and {@code progress.jsonl} from the
 * report folder, writes {@code results.json} (Gradescope) and {@code summary.md} (also appended to
 * {@code $GITHUB_STEP_SUMMARY} when set), and prints the score table, the seed, feedback and what to
 * do next.
 *
 * <p>Maven runs it with {@code exec:java} inside its own JVM, so it never calls
 * {@code System.exit}: when full marks are required and missing it throws
 * {@link FullMarksRequiredException}, which fails the build with a one-line message.
 *
 * <p>Usage: {@code ReportMain <report dir> <requireFullMarks: true|false> [<repository root>]}; with the
 * root, the reports also carry the grader's {@link Fingerprint}.
 */
public final class ReportMain {

    /** The command that checks a repository against a published fingerprint. */
    public static final String CHECK = "java scripts/CheckFingerprint.java <repository> <fingerprint>";

    /** The environment variable GitHub Actions sets to the job summary file. */
    public static final String GITHUB_STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private final Path reportDir;
    private final boolean requireFullMarks;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final Path base;
    private Path repository;

    /**
     * @param reportDir        the report folder
     * @param requireFullMarks whether anything below full marks must fail
     * @param environment      the environment variables ({@value #GITHUB_STEP_SUMMARY} is read)
     * @param out              where the console report goes
     * @param base             the current folder, to print paths relative to it
     */
    public ReportMain(Path reportDir, boolean requireFullMarks, Map<String, String> environment, PrintStream out,
                      Path base) {
        this.reportDir = reportDir;
        this.requireFullMarks = requireFullMarks;
        this.environment = environment;
        this.out = out;
        this.base = base;
    }

    /**
     * @param args the report folder, and {@code true} or {@code false}: whether full marks are required
     * @throws FullMarksRequiredException when they are required and missing
     * @throws IllegalArgumentException   for wrong arguments
     */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: ReportMain <report dir> <requireFullMarks: true|false>"
                    + " [<repository root>], got " + args.length + " argument(s)");
        }
        ReportMain report = new ReportMain(Path.of(args[0]), parseFlag(args[1]), System.getenv(), System.out,
                Path.of(""));
        if (args.length == 3) {
            report.withFingerprintOf(Path.of(args[2]));
        }
        report.run();
    }

    /**
     * Adds the {@link Fingerprint} of a repository to the reports: under the console table, in
     * {@code results.json} ({@code extra_data.fingerprint}) and in {@code summary.md}.
     *
     * @param repositoryRoot the root of the graded repository
     * @return this
     */
    public ReportMain withFingerprintOf(Path repositoryRoot) {
        this.repository = repositoryRoot;
        return this;
    }

    /** @return the fingerprint line, or {@code null} when none was asked for */
    private String fingerprint() {
        if (repository == null) {
            return null;
        }
        try {
            return Fingerprint.of(repository).value();
        } catch (RuntimeException e) {
            return "unknown (" + Text.oneLine(String.valueOf(e.getMessage())) + ")";
        }
    }

    static boolean parseFlag(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("requireFullMarks must be true or false, but was '" + text + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * Reads the run, writes the reports and prints the console report.
     *
     * @return the scores, empty when no graded test ran
     * @throws FullMarksRequiredException when full marks are required and missing
     */
    public Optional<ScoreBook> run() {
        Optional<GradingRun> recorded = GradingRunReader.read(reportDir);
        if (recorded.isEmpty()) {
            ReportFiles.writeJson(reportDir.resolve(ReportFiles.RESULTS), GradescopeWriter.noGradedTests(reportDir, base));
            writeSummary(MarkdownSummaryWriter.renderNoGradedTests(reportDir, base));
            out.print(ConsoleReport.noGradedTests(reportDir, base));
            out.flush();
            if (requireFullMarks) {
                throw new FullMarksRequiredException("ParamLab: " + NoGradedTests.HEADLINE + " (no "
                        + Text.displayPath(reportDir.resolve(ReportFiles.PLAN), base) + "), but full marks are required");
            }
            return Optional.empty();
        }
        GradingRun run = recorded.get();
        ScoreBook book = ScoreBook.of(run.outcomes());
        String fingerprint = fingerprint();
        ObjectNode results = GradescopeWriter.toJson(run, book);
        String summary = MarkdownSummaryWriter.render(run, book);
        String console = ConsoleReport.render(run, book, reportDir, base);
        if (fingerprint != null) {
            ((ObjectNode) results.get("extra_data")).put("fingerprint", fingerprint);
            summary += "## Integrity\n\nGrader fingerprint: `" + fingerprint + "` (the grader, its graded tests, the"
                    + " reference models and the tensor library; compare it with the published one: `" + CHECK
                    + "`).\n";
            console += Text.shorten("  Grader fingerprint: " + fingerprint, ConsoleTable.WIDTH) + "\n";
        }
        ReportFiles.writeJson(reportDir.resolve(ReportFiles.RESULTS), results);
        writeSummary(summary);
        out.print(console);
        out.flush();
        if (requireFullMarks) {
            checkFullMarks(run, book);
        }
        return Optional.of(book);
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

    private void writeSummary(String markdown) {
        try {
            ReportFiles.writeAtomically(reportDir.resolve(ReportFiles.SUMMARY), markdown);
        } catch (IOException e) {
            out.println("[paramlab] cannot write " + ReportFiles.SUMMARY + ": " + e.getMessage());
        }
        String stepSummary = environment.get(GITHUB_STEP_SUMMARY);
        if (stepSummary != null && !stepSummary.isBlank()) {
            try {
                Files.writeString(Path.of(stepSummary), markdown + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                out.println("[paramlab] cannot append to $" + GITHUB_STEP_SUMMARY + ": " + e.getMessage());
            }
        }
    }
}

package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the course grading's clock (issue 18): a source file whose nested generic calls make javac's
 * type inference exponential. javac runs in the grading process, which the budget covers from the start,
 * so the run is stopped at the budget's end and still gets a complete report that says "compilation did not
 * finish"; in a batch, the bomb costs only its own row. Each attack's points, status and wall time go to
 * {@code courses/target/course-attacks.md}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GradingClockAttacksTest {

    /** The run's budget in these attacks: a batch's default. */
    private static final Duration BUDGET = Duration.ofSeconds(30);
    /**
     * What a row may take beyond its budget here: a guard against a run that never stops, generous for a busy
     * machine (the margin itself is measured by scripts/benchmark-bombs.sh, not by a timed test).
     */
    private static final Duration ROW_MARGIN = TrustedGrader.KILL_MARGIN.plusSeconds(50);
    private static final List<String> LOG = new ArrayList<>();

    @TempDir
    Path temp;

    /**
     * @return a class whose one expression makes javac's inference take about 2.5 times longer with each
     *         level (12 levels: 20 s here; 24 levels: never in practice), in under 1 KB of source
     */
    static String javacBomb(String name, int levels) {
        String expression = "1";
        for (int i = 0; i < levels; i++) {
            expression = "f(b ? " + expression + " : null)";
        }
        return "package org.paramlab.nn;\n\nfinal class " + name + " {\n    static boolean b;\n\n"
                + "    static <T> T f(T a) {\n        return a;\n    }\n\n"
                + "    static <T> T f(T a, T b) {\n        return a;\n    }\n\n"
                + "    static Object bomb() {\n        return " + expression + ";\n    }\n}\n";
    }

    private static Path bombed(Path folder, String name) {
        Path submission = Fixtures.copy(Fixtures.solutions(), folder);
        Fixtures.write(submission.resolve(name + ".java"), javacBomb(name, 24));
        return submission;
    }

    @Test
    void aJavacBombGetsACompleteReportThatNamesCompilation() throws IOException {
        Path out = temp.resolve("out");
        long start = System.nanoTime();
        SubmissionReport report = GradeSubmission.run(new String[] {"--repository",
                Fixtures.repository().toString(), "--submission", bombed(temp.resolve("bomb"), "Bomb").toString(),
                "--out", out.toString(), "--budget", Long.toString(BUDGET.toSeconds()), "--seed", "7"});
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        log("javac-bomb (trusted)", report, wall);

        assertThat(report.status()).isEqualTo(SubmissionReport.TIMED_OUT);
        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(100.0);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("compilation did not finish in "));
        assertThat(wall).isLessThan(BUDGET.plus(ROW_MARGIN));
        assertComplete(out, "compilation did not finish in ");
        assertThat(Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8))
                .contains("deeply nested generic calls");
    }

    @Test
    void aBatchWithJavacBombsCostsEachBombOnlyItsRowWithOneWorkerOrTheDefault() throws IOException {
        Path submissions = Files.createDirectories(temp.resolve("submissions"));
        for (String name : List.of("bomb1", "bomb2", "bomb3")) {
            bombed(submissions.resolve(name), "Bomb");
        }
        Fixtures.copy(Fixtures.solutions(), submissions.resolve("honest"));
        for (int jobs : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            Path out = temp.resolve("out-" + jobs);
            long start = System.nanoTime();
            List<Gradebook.Row> rows = GradeAll.grade(Fixtures.home(), submissions, out, jobs,
                    TrustedGrader.Options.defaults().seed(7L).budget(BUDGET));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Map<String, Gradebook.Row> byId = rows.stream().collect(Collectors.toMap(Gradebook.Row::id, r -> r));
            assertThat(byId).containsOnlyKeys("bomb1", "bomb2", "bomb3", "honest");
            for (Gradebook.Row row : rows) {
                assertThat(row.report()).as(row.id() + " has a report (" + row.note() + ")").isNotNull();
                log("batch of " + jobs + ": " + row.id(), row.report(), Duration.ofMillis(
                        Math.round(row.report().durationSeconds() * 1000)));
                assertThat(row.report().durationSeconds()).as(row.id() + "'s wall time")
                        .isLessThan(BUDGET.plus(ROW_MARGIN).toSeconds());
                if (row.id().startsWith("bomb")) {
                    assertThat(row.report().status()).isEqualTo(SubmissionReport.TIMED_OUT);
                    assertThat(row.report().notes()).anyMatch(n -> n.startsWith("compilation did not finish in "));
                    assertComplete(out.resolve(row.id()), "compilation did not finish in ");
                }
            }
            SubmissionReport honest = byId.get("honest").report();
            assertComplete(out.resolve("honest"), null);
            if (honest.status().equals(SubmissionReport.GRADED)) {
                assertThat(honest.score()).isEqualTo(100.0);
            } else {
                // on a busy machine (beside a bomb, which keeps a core busy for its whole budget) an honest run may
                // reach its own budget: it is still its own complete row, stopped in time, and says why
                assertThat(honest.status()).isEqualTo(SubmissionReport.TIMED_OUT);
                assertThat(honest.notes()).anyMatch(n -> n.startsWith("grading stopped after")
                        || n.contains(" did not finish in "));
            }
            LOG.add("| batch of 4 (3 bombs), " + jobs + " worker" + (jobs == 1 ? "" : "s") + " | | | "
                    + wall.toMillis() / 1000.0 + " s |");
        }
    }

    /** Every report file is there, and every graded test has an outcome (that names {@code why}, if given). */
    private static void assertComplete(Path out, String why) throws IOException {
        for (String file : List.of("results.json", "summary.md", "report.html", TrustedGrader.CONSOLE,
                TrustedGrader.SUBMISSION_JSON)) {
            assertThat(out.resolve(file)).as(file).exists();
        }
        JsonNode results = Fixtures.json(out.resolve("results.json"));
        assertThat(results.get("tests").size()).isGreaterThanOrEqualTo(88);
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)).endsWith("</html>\n");
        assertThat(Files.readString(out.resolve(TrustedGrader.CONSOLE), StandardCharsets.UTF_8)).contains("TOTAL",
                "/100");
        if (why != null) {
            assertThat(results.get("score").asDouble()).isZero();
            assertThat(results.get("tests").get(0).get("output").asText()).contains(why);
        }
    }

    private static synchronized void log(String attack, SubmissionReport report, Duration wall) {
        LOG.add("| " + attack + " | " + report.score() + " | " + report.status() + " | " + wall.toMillis() / 1000.0
                + " s |");
    }

    @AfterAll
    static void writeLog() throws IOException {
        Path file = Path.of("target", "course-attacks-clock.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "| attack | points | status | wall time (budget " + BUDGET.toSeconds() + " s) |\n"
                + "| --- | --- | --- | --- |\n" + String.join("\n", LOG) + "\n", StandardCharsets.UTF_8);
    }
}

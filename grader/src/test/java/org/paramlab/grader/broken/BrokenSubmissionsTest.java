package org.paramlab.grader.broken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grader's discrimination, measured: each {@link BrokenSubmissions broken submission} is graded
 * by the real graded tests, and must fail exactly the tests its defect deserves, each with feedback
 * that names the concept. Writes the points each one kept to {@code <build dir>/broken-submissions.md}
 * and the feedback a student would have read to {@code <build dir>/broken-submissions-feedback.txt}.
 */
@Isolated
class BrokenSubmissionsTest {

    private static Map<String, String> solutions;
    private static final List<String> TABLE = new ArrayList<>();
    private static final List<String> FEEDBACK = new ArrayList<>();

    @BeforeAll
    static void readSolutions() {
        solutions = SubmissionGrader.solutionSources();
    }

    static Stream<BrokenSubmission> submissions() {
        return BrokenSubmissions.all().stream();
    }

    @Test
    void theSolutionsUnchangedKeepFullMarks() {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(solutions),
                SubmissionGrader.ALL_GROUPS);
        assertThat(grading.failed()).as("graded tests the unchanged solutions fail").isEmpty();
        assertThat(grading.outcomes()).as("graded tests that ran").hasSizeGreaterThanOrEqualTo(80);
        assertThat(grading.points()).as("points of all graded tests").isEqualTo(100.0);
    }

    @Test
    void thereAreAtLeast25() {
        assertThat(BrokenSubmissions.all()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(BrokenSubmissions.all().stream().map(BrokenSubmission::id).distinct()).hasSameSizeAs(BrokenSubmissions.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void losesExactlyThePointsItsDefectDeserves(BrokenSubmission broken) {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(broken.apply(solutions)),
                broken.groups());
        List<String> failed = grading.failed();
        StringBuilder feedback = new StringBuilder();
        for (String test : failed) {
            SubmissionGrader.Outcome outcome = grading.outcomes().get(test);
            feedback.append("\n  ").append(test).append(" [").append(outcome.status()).append("]: ")
                    .append(outcome.message());
        }
        synchronized (TABLE) {
            TABLE.add(String.format(Locale.ROOT, "| %s | %s | %s | %s/%s | %s |", broken.id(), broken.exercise(),
                    broken.defect().replace("|", "\\|"), points(grading.earned()), points(grading.points()),
                    String.join(", ", failed)));
            FEEDBACK.add("== " + broken.id() + ": " + broken.defect() + feedback + "\n");
        }
        assertThat(new TreeSet<>(failed))
                .as(broken.id() + " (" + broken.defect() + "): the graded tests it fails; their feedback:" + feedback)
                .isEqualTo(new TreeSet<>(broken.fails()));
        List<String> own = failed.stream().filter(t -> grading.outcomes().get(t).exercise().equals(broken.exercise()))
                .toList();
        assertThat(own).as(broken.id() + ": it must lose points in exercise " + broken.exercise()).isNotEmpty();
        for (String test : own) {
            SubmissionGrader.Outcome outcome = grading.outcomes().get(test);
            assertThat(outcome.message().toLowerCase(Locale.ROOT))
                    .as(broken.id() + ": the feedback of " + test + " (exercise " + broken.exercise()
                            + ") must name the concept '" + broken.concept() + "'")
                    .contains(broken.concept().toLowerCase(Locale.ROOT));
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TABLE.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Broken submissions: the points each one kept");
        lines.add("");
        lines.add("| submission | exercise | defect | points kept | graded tests failed |");
        lines.add("| --- | --- | --- | --- | --- |");
        lines.addAll(TABLE.stream().sorted((a, b) -> order(a) - order(b)).toList());
        Path file = buildDir().resolve("broken-submissions.md");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.write(buildDir().resolve("broken-submissions-feedback.txt"), FEEDBACK, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", lines));
    }

    private static int order(String row) {
        List<BrokenSubmission> all = BrokenSubmissions.all();
        for (int i = 0; i < all.size(); i++) {
            if (row.startsWith("| " + all.get(i).id() + " |")) {
                return i;
            }
        }
        return all.size();
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** {@code grader/<build dir>}: the parent of the test classes' folder. */
    private static Path buildDir() {
        try {
            Path classes = Path.of(BrokenSubmissionsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

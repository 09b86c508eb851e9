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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paramlab.grading.support.AssertionSites;

/**
 * The grader's discrimination, measured: each {@link BrokenSubmissions broken submission} is graded
 * by the real graded tests, and must fail exactly the tests its defect deserves, each with feedback
 * that names the concept. Writes the points each one kept to {@code <build dir>/broken-submissions.md}
 * and the feedback a student would have read to {@code <build dir>/broken-submissions-feedback.txt}.
 */
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokenSubmissionsTest {

    private static Map<String, String> solutions;
    private static final List<String> TABLE = new ArrayList<>();
    private static final List<String> FEEDBACK = new ArrayList<>();
    private static final java.util.Set<String> GRADED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void readSolutions() {
        solutions = SubmissionGrader.solutionSources();
        AssertionSites.clear();
    }

    /**
     * Every broken submission, or, for an author's quick loop, those whose id starts with {@code -Dparamlab.broken}
     * (e.g. {@code -Dparamlab.broken=buffers-}; the check that every identity and message check fails then skips).
     */
    static Stream<BrokenSubmission> submissions() {
        String only = System.getProperty("paramlab.broken", "");
        return BrokenSubmissions.all().stream().filter(b -> b.id().startsWith(only));
    }

    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSolutionsUnchangedKeepFullMarks() {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(solutions),
                SubmissionGrader.EVERY_CLASS);
        StringBuilder why = new StringBuilder();
        grading.failed().forEach(t -> why.append("\n  ").append(t).append(": ").append(grading.outcomes().get(t).message()));
        assertThat(grading.failed()).as("graded tests the unchanged solutions fail:" + why).isEmpty();
        assertThat(grading.outcomes()).as("graded tests that ran").hasSizeGreaterThanOrEqualTo(80);
        assertThat(grading.points(group -> group <= 7)).as("points of the chapter's graded tests (groups 0 to 7)")
                .isEqualTo(100.0);
        List<String> graded = new ArrayList<>(SubmissionGrader.CHAPTER);
        graded.addAll(SubmissionGrader.BUFFERS);
        assertThat(graded).as("the chapter's classes and group 8's: every graded class is graded by the catalogue")
                .containsAll(SubmissionGrader.EVERY_CLASS);
    }

    /**
     * Linear.forward's solution uses {@code Tensor.addmm} (so that its output prints
     * {@code grad_fn=<AddmmBackward0>} as PyTorch's does); a student who writes the matrix product
     * and the addition separately must keep full marks.
     */
    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aLinearForwardWrittenAsMatmulPlusAddKeepsFullMarks() {
        String fused = "return Tensor.addmm(bias, x, weight.t());";
        String linear = solutions.get("Linear.java");
        assertThat(linear).as("Linear.java's solution").contains(fused);
        Map<String, String> variant = new java.util.LinkedHashMap<>(solutions);
        variant.put("Linear.java", linear.replace(fused, "return x.matmul(weight.t()).add(bias);"));
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(variant),
                SubmissionGrader.CHAPTER);
        StringBuilder why = new StringBuilder();
        grading.failed().forEach(t -> why.append("\n  ").append(t).append(": ").append(grading.outcomes().get(t).message()));
        assertThat(grading.failed()).as("graded tests that matmul(...).add(...) fails:" + why).isEmpty();
        assertThat(grading.points()).as("points of the chapter's graded tests").isEqualTo(100.0);
    }

    /** Group 8 is an assignment of its own: the solutions keep its 12 points too. */
    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSolutionsKeepFullMarksInTheBuffersGroup() {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(solutions),
                SubmissionGrader.BUFFERS);
        StringBuilder why = new StringBuilder();
        grading.failed().forEach(t -> why.append("\n  ").append(t).append(": ").append(grading.outcomes().get(t).message()));
        assertThat(grading.failed()).as("graded tests of group 8 the unchanged solutions fail:" + why).isEmpty();
        assertThat(grading.outcomes().values()).as("group 8's tests").allMatch(o -> o.exercise().startsWith("8."));
        assertThat(grading.points()).as("points of group 8").isEqualTo(12.0);
    }

    /**
     * A student who did the chapter and nothing of group 8 keeps the chapter's 100 points: the solutions with every
     * {@code // BEGIN SOLUTION 8.x} block a stub, as the generator writes it, and a stateDict that never calls
     * saveBuffersToStateDict (the chapter's own, written before buffers); and so does a template that provides the
     * chapter's solutions beside group 8's stubs (course.json's "provided"), whose stateDict makes that call only for a
     * module that has buffers.
     */
    @Test
    @Order(1)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theChapterWithoutBuffersKeepsFullMarks() {
        String module = solutions.get("Module.java");
        assertThat(module).as("Module.java's solution").contains(BufferSubmissions.SAVE_CALL);
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile(
                "(?m)^([ \\t]*)// BEGIN SOLUTION (8\\.\\d+ [^\\n]*)\\n(?:.*\\n)*?[ \\t]*// END SOLUTION\\n").matcher(module);
        StringBuilder stubbed = new StringBuilder();
        int stubs = 0;
        while (blocks.find()) {
            blocks.appendReplacement(stubbed, java.util.regex.Matcher.quoteReplacement(blocks.group(1)
                    + "throw new org.paramlab.exercise.NotImplementedException(\"" + blocks.group(2) + "\");\n"));
            stubs++;
        }
        blocks.appendTail(stubbed);
        assertThat(stubs).as("group 8's solution blocks in Module.java").isEqualTo(5);
        Map<String, String> variant = new java.util.LinkedHashMap<>(solutions);
        variant.put("Module.java", stubbed.toString().replace(BufferSubmissions.SAVE_CALL, ""));
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(variant),
                SubmissionGrader.CHAPTER);
        StringBuilder why = new StringBuilder();
        grading.failed().forEach(t -> why.append("\n  ").append(t).append(": ").append(grading.outcomes().get(t).message()));
        assertThat(grading.failed()).as("graded tests of the chapter that fail without group 8:" + why).isEmpty();
        assertThat(grading.points()).as("points of the chapter").isEqualTo(100.0);
        SubmissionGrader.Grading buffers = SubmissionGrader.grade(SubmissionGrader.compile(variant), SubmissionGrader.BUFFERS);
        assertThat(buffers.earned()).as("group 8's points without group 8").isZero();
        variant.put("Module.java", stubbed.toString());
        SubmissionGrader.Grading provided = SubmissionGrader.grade(SubmissionGrader.compile(variant),
                SubmissionGrader.CHAPTER);
        StringBuilder whyProvided = new StringBuilder();
        provided.failed().forEach(t -> whyProvided.append("\n  ").append(t).append(": ")
                .append(provided.outcomes().get(t).message()));
        assertThat(provided.failed()).as("graded tests of the chapter that fail with the chapter's solutions and group "
                + "8's stubs:" + whyProvided).isEmpty();
    }

    @Test
    void thereAreAtLeast25() {
        assertThat(BrokenSubmissions.all()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(BrokenSubmissions.all().stream().map(BrokenSubmission::id).distinct()).hasSameSizeAs(BrokenSubmissions.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void losesExactlyThePointsItsDefectDeserves(BrokenSubmission broken) {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(broken.apply(solutions)),
                broken.groups());
        GRADED.add(broken.id());
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
        TreeSet<String> unexpected = new TreeSet<>(failed);
        unexpected.removeAll(broken.fails());
        TreeSet<String> missed = new TreeSet<>(broken.fails());
        missed.removeAll(failed);
        assertThat(new TreeSet<>(failed))
                .as(broken.id() + " (" + broken.defect() + "): the graded tests it fails (also failed: " + unexpected
                        + "; passed although listed: " + missed + "); their feedback:" + feedback)
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

    /**
     * Every identity check ({@code Identity}) and message check ({@code Expect.message}) that the graded
     * tests made must have failed for at least one broken submission: a check no submission fails may be
     * one that cannot fail (an object compared with itself, a message any text passes). Found by running
     * the catalogue, not by reading; the sites are written to {@code <build dir>/assertion-sites.md}.
     */
    /**
     * Checks no broken submission reaches, each with the reason none can: the one way to fail it is
     * already caught by an earlier check of the same test.
     */
    private static final Map<String, String> UNREACHED = Map.of(
            "namedModules().get(", "a value can be wrong only together with its path, and the paths are checked first",
            "after the first forward, weight() must return the registered weight", "weight() returns Linear's field, "
                    + "which setParameters sets and forward uses: a weight() that returns another object fails the "
                    + "first forward before this check");

    @Test
    @Order(3)
    void everyIdentityAndMessageCheckFailsForSomeBrokenSubmission() throws IOException {
        Assumptions.assumeTrue(GRADED.size() == BrokenSubmissions.all().size(),
                "only after the whole catalogue was graded in this run");
        Map<String, AssertionSites.Seen> seen = AssertionSites.seen();
        List<String> lines = new ArrayList<>(List.of("# Identity and message checks of the graded tests", "",
                "How often each check passed and failed while the solutions and every broken submission were graded.",
                "", "| site | check | message | passed | failed |", "| --- | --- | --- | --- | --- |"));
        List<String> neverFailed = new ArrayList<>();
        seen.forEach((site, s) -> {
            String reason = UNREACHED.entrySet().stream().filter(e -> s.label().startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            lines.add("| " + site + " | " + s.check() + " | " + s.label().replace("|", "\\|").replace("\n", " ") + " | "
                    + s.passed() + " | " + s.failed() + (reason == null ? "" : " (" + reason + ")") + " |");
            if (s.failed() == 0 && reason == null) {
                neverFailed.add(site + " (" + s.check() + ", passed " + s.passed() + " times): " + s.label());
            }
        });
        Files.write(buildDir().resolve("assertion-sites.md"), lines, StandardCharsets.UTF_8);
        assertThat(seen).as("identity and message checks seen").hasSizeGreaterThan(30);
        assertThat(neverFailed).as("identity and message checks that no broken submission fails: add a broken "
                + "submission that breaks each, or fix the check if it cannot fail").isEmpty();
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

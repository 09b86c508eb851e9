package org.paramlab.grader.broken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.protocol.TestStatus;

/**
 * The invariant properties ({@code org.paramlab.grading.InvariantsTest}) graded with the real grader in this
 * JVM ({@link SubmissionGrader}): the solutions pass every one; a Module with one deliberate defect fails the
 * property of its exercise with feedback that draws a small shrunk network, names the concept and the
 * exercise, and gives the command that reruns the case; the same seed gives the same feedback; a stub is
 * "not attempted".
 */
@Isolated
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InvariantsSelfTest {

    static final String CLASS = "InvariantsTest";

    /** The most registrations a shrunk network may have. */
    static final int MAX_REGISTRATIONS = 4;

    private static Map<String, String> solutions;

    private static final List<String> FEEDBACK = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void readSolutions() {
        solutions = SubmissionGrader.solutionSources();
    }

    @Test
    void theSolutionsPassEveryProperty() {
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(solutions), List.of(CLASS));
        StringBuilder why = new StringBuilder();
        grading.failed().forEach(t -> why.append("\n  ").append(t).append(": ").append(grading.outcomes().get(t).message()));
        assertThat(grading.failed()).as("properties the solutions fail:" + why).isEmpty();
        assertThat(grading.outcomes().keySet()).containsExactlyInAnyOrder(CLASS + ".targetedAccessReachesEveryPath",
                CLASS + ".parametersListEachParameterOnce", CLASS + ".modulesListEachModuleOnce",
                CLASS + ".stateDictHasEveryPath", CLASS + ".refusedLoadChangesNothing",
                CLASS + ".applyVisitsChildrenFirst", CLASS + ".zeroGradClearsEveryParameter");
        assertThat(grading.outcomes().values()).allSatisfy(o -> assertThat(o.points()).isEqualTo(0.5));
    }

    /**
     * Each defect of the broken-submission catalogue that is about a promise the properties check, graded with
     * {@code InvariantsTest} alone: it fails the property of its exercise (and only properties it deserves to
     * fail), shrunk to at most {@value #MAX_REGISTRATIONS} registrations (the smallest networks that show these
     * defects have 0 to 3).
     */
    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource({
            "namedParameters-not-deduplicated, parametersListEachParameterOnce",
            "parameters-from-every-registration, parametersListEachParameterOnce",
            "namedParameters-wraps-copies, parametersListEachParameterOnce",
            "stateDict-deduplicated, stateDictHasEveryPath",
            "stateDict-copies, stateDictHasEveryPath",
            "stateDict-without-outer-prefix, stateDictHasEveryPath",
            "namedModules-without-root, modulesListEachModuleOnce",
            "wrong-dotted-names, modulesListEachModuleOnce",
            "namedChildren-not-deduplicated, modulesListEachModuleOnce",
            "getSubmodule-walks-namedChildren, targetedAccessReachesEveryPath",
            "getParameter-returns-a-copy, targetedAccessReachesEveryPath",
            "loadStateDict-copies-before-checking, refusedLoadChangesNothing",
            "loadStateDict-ignores-unexpected-keys, refusedLoadChangesNothing",
            "apply-parent-first, applyVisitsChildrenFirst",
            "apply-visits-shared-twice, applyVisitsChildrenFirst",
            "apply-returns-null, applyVisitsChildrenFirst",
            "zeroGrad-clears-only-its-own, zeroGradClearsEveryParameter",
            "zeroGrad-fills-zeros, zeroGradClearsEveryParameter"})
    void aBrokenModuleFailsItsPropertyWithASmallNetwork(String id, String property) {
        BrokenSubmission broken = BrokenSubmissions.all().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no broken submission " + id));
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(broken.apply(solutions)),
                List.of(CLASS));
        String test = CLASS + "." + property;
        SubmissionGrader.Outcome outcome = grading.outcomes().get(test);
        assertThat(outcome.status()).as(id + ": " + test).isEqualTo(TestStatus.FAILED);
        String message = outcome.message();
        FEEDBACK.add("== " + id + " (" + broken.defect() + ")\n  " + test + ": " + message + "\n");
        Exercise exercise = Exercise.byId(outcome.exercise());
        assertThat(message).as(id + "'s feedback")
                .contains("  network: net = Node#0")
                .contains("  call: net")
                .contains("  expected: ")
                .contains("  but got: ")
                .contains("  concept: ")
                .contains("  hint: " + exercise.hint())
                .contains("  rerun exactly this case: " + GradingSeed.reproduceCommand(GradingSeed.get(), exercise))
                .containsIgnoringCase(broken.concept());
        assertThat(registrations(message)).as(id + ": registrations of the shrunk network in\n" + message)
                .isLessThanOrEqualTo(MAX_REGISTRATIONS);
        assertThat(exercise.id()).as(id + ": the property's exercise").isEqualTo(broken.exercise());
    }

    @Test
    void theSameSeedGivesTheSameFeedback() {
        BrokenSubmission broken = BrokenSubmissions.all().stream()
                .filter(b -> b.id().equals("apply-visits-shared-twice")).findFirst().orElseThrow();
        Map<String, byte[]> classes = SubmissionGrader.compile(broken.apply(solutions));
        String first = SubmissionGrader.grade(classes, List.of(CLASS)).outcomes()
                .get(CLASS + ".applyVisitsChildrenFirst").message();
        String second = SubmissionGrader.grade(classes, List.of(CLASS)).outcomes()
                .get(CLASS + ".applyVisitsChildrenFirst").message();
        assertThat(first).contains("Node#0").isEqualTo(second);
    }

    @Test
    void aStubIsNotAttempted() throws Exception {
        Map<String, String> stubbed = new LinkedHashMap<>(solutions);
        stubbed.put("Module.java", Files.readString(SubmissionGrader.solutionsDir().resolve("../../../../../../../exercises/"
                + "src/main/java/org/paramlab/nn/Module.java").normalize(), StandardCharsets.UTF_8));
        SubmissionGrader.Grading grading = SubmissionGrader.grade(SubmissionGrader.compile(stubbed), List.of(CLASS));
        assertThat(grading.outcomes()).hasSize(7);
        grading.outcomes().forEach((test, outcome) -> {
            assertThat(outcome.status()).as(test + ": " + outcome.message()).isEqualTo(TestStatus.NOT_ATTEMPTED);
            assertThat(outcome.message()).startsWith("not attempted: needs exercise " + outcome.exercise() + " Module.");
        });
    }

    /** The feedback of every broken Module, for reading: {@code <build dir>/invariants-feedback.txt}. */
    @AfterAll
    static void writeFeedback() throws IOException {
        if (!FEEDBACK.isEmpty()) {
            Files.write(buildDir().resolve("invariants-feedback.txt"), FEEDBACK, StandardCharsets.UTF_8);
        }
    }

    private static Path buildDir() {
        try {
            return Path.of(InvariantsSelfTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern REGISTRATIONS = Pattern.compile("parameters?, (\\d+) registrations?\\)");

    /** The number of registrations of the network drawn in {@code message}. */
    static int registrations(String message) {
        Matcher m = REGISTRATIONS.matcher(message);
        assertThat(m.find()).as("the network's size in\n" + message).isTrue();
        return Integer.parseInt(m.group(1));
    }
}

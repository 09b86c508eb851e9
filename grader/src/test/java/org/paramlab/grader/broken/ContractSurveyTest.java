package org.paramlab.grader.broken;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.paramlab.grader.protocol.TestStatus;

/** {@link ContractSurvey#classify}: which exercise lost the points decides the verdict. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ContractSurveyTest {

    private static final BrokenSubmission IN_2_2 = BrokenSubmissions.broken("some-defect", "2.2", "a defect", "once",
            List.of(), BrokenSubmissions.edit("Module.java", "a", "b"));

    private static SubmissionGrader.Grading grading(TestStatus in22, TestStatus in23) {
        Map<String, SubmissionGrader.Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put("ParameterAccessTest.a", new SubmissionGrader.Outcome("2.2", 1, in22, null));
        outcomes.put("ParameterAccessTest.b", new SubmissionGrader.Outcome("2.3", 1, in23, null));
        return new SubmissionGrader.Grading(outcomes);
    }

    @Test
    void fullMarksIsMissed() {
        assertThat(ContractSurvey.classify(IN_2_2, grading(TestStatus.PASSED, TestStatus.PASSED)))
                .isEqualTo(ContractSurvey.Verdict.MISSED);
    }

    @Test
    void aFailureInItsOwnExerciseIsCaught() {
        assertThat(ContractSurvey.classify(IN_2_2, grading(TestStatus.FAILED, TestStatus.PASSED)))
                .isEqualTo(ContractSurvey.Verdict.CAUGHT);
        assertThat(ContractSurvey.classify(IN_2_2, grading(TestStatus.TIMED_OUT, TestStatus.CRASHED)))
                .isEqualTo(ContractSurvey.Verdict.CAUGHT);
    }

    @Test
    void failuresOnlyInOtherExercisesAreTheWrongExercise() {
        assertThat(ContractSurvey.classify(IN_2_2, grading(TestStatus.PASSED, TestStatus.FAILED)))
                .isEqualTo(ContractSurvey.Verdict.WRONG_EXERCISE);
    }

    @Test
    void witnessNamesAreTheIdsInCamelCase() {
        assertThat(ContractSurvey.witnessName("directEdits-loops-over-8x4")).isEqualTo("directEditsLoopsOver8x4");
        assertThat(ContractSurvey.witnessName("relu-multiplies-by-a-mask")).isEqualTo("reluMultipliesByAMask");
    }

    @Test
    void totalsCountEachVerdict() {
        ContractSurvey.Row missed = new ContractSurvey.Row(IN_2_2, ContractSurvey.Verdict.MISSED, 100, 100, List.of(), "x");
        ContractSurvey.Row caught = new ContractSurvey.Row(IN_2_2, ContractSurvey.Verdict.CAUGHT, 99, 100,
                List.of("ParameterAccessTest.a"), "x");
        assertThat(ContractSurvey.totals(List.of(missed, caught, missed)))
                .isEqualTo("Totals: caught 1, wrong exercise 0, missed 2 of 3.");
    }
}

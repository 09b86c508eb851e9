package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.report.Samples.outcome;
import static org.paramlab.grader.report.Samples.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.GradingPlan;
import org.paramlab.grader.protocol.TestStatus;

class MarkdownSummaryWriterTest {

    @Test
    void scoresPerGroupAndExercise() {
        GradingRun run = Samples.mixed();
        String md = MarkdownSummaryWriter.render(run, ScoreBook.of(run.outcomes()));

        assertThat(md).startsWith("# ParamLab: 3 / 9.5 points\n\nGraded `paramlab-exercises`, all exercises;"
                + " inputs drawn with seed 42 (reproduce with `./mvnw test -Dparamlab.seed=42`).\n\n");
        assertThat(md).contains("| Exercise | | Points | Result |\n| --- | --- | ---: | --- |\n"
                + "| **1** | **Modules** | **3/5.5** | |\n"
                + "| 1.1 | Linear: weight and bias, default initialization | 3/3 | passed |\n"
                + "| 1.2 | Linear.forward | 0/2.5 | not attempted |\n"
                + "| **2** | **Parameter access** | **0/4** | |\n"
                + "| 2.2 | namedParameters, parameters | 0/3 | failed |\n"
                + "| 2.3 | namedChildren, children, namedModules | 0/1 | timed out |\n"
                + "| | **Total** | **3/9.5** | |\n");
        assertThat(md).contains("## What to do next\n\n- Next: exercise 1.2 (Linear.forward)");
    }

    @Test
    void listsEveryLostPointWithItsWholeMessage() {
        GradingRun run = Samples.mixed();
        String md = MarkdownSummaryWriter.render(run, ScoreBook.of(run.outcomes()));

        assertThat(md).contains("## Lost points\n\n### 1.2 Linear.forward\n\n"
                + "Notebook section: *Parameter Access*. Grade it alone: `./mvnw test -Dexercise=1.2`.\n\n"
                + "- `G1_2Test.forward`: 0 / 2, not attempted\n\n"
                + "  ```text\n  not attempted: needs exercise 1.2 Linear.forward, which is still a stub\n  ```\n\n");
        assertThat(md).contains("- `G2_2Test.namedParameters`: 0 / 3, failed\n\n  ```text\n"
                + "  Module.namedParameters: expected 4 names but was 3\n  expected: [0.weight, 0.bias]\n  ```\n");
        assertThat(md).doesNotContain("### 1.1");
    }

    @Test
    void escapesWhatWouldBreakTheMarkdown() {
        assertThat(MarkdownSummaryWriter.cell("a | b\nc")).isEqualTo("a \\| b c");
        GradingRun run = Samples.run(List.of(outcome(test("1.1", "a", 1), TestStatus.FAILED, "use ``` here")));
        assertThat(MarkdownSummaryWriter.render(run, ScoreBook.of(run.outcomes())))
                .contains("  ````text\n  use ``` here\n  ````\n");
    }

    @Test
    void showsTheAnswersInTheStudentsOwnWordsUngraded() {
        GradingRun run = Samples.withAnswers();
        String md = MarkdownSummaryWriter.render(run, ScoreBook.of(run.outcomes()));

        assertThat(md).contains("## Answers in your own words (not graded)\n\n"
                + "### 7.2 Why share parameters? (quiz)\n\n"
                + "**`Why share?`**\n\n```text\nFewer parameters.\nAnd priors.\n```\n\n"
                + "**`Why not?`**\n\n*no answer given*\n\n## Lost points");
        assertThat(md).contains("| 7.2 | Why share parameters? (quiz) | 1/3 | 1 not attempted |");
    }

    @Test
    void withoutAnswersThereIsNoAnswerSection() {
        GradingRun run = Samples.mixed();
        assertThat(MarkdownSummaryWriter.render(run, ScoreBook.of(run.outcomes()))).doesNotContain("own words");
    }

    @Test
    void showsErrors() {
        GradingPlan plan = new GradingPlan(1, null, "s", Samples.STARTED_AT, "9", List.of("bad\nthing"), List.of());
        String md = MarkdownSummaryWriter.render(new GradingRun(plan, List.of(), true, 0), ScoreBook.of(List.of()));
        assertThat(md).contains("**Error:**\n\n```text\nbad\nthing\n```\n").doesNotContain("| Exercise").doesNotContain("seed");
    }
}

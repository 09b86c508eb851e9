package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.fixtures.ClassificationFixture;
import org.paramlab.grader.fixtures.SetupFailsFixture;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.report.GradingRunReader;
import org.paramlab.grader.report.ReportWriter;
import org.paramlab.grader.report.ScoreBook;

/** The listener's record, written by {@link ReportWriter}: what a student would see. */
class EndToEndTest {

    @TempDir
    Path base;

    @Test
    void gradesTheFixturesAndReports() throws Exception {
        Path dir = base.resolve("report");
        FixtureRunner.run(dir, ExerciseSelection.all(), ClassificationFixture.class, SetupFailsFixture.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ScoreBook book = new ReportWriter(dir, false, Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8),
                base).write(GradingRunReader.read(dir).orElseThrow(), null);

        // passes (2) and parameterizedPasses (1) out of 2 + 1 + 1.5 + 1 + 1 + 1 + 1 + 1 + 1 + 3 + 1 + 2 + 2 + 1
        assertThat(book.earned()).isEqualTo(3.0);
        assertThat(book.max()).isEqualTo(19.5);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("  1.1  Linear: weight and bias, default initialization            2/2  passed")
                .contains("  1.2  Linear.forward                                           0/2.5  1 failed, 1 not attempted")
                .contains("  1.4  Sequential: children 0, 1, ..., get, forward               0/5  2 not attempted, 1 timed out")
                .contains("  1.5  Printing: Module.toString, Linear.extraRepr                0/2  1 skipped, 1 disabled")
                .contains("  1.6 SetupFailsFixture.BrokenSetup.only\n      in the setup of BrokenSetup: unexpected")
                .contains("Inputs drawn with seed 42; reproduce with: ./mvnw test -Dparamlab.seed=42")
                .contains("Next: fix exercise 1.2 (Linear.forward): 1 of 2 tests fail");
        JsonNode results = ReportFiles.mapper().readTree(dir.resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("tests")).hasSize(14);
        assertThat(results.get("score").asDouble()).isEqualTo(3.0);
    }
}

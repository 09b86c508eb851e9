package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paramlab.grader.protocol.ReportFiles;

class ClassroomReporterTest {

    private static ObjectNode results(String feedback) {
        ObjectNode results = ReportFiles.mapper().createObjectNode();
        ArrayNode exercises = results.putObject("extra_data").putArray("exercises");
        exercises.addObject().put("id", "1.1").put("title", "Linear").put("earned", 2.5).put("max", 2.5)
                .put("passed", true);
        exercises.addObject().put("id", "1.2").put("title", "Linear.forward").put("earned", 0.5).put("max", 3)
                .put("passed", false);
        ArrayNode tests = results.putArray("tests");
        ObjectNode test = tests.addObject().put("name", "1.2 Linear.forward: ModulesTest.forward").put("status", "failed")
                .put("max_score", 2.5).put("output", feedback);
        test.putArray("tags").add("1.2").add("Modules").add("failed");
        return results;
    }

    @Test
    void oneTestPerExerciseWithItsPointsAndFeedback() {
        JsonNode document = ClassroomReporter.document(results("expected 1.0, actual 1.5"));
        assertThat(document.get("version").asInt()).isEqualTo(1);
        assertThat(document.get("status").asText()).isEqualTo("fail");
        assertThat(document.get("max_score").asDouble()).isEqualTo(5.5);
        assertThat(document.get("tests")).hasSize(2);
        assertThat(document.get("tests").get(1).get("score").asDouble()).isEqualTo(0.5);
        assertThat(document.get("tests").get(1).get("status").asText()).isEqualTo("fail");
        assertThat(document.get("tests").get(1).get("test_code").asText())
                .isEqualTo("1.2 Linear.forward: ModulesTest.forward: expected 1.0, actual 1.5");
        assertThat(document.get("tests").get(0).get("test_code").asText()).isEmpty();
    }

    @Test
    void feedbackIsNeverAWorkflowCommandAndStaysSmall() {
        String hostile = "::set-output name=x::1\n  ::add-mask::secret\n\u001b[2J" + "y".repeat(100_000);
        String encoded = ClassroomReporter.encode(results(hostile));
        JsonNode document = parse(encoded);
        String code = document.get("tests").get(1).get("test_code").asText();
        assertThat(code.lines()).noneMatch(line -> line.stripLeading().startsWith("::"));
        assertThat(code).doesNotContain("\u001b").contains("[truncated: ");
        assertThat(encoded.length()).isLessThan(8 * 1024);
    }

    @Test
    void escapeSequencesGoWhole() {
        String code = ClassroomReporter.document(results("red \u001b[31mtext\u001b[0m \u001b]0;title\u0007\u202eend"))
                .get("tests").get(1).get("test_code").asText();
        assertThat(code).endsWith(": red text end");
    }

    @Test
    void noExerciseIsAnError() {
        assertThat(ClassroomReporter.document(ReportFiles.mapper().createObjectNode()).get("status").asText())
                .isEqualTo("error");
    }

    /** Exercises worth {@code max} each, earning {@code earned}; two 0-point rule exercises that pass. */
    private static ObjectNode graded(double[] earned, double[] max) {
        ObjectNode results = ReportFiles.mapper().createObjectNode();
        ArrayNode exercises = results.putObject("extra_data").putArray("exercises");
        exercises.addObject().put("id", "0.1").put("title", "Rules").put("earned", 0).put("max", 0).put("passed", true);
        exercises.addObject().put("id", "0.2").put("title", "Layout").put("earned", 0).put("max", 0).put("passed", true);
        for (int i = 0; i < earned.length; i++) {
            exercises.addObject().put("id", "1." + i).put("title", "E" + i).put("earned", earned[i]).put("max", max[i])
                    .put("passed", earned[i] == max[i]);
        }
        results.putArray("tests");
        return results;
    }

    /** 27 graded exercises (the course's count), 100 points, {@code score} of them earned. */
    private static ObjectNode scoring(double score) {
        double[] max = new double[27];
        double[] earned = new double[27];
        double left = score;
        for (int i = 0; i < 27; i++) {
            max[i] = i < 26 ? 3.5 : 9;
            earned[i] = Math.min(max[i], left);
            left -= earned[i];
        }
        return graded(earned, max);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 69.5, 99, 100, 0.5})
    void theReportersLogPrintsParamLabsTotal(double score, @TempDir Path temp) throws Exception {
        ObjectNode results = scoring(score);
        String outputs = ClassroomReporter.outputs(results);
        String log = ReporterLog.run(outputs, temp, "paramlab", "earned", "missed");
        assertThat(ReporterLog.total(log)).containsExactly(score, 100.0);
        // no line prints the pass ratio as points any more: the feedback runner has no total line
        assertThat(ReporterLog.runnerTotals(log)).noneMatch(l -> l.startsWith("Total points for paramlab"));
        assertThat(log).contains("ParamLab score: ");
        // the check run's value (notify-classroom.js): the sum of the scores over the sum of max_score
        double points = 0;
        double maxPoints = 0;
        for (String name : List.of("feedback", "earned", "missed")) {
            JsonNode document = parse(outputs.lines().filter(l -> l.startsWith(name + "=")).findFirst().orElseThrow()
                    .substring(name.length() + 1));
            if (document.get("max_score").asDouble() == 0) {
                continue;
            }
            maxPoints += document.get("max_score").asDouble();
            for (JsonNode test : document.get("tests")) {
                points += test.get("score").asDouble();
            }
        }
        assertThat(points).isEqualTo(score);
        assertThat(maxPoints).isEqualTo(100.0);
        assertThat(outputs.length()).isLessThan(100 * 1024);
    }

    @Test
    void theOldSingleRunnerPrintedThePassRatio(@TempDir Path temp) throws Exception {
        // what issue 20 reported, kept as the reason for the three runners: 2 of 29 "pass" for the stubs
        String log = ReporterLog.run("result=" + ClassroomReporter.encode(scoring(0)), temp, "paramlab");
        assertThat(ReporterLog.runnerTotals(log)).containsExactly("Total points for paramlab: 6.90/100");
    }

    private static JsonNode parse(String base64) {
        try {
            return ReportFiles.mapper().readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

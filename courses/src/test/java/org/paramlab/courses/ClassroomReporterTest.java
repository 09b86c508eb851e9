package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
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

    private static JsonNode parse(String base64) {
        try {
            return ReportFiles.mapper().readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

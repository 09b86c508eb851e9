package org.paramlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.GradingPlan;

class GradescopeWriterTest {

    @Test
    void followsGradescopesResultsFormat() {
        GradingRun run = Samples.mixed();
        ObjectNode json = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes()));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("score", "execution_time", "output", "output_format", "test_output_format",
                "visibility", "tests", "extra_data");
        assertThat(json.get("score").isNumber()).isTrue();
        assertThat(json.get("score").asDouble()).isEqualTo(3.0);
        assertThat(json.get("execution_time").asLong()).isEqualTo(3);
        assertThat(json.get("output").asText()).startsWith("ParamLab: 3/9.5 points (inputs drawn with seed 42)\n"
                + "1.1 Linear: weight and bias, default initialization: 3/3 passed\n");
        assertThat(json.get("tests")).hasSize(6);
        double sum = 0;
        for (JsonNode test : json.get("tests")) {
            List<String> keys = new ArrayList<>();
            test.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("name", "number", "score", "max_score", "status", "output", "tags",
                    "visibility");
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            sum += test.get("score").asDouble();
        }
        assertThat(sum).isEqualTo(json.get("score").asDouble());
    }

    @Test
    void describesEachTest() {
        GradingRun run = Samples.mixed();
        JsonNode tests = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes())).get("tests");

        JsonNode first = tests.get(0);
        assertThat(first.get("name").asText())
                .isEqualTo("1.1 Linear: weight and bias, default initialization: G1_1Test.addModule");
        assertThat(first.get("number").asText()).isEqualTo("1.1.1");
        assertThat(first.get("score").asDouble()).isEqualTo(2.0);
        assertThat(first.get("max_score").asDouble()).isEqualTo(2.0);
        assertThat(first.get("status").asText()).isEqualTo("passed");
        assertThat(first.get("tags").toString()).isEqualTo("[\"1.1\",\"Modules\",\"passed\"]");
        assertThat(first.get("visibility").asText()).isEqualTo("visible");

        JsonNode stub = tests.get(2);
        assertThat(stub.get("number").asText()).isEqualTo("1.2.1");
        assertThat(stub.get("score").asDouble()).isZero();
        assertThat(stub.get("status").asText()).isEqualTo("failed");
        assertThat(stub.get("output").asText())
                .isEqualTo("not attempted: needs exercise 1.2 Linear.forward, which is still a stub");
        assertThat(tests.get(4).get("output").asText()).startsWith("failed: Module.namedParameters: expected 4");
    }

    @Test
    void keepsTheRunsContextInExtraData() {
        GradingRun run = Samples.mixed();
        JsonNode extra = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes())).get("extra_data");
        assertThat(extra.get("seed").asLong()).isEqualTo(42);
        assertThat(extra.get("student").asText()).isEqualTo("paramlab-exercises");
        assertThat(extra.get("selection").isNull()).isTrue();
        assertThat(extra.get("completed").asBoolean()).isTrue();
        assertThat(extra.get("errors")).isEmpty();
    }

    @Test
    void showsTheAnswersInTheStudentsOwnWordsWithoutPoints() {
        GradingRun run = Samples.withAnswers();
        ObjectNode json = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes()));

        assertThat(json.get("score").asDouble()).isEqualTo(1.0);
        assertThat(json.get("output").asText()).endsWith("\nAnswers in your own words (not graded):\n"
                + "7.2 Question: Why share?\n    Answer: Fewer parameters.\n    And priors.\n"
                + "7.2 Question: Why not?\n    Answer: no answer given\n");
        JsonNode tests = json.get("tests");
        assertThat(tests).hasSize(4);
        JsonNode answer = tests.get(2);
        assertThat(answer.get("name").asText())
                .isEqualTo("7.2 Why share parameters? (quiz): your answer in your own words (not graded)");
        assertThat(answer.get("number").asText()).isEqualTo("7.2.answer1");
        assertThat(answer.get("score").asDouble()).isZero();
        assertThat(answer.get("max_score").asDouble()).isZero();
        assertThat(answer.get("output").asText()).isEqualTo("Question: Why share?\nAnswer: Fewer parameters.\nAnd priors.");
        assertThat(answer.get("tags").toString()).isEqualTo("[\"7.2\",\"Training with a shared layer\",\"not graded\"]");
        assertThat(tests.get(3).get("output").asText()).isEqualTo("Question: Why not?\nAnswer: no answer given");
        double sum = 0;
        for (JsonNode test : tests) {
            sum += test.get("score").asDouble();
        }
        assertThat(sum).isEqualTo(json.get("score").asDouble());
        JsonNode extra = json.get("extra_data").get("answers");
        assertThat(extra).hasSize(2);
        assertThat(extra.get(0).get("test").asText()).isEqualTo("G7_2Test.quiz1");
        assertThat(extra.get(0).get("given").asBoolean()).isTrue();
        assertThat(extra.get(1).get("answer").asText()).isEqualTo("no answer given");
        assertThat(extra.get(1).get("given").asBoolean()).isFalse();
    }

    @Test
    void withoutAnswersThereAreNoAnswerEntries() {
        GradingRun run = Samples.mixed();
        ObjectNode json = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes()));
        assertThat(json.get("extra_data").has("answers")).isFalse();
        assertThat(json.get("output").asText()).doesNotContain("own words");
    }

    @Test
    void withoutGradedTestsTheScoreIsZeroAndTheOutputSaysWhy() {
        GradingRun run = new GradingRun(new GradingPlan(1, 1L, "s", Samples.STARTED_AT, null,
                List.of("the test JVM did not connect"), List.of()), List.of(), false, 0);
        ObjectNode json = GradescopeWriter.toJson(run, ScoreBook.of(run.outcomes()));
        assertThat(json.get("score").asDouble()).isZero();
        assertThat(json.get("tests")).isEmpty();
        assertThat(json.get("output").asText()).contains("ERROR: the test JVM did not connect");
    }
}

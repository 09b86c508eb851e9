package org.paramlab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.paramlab.grader.channel.ChannelLimits;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grading.support.TrainingRecordJson;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.tensor.Tensor;

/** The grader's own publication of a student's training record is bounded at the source, with a note. */
class TrainingRecordPublicationTest {

    /** The chapter's network: 6 tensors, 129 numbers, as 7.1's train() records them. */
    private static Map<String, Tensor> parameters(int valuesEach) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("0.weight", "0.bias", "2.weight", "2.bias", "6.weight", "6.bias")) {
            tensors.put(name, Tensor.of(new float[valuesEach], valuesEach));
        }
        return tensors;
    }

    private static TrainingRecord record(int real, int total, int valuesEach) {
        List<TrainingRecord.Step> steps = new ArrayList<>();
        for (int k = 0; k < real; k++) {
            steps.add(new TrainingRecord.Step(k, 1f / (k + 1), parameters(valuesEach), parameters(valuesEach)));
        }
        while (steps.size() < total) {
            steps.add(steps.get(real - 1));
        }
        return new TrainingRecord(steps, parameters(valuesEach));
    }

    private static JsonNode publish(TrainingRecord record) throws Exception {
        String text = TrainingRecordJson.text(record, Tensor.of(new float[10], 10), "7.1", 0.1f);
        assertThat(text.length()).isLessThanOrEqualTo(ChannelLimits.MAX_ARTIFACT);
        return ReportFiles.mapper().readTree(text);
    }

    @Test
    void anHonestRecordIsWrittenWhole() throws Exception {
        JsonNode json = publish(record(10, 10, 32));
        assertThat(json.get("steps")).hasSize(10);
        assertThat(json.get("losses")).hasSize(10);
        assertThat(json.has("note")).isFalse();
    }

    @Test
    void aRecordOf1500StepsKeepsTheFirstHundredInDetailAndSaysSo() throws Exception {
        JsonNode json = publish(record(10, 1500, 32));
        assertThat(json.get("steps")).hasSize(TrainingRecordJson.MAX_STEPS);
        assertThat(json.get("losses")).hasSize(1500);
        assertThat(json.get("steps_recorded").asInt()).isEqualTo(1500);
        assertThat(json.get("note").asText()).isEqualTo("the record had 1,500 steps; the first 100 are drawn");
    }

    @Test
    void largeTensorsLeaveFewerStepsAndEveryTensorIsCut() throws Exception {
        JsonNode json = publish(record(3, 400, 100_000));
        assertThat(json.get("steps").size()).isLessThan(TrainingRecordJson.MAX_STEPS);
        assertThat(json.get("final_parameters").get("0.weight").get("values")).hasSize(TrainingRecordJson.MAX_VALUES);
        assertThat(json.get("note").asText()).startsWith("the record had 400 steps; the first ")
                .contains("the first " + TrainingRecordJson.MAX_VALUES + " values of a tensor are written");
    }

    @Test
    void theNoteNamesBothCounts() {
        assertThat(TrainingRecordJson.note(10, 10)).isNull();
        assertThat(TrainingRecordJson.note(2, 1)).isEqualTo("the record had 2 steps; the first 1 is drawn");
    }
}

package org.paramlab.grading.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.TestReporter;
import org.paramlab.grader.GradingListener;
import org.paramlab.nn.TrainingRecord;
import org.paramlab.tensor.Tensor;

/**
 * Publishes a student's {@link TrainingRecord} as {@value #FILE_NAME} for the report folder (through
 * JUnit's {@link TestReporter}; the supervisor writes the file, since the test JVM writes none), beside
 * PyTorch's losses, so that the run can be plotted: loss per step, and every parameter's values and
 * gradient per step.
 *
 * <pre>{@code
 * {"description": ..., "learning_rate": 0.1, "losses": [...], "pytorch_losses": [...],
 *  "steps": [{"step": 0, "loss": 1.89,
 *             "parameters": {"0.weight": {"shape": [8, 4], "values": [...]}, ...},
 *             "gradients": {...}}, ...],
 *  "final_parameters": {...}}
 * }</pre>
 * Values are row-major. A missing tensor is written as {@code null}. Publishing never fails a test:
 * a problem is reported on standard error.
 */
public final class TrainingRecordJson {

    /** The file's name in the report folder. */
    public static final String FILE_NAME = "training-record.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingRecordJson() {
    }

    /**
     * Publishes the record for the report folder.
     *
     * @param reporter the test's reporter
     * @return whether it was published
     */
    public static boolean publish(TestReporter reporter, TrainingRecord record, Tensor pytorchLosses,
                                  String description, float lr) {
        if (record == null) {
            return false;
        }
        try {
            reporter.publishEntry(GradingListener.ARTIFACT_PREFIX + FILE_NAME,
                    JSON.writeValueAsString(toJson(record, pytorchLosses, description, lr)));
            return true;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            System.err.println("[paramlab] cannot publish " + FILE_NAME + ": " + e);
            return false;
        }
    }

    /** The document written by {@link #publish}. */
    public static ObjectNode toJson(TrainingRecord record, Tensor pytorchLosses, String description, float lr) {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", description);
        root.put("learning_rate", lr);
        ArrayNode losses = root.putArray("losses");
        List<TrainingRecord.Step> steps = record.steps() == null ? List.of() : record.steps();
        for (TrainingRecord.Step step : steps) {
            losses.add(step == null ? Float.NaN : step.loss());
        }
        ArrayNode expected = root.putArray("pytorch_losses");
        for (float v : pytorchLosses.toArray()) {
            expected.add(v);
        }
        ArrayNode detail = root.putArray("steps");
        for (TrainingRecord.Step step : steps) {
            if (step == null) {
                detail.addNull();
                continue;
            }
            ObjectNode s = detail.addObject();
            s.put("step", step.step());
            s.put("loss", step.loss());
            tensors(s.putObject("parameters"), step.parameters());
            tensors(s.putObject("gradients"), step.gradients());
        }
        tensors(root.putObject("final_parameters"), record.finalParameters());
        return root;
    }

    private static void tensors(ObjectNode out, Map<String, Tensor> tensors) {
        if (tensors == null) {
            return;
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t == null) {
                out.putNull(e.getKey());
                continue;
            }
            ObjectNode node = out.putObject(e.getKey());
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape().toArray()) {
                shape.add(d);
            }
            ArrayNode values = node.putArray("values");
            for (float v : t.toArray()) {
                values.add(v);
            }
        }
    }
}

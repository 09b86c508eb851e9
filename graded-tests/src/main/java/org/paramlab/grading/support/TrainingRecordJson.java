package org.paramlab.grading.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.TestReporter;
import org.paramlab.grader.GradingListener;
import org.paramlab.grader.channel.ChannelLimits;
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
 *
 * <p>The file is bounded here, at the source, so that the grader's own publication of a student's
 * record always fits the channel ({@link ChannelLimits#MAX_ARTIFACT}): at most {@value #MAX_STEPS}
 * steps in detail (fewer when their values are large), {@value #MAX_LOSSES} losses, {@value #MAX_VALUES}
 * values and {@value #MAX_TENSORS} tensors a step, names of {@value #MAX_NAME} characters; whatever is left out is said in
 * {@code "note"} ({@link #note}), for example "the record had 1,500 steps; the first 100 are drawn".
 */
public final class TrainingRecordJson {

    /** The file's name in the report folder. */
    public static final String FILE_NAME = "training-record.json";

    /** The most steps written in detail. */
    public static final int MAX_STEPS = 100;
    /** The most losses written. */
    public static final int MAX_LOSSES = 10_000;
    /** The most values written of one tensor. */
    public static final int MAX_VALUES = 4096;
    /** The most tensors written of one step's parameters or gradients. */
    public static final int MAX_TENSORS = 32;
    /** The longest parameter name written. */
    public static final int MAX_NAME = 200;

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
                    text(record, pytorchLosses, description, lr));
            return true;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            System.err.println("[paramlab] cannot publish " + FILE_NAME + ": " + e);
            return false;
        }
    }

    /**
     * @return the text {@link #publish} sends: the document of {@link #toJson} with as many steps in detail
     *         as fit {@link ChannelLimits#MAX_ARTIFACT} characters (at most {@value #MAX_STEPS})
     */
    public static String text(TrainingRecord record, Tensor pytorchLosses, String description, float lr)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        int base = JSON.writeValueAsString(toJson(record, pytorchLosses, description, lr, 0, 0)).length();
        int budget = ChannelLimits.MAX_ARTIFACT - base - 1000;
        int drawn = MAX_STEPS;
        while (true) {
            String text = JSON.writeValueAsString(toJson(record, pytorchLosses, description, lr, drawn, budget));
            if (text.length() <= ChannelLimits.MAX_ARTIFACT || drawn == 0) {
                return text;
            }
            drawn /= 2;
        }
    }

    /** The document written by {@link #publish}, with at most {@value #MAX_STEPS} steps in detail. */
    public static ObjectNode toJson(TrainingRecord record, Tensor pytorchLosses, String description, float lr)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        return toJson(record, pytorchLosses, description, lr, MAX_STEPS, Integer.MAX_VALUE);
    }

    /**
     * @param maxSteps the most steps written in detail
     * @param budget   the most characters the steps in detail may take, as {@link #publish} writes them
     * @return the document, with a {@code "note"} on what was left out, if anything
     */
    static ObjectNode toJson(TrainingRecord record, Tensor pytorchLosses, String description, float lr,
                             int maxSteps, int budget) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", description);
        root.put("learning_rate", lr);
        root.putNull("note");
        List<TrainingRecord.Step> steps = record.steps() == null ? List.of() : record.steps();
        List<String> cut = new ArrayList<>();
        ArrayNode losses = root.putArray("losses");
        for (TrainingRecord.Step step : steps.subList(0, Math.min(steps.size(), MAX_LOSSES))) {
            losses.add(step == null ? Float.NaN : step.loss());
        }
        ArrayNode expected = root.putArray("pytorch_losses");
        for (float v : pytorchLosses.toArray()) {
            expected.add(v);
        }
        ArrayNode detail = root.putArray("steps");
        long used = 0;
        for (TrainingRecord.Step step : steps.subList(0, Math.min(steps.size(), maxSteps))) {
            if (step == null) {
                detail.addNull();
                continue;
            }
            ObjectNode s = JSON.createObjectNode();
            s.put("step", step.step());
            s.put("loss", step.loss());
            tensors(s.putObject("parameters"), step.parameters(), cut);
            tensors(s.putObject("gradients"), step.gradients(), cut);
            // nested two levels deeper than alone: two more spaces of indentation on each of its lines
            String alone = JSON.writeValueAsString(s);
            used += alone.length() + 4L * alone.chars().filter(c -> c == '\n').count() + 8;
            if (used > budget) {
                break;
            }
            detail.add(s);
        }
        tensors(root.putObject("final_parameters"), record.finalParameters(), cut);
        String note = note(steps.size(), detail.size());
        if (note != null) {
            root.put("steps_recorded", steps.size());
        }
        if (steps.size() > MAX_LOSSES) {
            cut.add("the first " + MAX_LOSSES + " losses are written");
        }
        if (!cut.isEmpty()) {
            note = (note == null ? "" : note + "; ") + String.join("; ", new LinkedHashSet<>(cut));
        }
        if (note == null) {
            root.remove("note");
        } else {
            root.put("note", note);
        }
        return root;
    }

    /**
     * @param recorded how many steps the record had
     * @param drawn    how many are written in detail
     * @return for example "the record had 1,500 steps; the first 100 are drawn", or null when all are
     */
    public static String note(int recorded, int drawn) {
        if (drawn >= recorded) {
            return null;
        }
        return String.format(Locale.ROOT, "the record had %,d steps; the first %,d %s drawn", recorded, drawn,
                drawn == 1 ? "is" : "are");
    }

    private static void tensors(ObjectNode out, Map<String, Tensor> tensors, List<String> cut) {
        if (tensors == null) {
            return;
        }
        int written = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (++written > MAX_TENSORS) {
                cut.add("the first " + MAX_TENSORS + " tensors of a step are written");
                return;
            }
            String name = String.valueOf(e.getKey());
            if (name.length() > MAX_NAME) {
                name = name.substring(0, MAX_NAME) + "...";
                cut.add("names are cut to " + MAX_NAME + " characters");
            }
            Tensor t = e.getValue();
            if (t == null) {
                out.putNull(name);
                continue;
            }
            ObjectNode node = out.putObject(name);
            ArrayNode shape = node.putArray("shape");
            for (int d : t.shape().toArray()) {
                shape.add(d);
            }
            ArrayNode values = node.putArray("values");
            float[] all = t.toArray();
            for (int i = 0; i < Math.min(all.length, MAX_VALUES); i++) {
                values.add(all[i]);
            }
            if (all.length > MAX_VALUES) {
                cut.add("the first " + MAX_VALUES + " values of a tensor are written");
            }
        }
    }
}

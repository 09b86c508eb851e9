package org.paramlab.grading.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.nn.Init;
import org.paramlab.tensor.Tensor;

/**
 * The {@code torch.nn.init} calls that {@code export_init.py} made on fixed seeds, read from the
 * reference's JSON metadata ({@code cases}, {@code stats}, {@code fans}, {@code gains}), and the
 * same calls made on the student's {@link Init}.
 */
public final class InitCases {

    /** Python's {@code json.dumps} writes {@code NaN}, {@code Infinity}, {@code -Infinity} (domain.onnx's constants). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private InitCases() {
    }

    /**
     * One call: {@code torch.manual_seed(seed); nn.init.<fn>(w, **args)} on a tensor of
     * {@code shape}. For the statistical checks, {@code values} holds what PyTorch's draw gave
     * ({@code min}, {@code max}, {@code mean}, {@code std}) and what its formulas say
     * ({@code bound}, {@code expected_std}, {@code fan_in}, {@code fan_out}, {@code gain}).
     */
    public record Case(String name, String fn, long seed, int[] shape, JsonNode args, JsonNode values) {

        /** A numeric argument, e.g. {@code arg("std")}. */
        public double arg(String key) {
            return args.get(key).asDouble();
        }

        /** A text argument, e.g. {@code text("mode")}. */
        public String text(String key) {
            return args.get(key).asText();
        }

        /** A number PyTorch computed for this case (stats only), e.g. {@code value("bound")}. */
        public double value(String key) {
            JsonNode v = values.get(key);
            if (v == null || v.isNull()) {
                throw new IllegalStateException("the reference's stats row '" + name + "' has no '" + key + "'");
            }
            return v.asDouble();
        }

        /** Whether this call passes a mode that is not lower case ({@code "FAN_OUT"}): PyTorch lowers it. */
        public boolean hasUpperCaseMode() {
            return args.has("mode") && !text("mode").equals(text("mode").toLowerCase(java.util.Locale.ROOT));
        }

        /** Whether PyTorch's row has {@code key}. */
        public boolean has(String key) {
            return values.has(key);
        }

        /** The Python call, e.g. {@code nn.init.normal_(w, mean=0.0, std=0.01)}. */
        public String call() {
            StringBuilder sb = new StringBuilder("nn.init.").append(fn).append("(w");
            Iterator<Map.Entry<String, JsonNode>> it = args.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                sb.append(", ").append(e.getKey()).append('=').append(v.isTextual() ? "'" + v.asText() + "'" : python(v));
            }
            return sb.append(')').toString();
        }

        /** A number as Python writes it in a call: {@code 0.01}, {@code -0.0}, {@code float('nan')}, {@code float('-inf')}. */
        private static String python(JsonNode v) {
            if (v.isNumber() && !Double.isFinite(v.asDouble())) {
                double d = v.asDouble();
                return Double.isNaN(d) ? "float('nan')" : d > 0 ? "float('inf')" : "float('-inf')";
            }
            return v.toString();
        }

        /** {@code torch.manual_seed(101); nn.init.normal_(w, mean=0.0, std=0.01) for w of shape [8, 4]}. */
        public String describe() {
            return "torch.manual_seed(" + seed + "); " + call() + " for w of shape " + java.util.Arrays.toString(shape);
        }
    }

    /** The cases of {@code fn} ({@code "normal_"}, ...) from metadata {@code key} ({@code cases} or {@code stats}). */
    public static List<Case> of(ReferenceModel reference, String key, String fn) {
        List<Case> result = new ArrayList<>();
        for (JsonNode node : json(reference, key)) {
            if (fn == null || node.get("fn").asText().equals(fn)) {
                result.add(new Case(node.get("name").asText(), node.get("fn").asText(), node.get("seed").asLong(),
                        ints(node.get("shape")), node.get("args"), node));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException(reference.fileName() + ": metadata '" + key + "' has no case for " + fn);
        }
        return result;
    }

    /** A metadata value parsed as JSON. */
    public static JsonNode json(ReferenceModel reference, String key) {
        try {
            return JSON.readTree(reference.metadata(key));
        } catch (IOException e) {
            throw new IllegalStateException(reference.fileName() + ": metadata '" + key + "' is not valid JSON", e);
        }
    }

    /** A JSON list of integers as an array. */
    public static int[] ints(JsonNode list) {
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i).asInt();
        }
        return values;
    }

    /** Makes the case's call on {@code w} with the student's {@link Init}, returning what it returns. */
    public static Tensor call(Case c, Tensor w) {
        switch (c.fn()) {
            case "normal_":
                // PyTorch's defaults through the one-argument overload, so that it is graded too.
                return c.arg("mean") == 0 && c.arg("std") == 1 ? Init.normal_(w) : Init.normal_(w, c.arg("mean"), c.arg("std"));
            case "uniform_":
                return c.arg("a") == 0 && c.arg("b") == 1 ? Init.uniform_(w) : Init.uniform_(w, c.arg("a"), c.arg("b"));
            case "constant_":
                return Init.constant_(w, c.arg("val"));
            case "zeros_":
                return Init.zeros_(w);
            case "ones_":
                return Init.ones_(w);
            case "xavier_uniform_":
                return c.arg("gain") == 1 ? Init.xavierUniform_(w) : Init.xavierUniform_(w, c.arg("gain"));
            case "xavier_normal_":
                return c.arg("gain") == 1 ? Init.xavierNormal_(w) : Init.xavierNormal_(w, c.arg("gain"));
            case "kaiming_uniform_":
                if ("fan_in".equals(c.text("mode")) && "leaky_relu".equals(c.text("nonlinearity"))) {
                    return c.arg("a") == 0 ? Init.kaimingUniform_(w) : Init.kaimingUniform_(w, c.arg("a"));
                }
                return Init.kaimingUniform_(w, c.arg("a"), c.text("mode"), c.text("nonlinearity"));
            default:
                throw new IllegalStateException("no Init method for nn.init." + c.fn());
        }
    }
}

package org.paramlab.grading.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.nn.Module;
import org.paramlab.tensor.Tensor;

/**
 * A runnable copy of PyTorch's sequential model built by the grader from the reference's
 * {@code tree} metadata, with {@link ReferenceLinear} and {@link ReferenceReLU} children and the
 * same sharing (one object registered at every path PyTorch registered it), so that the
 * training loop is graded without the student's {@code Linear}, {@code ReLU} or
 * {@code Sequential}. Its forward applies the registered children in order.
 */
public final class TrainingNet extends Module {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingNet() {
    }

    /**
     * The model of {@code reference}, its parameters holding the data tensors
     * {@code prefix + name} (e.g. {@code data.init.0.weight} for PyTorch's initial weights).
     */
    public static TrainingNet of(ReferenceModel reference, String prefix) {
        JsonNode tree;
        try {
            tree = JSON.readTree(reference.metadata("tree"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(reference.fileName() + ": metadata 'tree' is not valid JSON", e);
        }
        TrainingNet net = new TrainingNet();
        Map<String, Module> built = new LinkedHashMap<>();
        for (JsonNode child : tree.get("").get("children")) {
            String name = child.get(0).asText();
            String path = child.get(1).asText();
            Module module = built.computeIfAbsent(path, p -> build(reference, tree.get(p), prefix));
            net.addModule(name, module);
        }
        return net;
    }

    private static Module build(ReferenceModel reference, JsonNode node, String prefix) {
        String type = node.get("type").asText();
        switch (type) {
            case "ReLU":
                return new ReferenceReLU();
            case "Linear": {
                Map<String, Tensor> values = new LinkedHashMap<>();
                for (JsonNode p : node.get("parameters")) {
                    values.put(p.get(0).asText(), reference.data(prefix + p.get(1).asText()));
                }
                return new ReferenceLinear(values.get("weight"), values.get("bias"));
            }
            default:
                throw new IllegalStateException(reference.fileName() + ": TrainingNet cannot build a " + type);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : registeredModules().values()) {
            x = m.forward(x);
        }
        return x;
    }
}

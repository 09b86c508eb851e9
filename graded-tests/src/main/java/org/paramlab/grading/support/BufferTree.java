package org.paramlab.grading.support;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * A PyTorch model with buffers ({@code buffers.onnx}, group 8) rebuilt by the grader from a {@code tree} of the
 * reference's metadata: the same modules, parameters and buffers under the same names, a shared module shared here
 * too, each value taken from the initializers {@code data.<values>.<name>}. Parameters and children are registered
 * with the given API; buffers with the student's {@link Module#registerBuffer(String, Tensor, boolean)}, and each
 * module registers its children first, then its buffers, then its parameters: the reverse of the state dict's order,
 * so that an order taken from the registrations shows.
 */
public final class BufferTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReferenceModel reference;
    private final JsonNode tree;
    private final String values;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Boolean> persistent = new LinkedHashMap<>();
    private final Module root;

    private BufferTree(ReferenceModel reference, JsonNode tree, String values) {
        this.reference = reference;
        this.tree = tree;
        this.values = values;
        this.root = build("");
    }

    /**
     * Rebuilds the model of metadata {@code treeKey}, its values from {@code data.<values>.*} (or zeros where the
     * reference has none, as for the small {@code shared.} and {@code reregistered.} models).
     */
    public static BufferTree of(ReferenceModel reference, String treeKey, String values) {
        try {
            return new BufferTree(reference, JSON.readTree(reference.metadata(treeKey)), values);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(reference.fileName() + ": metadata '" + treeKey + "' is not valid JSON", e);
        }
    }

    /** The root module. */
    public Module root() {
        return root;
    }

    /** The module PyTorch's {@code named_modules} calls {@code path}. */
    public Module module(String path) {
        Module m = modules.get(path);
        if (m == null) {
            throw new IllegalArgumentException("the reference has no module '" + path + "'; it has " + modules.keySet());
        }
        return m;
    }

    /** Every distinct parameter by its {@code named_parameters} name, the objects the tree registered. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Every distinct buffer by its {@code named_buffers} name, the tensors the tree registered. */
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    /** The {@code named_buffers} names of the buffers registered with {@code persistent = false}. */
    public List<String> nonPersistent() {
        List<String> names = new ArrayList<>();
        persistent.forEach((name, p) -> {
            if (!p) {
                names.add(name);
            }
        });
        return names;
    }

    /** The tensor now registered as buffer {@code name} of the module at {@code path}, found through {@link Module#registeredBuffers()}. */
    public Tensor registeredBuffer(String path, String name) {
        return module(path).registeredBuffers().get(name);
    }

    private Tensor value(String name, JsonNode shape) {
        String key = values + "." + name;
        if (reference.initializerNames().contains(ReferenceModel.DATA_PREFIX + key)) {
            return reference.data(key);
        }
        int[] dims = new int[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = shape.get(d).asInt();
        }
        return Tensor.zeros(dims);
    }

    private Module build(String path) {
        Module existing = modules.get(path);
        if (existing != null) {
            return existing;
        }
        JsonNode node = tree.get(path);
        if (node == null) {
            throw new IllegalStateException(reference.fileName() + ": the tree has no module '" + path + "'");
        }
        Node module = new Node(node.get("type").asText(), node.get("extra_repr").asText());
        modules.put(path, module);
        for (JsonNode c : node.get("children")) {
            module.addModule(c.get(0).asText(), build(c.get(1).asText()));
        }
        for (JsonNode b : node.get("buffers")) {
            String canonical = b.get(1).asText();
            Tensor buffer = buffers.get(canonical);
            if (buffer == null) {
                buffer = value(canonical, b.get(2));
                buffers.put(canonical, buffer);
                persistent.put(canonical, b.get(3).asBoolean());
            }
            module.registerBuffer(b.get(0).asText(), buffer, b.get(3).asBoolean());
        }
        for (JsonNode p : node.get("parameters")) {
            String canonical = p.get(1).asText();
            Parameter parameter = parameters.get(canonical);
            if (parameter == null) {
                parameter = new Parameter(value(canonical, p.get(2)));
                parameters.put(canonical, parameter);
            }
            module.register(p.get(0).asText(), parameter);
        }
        return module;
    }

    /** Maps each module object of this tree back to its PyTorch path. */
    public Map<Module, String> pathsByModule() {
        Map<Module, String> byModule = new IdentityHashMap<>();
        modules.forEach((path, m) -> byModule.put(m, path));
        return byModule;
    }

    /** The grader's stand-in for one PyTorch module: registrations and PyTorch's extra repr only. */
    public static final class Node extends Module {

        private final String pytorchType;
        private final String extraRepr;

        Node(String pytorchType, String extraRepr) {
            this.pytorchType = pytorchType;
            this.extraRepr = extraRepr;
        }

        void register(String name, Parameter p) {
            registerParameter(name, p);
        }

        /** Prints and reports errors under PyTorch's class name. */
        @Override
        public String typeName() {
            return pytorchType;
        }

        /** PyTorch's {@code extra_repr()} of the module this node stands for. */
        @Override
        public String extraRepr() {
            return extraRepr;
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("the grader's buffer tree is not meant to be run");
        }
    }
}

package org.paramlab.grading.support;

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
 * The object graph of a PyTorch model rebuilt by the grader from the reference's {@code tree}
 * metadata: the same modules registered under the same names, a shared module or parameter
 * shared here too, the parameters holding PyTorch's values. It uses only the given registration
 * API, so the parameter-access exercises are graded without depending on the student's layers.
 */
public final class ReferenceTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Module root;

    private ReferenceTree(ReferenceModel reference, JsonNode tree) {
        this.root = build("", reference, tree);
    }

    /** Rebuilds the model described by metadata {@code treeKey} of {@code reference}. */
    public static ReferenceTree of(ReferenceModel reference, String treeKey) {
        try {
            return new ReferenceTree(reference, JSON.readTree(reference.metadata(treeKey)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(reference.fileName() + ": metadata '" + treeKey + "' is not valid JSON", e);
        }
    }

    /** Rebuilds the whole model of {@code reference} (metadata {@code tree}). */
    public static ReferenceTree of(ReferenceModel reference) {
        return of(reference, "tree");
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

    /** The parameter PyTorch's {@code named_parameters} calls {@code name}. */
    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("the reference has no parameter '" + name + "'; it has " + parameters.keySet());
        }
        return p;
    }

    /** Every distinct parameter by its {@code named_parameters} name. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    private Module build(String path, ReferenceModel reference, JsonNode tree) {
        Module existing = modules.get(path);
        if (existing != null) {
            return existing;
        }
        JsonNode node = tree.get(path);
        if (node == null) {
            throw new IllegalStateException(reference.fileName() + ": the tree has no module '" + path + "'");
        }
        Node module = new Node(node.get("type").asText());
        modules.put(path, module);
        for (JsonNode p : node.get("parameters")) {
            String name = p.get(0).asText();
            String canonical = p.get(1).asText();
            Parameter parameter = parameters.get(canonical);
            if (parameter == null) {
                int[] shape = new int[p.get(2).size()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = p.get(2).get(d).asInt();
                }
                Tensor values = reference.initializerNames().contains(canonical)
                        ? reference.initializer(canonical) : Tensor.zeros(shape);
                parameter = new Parameter(values);
                parameters.put(canonical, parameter);
            }
            module.register(name, parameter);
        }
        for (JsonNode c : node.get("children")) {
            module.addModule(c.get(0).asText(), build(c.get(1).asText(), reference, tree));
        }
        return module;
    }

    /** The grader's stand-in for one PyTorch module: registrations only. */
    public static final class Node extends Module {

        private final String pytorchType;

        Node(String pytorchType) {
            this.pytorchType = pytorchType;
        }

        void register(String name, Parameter p) {
            registerParameter(name, p);
        }

        /** The PyTorch class this node stands for, e.g. {@code Linear}. */
        public String pytorchType() {
            return pytorchType;
        }

        /** Prints and reports errors under PyTorch's class name. */
        @Override
        public String typeName() {
            return pytorchType;
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("the grader's reference tree is not meant to be run");
        }
    }

    /** The paths of {@code named_modules} in order, for messages. */
    public List<String> modulePaths() {
        return List.copyOf(modules.keySet());
    }

    /** Maps each module object of this tree back to its PyTorch path. */
    public Map<Module, String> pathsByModule() {
        Map<Module, String> byModule = new java.util.IdentityHashMap<>();
        modules.forEach((path, m) -> byModule.put(m, path));
        return byModule;
    }
}

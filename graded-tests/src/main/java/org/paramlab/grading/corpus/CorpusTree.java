package org.paramlab.grading.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.paramlab.tensor.Tensor;

/**
 * One network of the corpus as PyTorch described it ({@code reference-models/export_corpus.py}): its
 * modules and parameters by id ({@code m0}, {@code p3}), their values, and PyTorch's answer for every
 * API of the chapter on it. Only the structure is read into Java types; each answer is read where a test
 * needs it, from {@link #json()}.
 */
public final class CorpusTree {

    /** A registration: a name and the id of the module or parameter registered under it. */
    public record Named(String name, String id) {
    }

    /**
     * One module object of the tree.
     *
     * @param id         its id, {@code m0} for the root
     * @param kind       {@code sequential}, {@code linear}, {@code lazy} (a LazyLinear), {@code relu} or {@code custom}
     * @param type       PyTorch's class name for it ({@code _get_name()}) after the first forward
     * @param extra      PyTorch's {@code extra_repr()} for it after the first forward
     * @param children   its registered children, in order, every registration
     * @param parameters its own registered parameters, in order
     * @param in         {@code in_features} of a linear layer (after the first forward for a lazy one), else 0
     * @param out        {@code out_features} of a linear layer, else 0
     * @param width      the width of a {@code Custom} module, else 0
     * @param showWidth  whether a {@code Custom} module prints {@code width=N}
     */
    public record ModuleSpec(String id, String kind, String type, String extra, List<Named> children,
                             List<Named> parameters, int in, int out, int width, boolean showWidth) {

        /** @return whether this is one of the layers PyTorch calls {@code nn.Linear} once they have seen data */
        public boolean linearLike() {
            return kind.equals("linear") || kind.equals("lazy");
        }
    }

    private final int id;
    private final JsonNode json;
    private final Map<String, ModuleSpec> modules = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();

    CorpusTree(JsonNode json) {
        this.json = json;
        this.id = json.get("id").asInt();
        json.get("modules").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            modules.put(e.getKey(), new ModuleSpec(e.getKey(), m.get("kind").asText(), m.get("type").asText(),
                    m.get("extra").asText(), named(m.get("children")), named(m.get("parameters")),
                    m.path("in").asInt(0), m.path("out").asInt(0), m.path("width").asInt(0),
                    m.path("show_width").asBoolean(false)));
        });
        json.get("tags").forEach(t -> tags.add(t.asText()));
    }

    /** @return the tree's number in the corpus: {@code -Dparamlab.tree=N} reruns checks on it alone */
    public int id() {
        return id;
    }

    /** @return the whole record, PyTorch's answers included */
    public JsonNode json() {
        return json;
    }

    /** @return what the tree has that the notebook's networks have not, e.g. {@code shared-module-cross-parent} */
    public List<String> tags() {
        return List.copyOf(tags);
    }

    /** @return modules plus parameters: smaller trees are shown first when several fail */
    public int size() {
        return json.get("size").asInt();
    }

    /** @return a one-line picture of the tree (see {@code export_corpus.sketch}) */
    public String sketch() {
        return json.get("sketch").asText();
    }

    /** @return the id of the root module */
    public String root() {
        return json.get("root").asText();
    }

    /** @return every module object, by id, in the order of a walk over every registration */
    public Map<String, ModuleSpec> modules() {
        return modules;
    }

    /** @return one module object */
    public ModuleSpec module(String moduleId) {
        ModuleSpec m = modules.get(moduleId);
        if (m == null) {
            throw new IllegalStateException("corpus tree " + id + " has no module " + moduleId);
        }
        return m;
    }

    /** @return whether the tree has LazyLinear layers (and PyTorch's answers before the first forward) */
    public boolean lazy() {
        return json.has("before");
    }

    /** @return the ids of every parameter object, in the order of a walk over every registration */
    public List<String> parameterIds() {
        List<String> ids = new ArrayList<>();
        json.get("parameters").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** @return the shape of a parameter (after the first forward) */
    public int[] shape(String parameterId) {
        return ints(json.get("parameters").get(parameterId).get("shape"));
    }

    /** @return PyTorch's values of a parameter (after the first forward, before anything changes them) */
    public Tensor values(String parameterId) {
        return tensor(json.get("parameters").get(parameterId).get("values"), shape(parameterId));
    }

    /** @return the values of {@code node} (a flat JSON list of numbers) in {@code shape} */
    public static Tensor tensor(JsonNode node, int[] shape) {
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) node.get(i).asDouble();
        }
        return Tensor.of(values, shape);
    }

    /** @return a JSON list of numbers as ints */
    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    /** @return a JSON list of {@code [name, id]} pairs */
    public static List<Named> named(JsonNode node) {
        List<Named> out = new ArrayList<>();
        node.forEach(pair -> out.add(new Named(pair.get(0).asText(), pair.get(1).asText())));
        return List.copyOf(out);
    }

    /** @return a JSON list of strings */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public String toString() {
        return "#" + id + " " + sketch();
    }
}

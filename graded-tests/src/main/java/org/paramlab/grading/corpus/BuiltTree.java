package org.paramlab.grading.corpus;

import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.paramlab.grading.corpus.CorpusTree.ModuleSpec;
import org.paramlab.grading.corpus.CorpusTree.Named;
import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.ReLU;
import org.paramlab.nn.Sequential;

/**
 * A generated network rebuilt in Java: the same module and parameter objects registered under the same
 * names, shared where PyTorch's are shared, holding PyTorch's values. Each kind of module comes either
 * from the grader ({@link GraderModule}) or from the student's class ({@link Part}), so that a check
 * depends on the student's code it grades and on nothing else of theirs.
 */
public final class BuiltTree {

    /** The student's classes a network may be built from; every other module is the grader's. */
    public enum Part {
        /** {@code new Sequential(children...)}, or {@code new Sequential()} and {@code addModule} for other names. */
        SEQUENTIAL,
        /** {@code new Linear(in, out)}, then PyTorch's values copied into {@code weight()} and {@code bias()}. */
        LINEAR,
        /** {@code new ReLU()}. */
        RELU,
        /** {@code new LazyLinear(out)}, before its first forward. */
        LAZY
    }

    private final CorpusTree tree;
    private final Set<Part> parts;
    private final boolean before;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, GraderModule> placeholders = new LinkedHashMap<>();
    private final Module root;

    private BuiltTree(CorpusTree tree, Set<Part> parts, boolean before) {
        this.tree = tree;
        this.parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        this.before = before;
        this.root = build(tree.root());
    }

    /**
     * The network after its first forward (a lazy layer is the Linear it became, with PyTorch's values),
     * built from the grader's modules and the student's {@code parts}.
     */
    public static BuiltTree of(CorpusTree tree, Part... parts) {
        return new BuiltTree(tree, Set.of(parts), false);
    }

    /**
     * The network before its first forward: each LazyLinear is the student's {@code LazyLinear} if
     * {@code parts} has {@link Part#LAZY}, else the grader's module holding placeholders
     * ({@link LazyLinear.UninitializedParameter}) and printing as PyTorch's {@code LazyLinear}.
     */
    public static BuiltTree before(CorpusTree tree, Part... parts) {
        return new BuiltTree(tree, Set.of(parts), true);
    }

    /** @return the root module */
    public Module root() {
        return root;
    }

    /** @return the module object of id {@code moduleId} */
    public Module module(String moduleId) {
        return require(modules.get(moduleId), moduleId);
    }

    /**
     * @return the parameter object of id {@code parameterId}: for the student's layers, the object their
     *         {@code weight()} or {@code bias()} returned when the network was built
     */
    public Parameter parameter(String parameterId) {
        return require(parameters.get(parameterId), parameterId);
    }

    /** @return every parameter object by id */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** @return each module object's id, by identity */
    public Map<Module, String> moduleIds() {
        Map<Module, String> ids = new IdentityHashMap<>();
        modules.forEach((id, m) -> ids.putIfAbsent(m, id));
        return ids;
    }

    /** @return each parameter object's id, by identity */
    public Map<Parameter, String> parameterIds() {
        Map<Parameter, String> ids = new IdentityHashMap<>();
        parameters.forEach((id, p) -> ids.putIfAbsent(p, id));
        return ids;
    }

    private <T> T require(T value, String id) {
        if (value == null) {
            throw new IllegalStateException("corpus tree " + tree.id() + " has no object " + id);
        }
        return value;
    }

    private Module build(String id) {
        Module existing = modules.get(id);
        if (existing != null) {
            return existing;
        }
        ModuleSpec spec = tree.module(id);
        Module module;
        switch (spec.kind()) {
            case "sequential" -> module = parts.contains(Part.SEQUENTIAL) ? sequential(spec) : container(spec);
            case "relu" -> module = parts.contains(Part.RELU) ? new ReLU() : new GraderModule("relu", spec.type(), spec.extra());
            case "linear" -> module = linear(spec);
            case "lazy" -> module = before ? lazy(spec) : linear(spec);
            case "custom" -> module = container(spec);
            default -> throw new IllegalStateException("corpus tree " + tree.id() + ": unknown kind " + spec.kind());
        }
        modules.put(id, module);
        return module;
    }

    private Module sequential(ModuleSpec spec) {
        List<Module> children = spec.children().stream().map(c -> build(c.id())).toList();
        boolean positional = true;
        for (int i = 0; i < spec.children().size(); i++) {
            positional &= spec.children().get(i).name().equals(String.valueOf(i));
        }
        if (positional) {
            return new Sequential(children.toArray(new Module[0]));
        }
        Sequential sequential = new Sequential();
        for (int i = 0; i < children.size(); i++) {
            sequential.addModule(spec.children().get(i).name(), children.get(i));
        }
        return sequential;
    }

    private Module container(ModuleSpec spec) {
        GraderModule module = new GraderModule(spec.kind(), type(spec), extra(spec));
        for (Named child : spec.children()) {
            module.addModule(child.name(), build(child.id()));
        }
        for (Named p : spec.parameters()) {
            module.register(p.name(), parameter(p.id(), false));
        }
        return module;
    }

    private Module linear(ModuleSpec spec) {
        if (!parts.contains(Part.LINEAR)) {
            GraderModule module = new GraderModule("linear", type(spec), extra(spec));
            for (Named p : spec.parameters()) {
                module.register(p.name(), parameter(p.id(), false));
            }
            return module;
        }
        Linear linear = new Linear(spec.in(), spec.out());
        for (Named p : spec.parameters()) {
            Parameter own = p.name().equals("weight") ? linear.weight() : linear.bias();
            own.data().copy_(tree.values(p.id()));
            if (parameters.putIfAbsent(p.id(), own) != null) {
                // PyTorch made the layer before any module that registers its parameter: so does this walk
                throw new IllegalStateException("corpus tree " + tree.id() + ": parameter " + p.id()
                        + " was registered before the layer that owns it was built");
            }
        }
        return linear;
    }

    private Module lazy(ModuleSpec spec) {
        if (parts.contains(Part.LAZY)) {
            return new LazyLinear(spec.out());
        }
        GraderModule module = new GraderModule("lazy", type(spec), extra(spec));
        for (Named p : spec.parameters()) {
            module.register(p.name(), parameter(p.id(), true));
        }
        placeholders.put(spec.id(), module);
        return module;
    }

    /**
     * What a first forward does to the grader's lazy layers of a network built {@link #before}: each registers
     * new parameters holding PyTorch's draws under {@code weight} and {@code bias}, in place of its
     * placeholders (as the student's {@code LazyLinear} does), so that a walk taken afterwards must list the new
     * objects.
     */
    public void materialize() {
        placeholders.forEach((id, module) -> {
            for (Named p : tree.module(id).parameters()) {
                Parameter real = new Parameter(tree.values(p.id()));
                module.register(p.name(), real);
                parameters.put(p.id(), real);
            }
        });
        placeholders.clear();
    }

    private Parameter parameter(String id, boolean placeholder) {
        return parameters.computeIfAbsent(id, k -> placeholder ? new LazyLinear.UninitializedParameter()
                : new Parameter(tree.values(k)));
    }

    private String type(ModuleSpec spec) {
        return before && tree.lazy() ? tree.json().get("before").get("modules").get(spec.id()).get("type").asText()
                : spec.type();
    }

    private String extra(ModuleSpec spec) {
        return before && tree.lazy() ? tree.json().get("before").get("modules").get(spec.id()).get("extra").asText()
                : spec.extra();
    }
}

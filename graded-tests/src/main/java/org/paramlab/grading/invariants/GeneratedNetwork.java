package org.paramlab.grading.invariants;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * The module objects of a {@link TreeSpec}, built by the grader with the given registration API only
 * ({@code registerParameter}, {@code addModule}), as {@link ReferenceTree} does: no student class but
 * {@code Module} itself, so a property of exercise 2.x depends only on the method it checks. Each
 * distinct module and parameter of the spec is one object here, registered wherever the spec registers
 * it, and the network maps each object back to its number in the spec for messages ({@code #k},
 * {@code pK}). Parameter {@code K} holds the values {@code 10 (K + 1) + i} at flat index {@code i}, so
 * that any two parameters, and any two elements, differ.
 */
public final class GeneratedNetwork {

    private final TreeSpec spec;
    private final List<Node> modules = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<Object, String> labels = new IdentityHashMap<>();
    private final Map<String, Module> modulesByPath = new LinkedHashMap<>();
    private final Map<String, Parameter> parametersByPath = new LinkedHashMap<>();

    private GeneratedNetwork(TreeSpec spec) {
        this.spec = spec;
        for (int k = 0; k < spec.modules().size(); k++) {
            Node node = new Node();
            modules.add(node);
            labels.put(node, "#" + k);
        }
        for (int p = 0; p < spec.parameterCount(); p++) {
            Parameter parameter = new Parameter(Tensor.of(initialValues(p), spec.shape(p)));
            parameters.add(parameter);
            labels.put(parameter, "p" + p);
        }
        for (int k = 0; k < spec.modules().size(); k++) {
            TreeSpec.ModuleDef def = spec.modules().get(k);
            for (TreeSpec.Reg r : def.params()) {
                modules.get(k).register(r.name(), parameters.get(r.target()));
            }
            for (TreeSpec.Reg r : def.children()) {
                modules.get(k).addModule(r.name(), modules.get(r.target()));
            }
        }
        List<List<String>> modulePaths = spec.modulePaths();
        for (int k = 0; k < modulePaths.size(); k++) {
            for (String path : modulePaths.get(k)) {
                modulesByPath.put(path, modules.get(k));
            }
        }
        List<List<String>> parameterPaths = spec.parameterPaths();
        for (int p = 0; p < parameterPaths.size(); p++) {
            for (String path : parameterPaths.get(p)) {
                parametersByPath.put(path, parameters.get(p));
            }
        }
    }

    /** Builds the objects of {@code spec}. */
    public static GeneratedNetwork build(TreeSpec spec) {
        return new GeneratedNetwork(spec);
    }

    /** The values parameter {@code p} starts with: {@code 10 (p + 1) + i}. */
    public float[] initialValues(int p) {
        int n = 1;
        for (int d : spec.shape(p)) {
            n *= d;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 10f * (p + 1) + i;
        }
        return values;
    }

    /** The spec this network was built from. */
    public TreeSpec spec() {
        return spec;
    }

    /** The network itself, module {@code #0}. */
    public Module root() {
        return modules.get(0);
    }

    /** Every distinct module, by its number in the spec. */
    public List<Node> modules() {
        return modules;
    }

    /** Every distinct parameter, by its number in the spec. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Each registration path of a module ({@code ""} is the network), in depth-first order, and the module there. */
    public Map<String, Module> modulesByPath() {
        return modulesByPath;
    }

    /** Each registration path of a parameter, in depth-first order (the state dict's keys), and the parameter there. */
    public Map<String, Parameter> parametersByPath() {
        return parametersByPath;
    }

    /** Whether {@code o} is one of this network's modules or parameters (by identity). */
    public boolean contains(Object o) {
        return o != null && labels.containsKey(o);
    }

    /**
     * How messages name {@code o}: {@code #k} or {@code pK} for this network's objects, {@code null}, or the
     * kind of object it is, without calling the student's {@code toString()} (which may still be a stub).
     */
    public String describe(Object o) {
        if (o == null) {
            return "null";
        }
        String label = labels.get(o);
        if (label != null) {
            return label;
        }
        return "a " + o.getClass().getSimpleName() + " that is not in the network (a copy?)";
    }

    /** The distinct children of module {@code k}, each once, in order of first registration. */
    public List<Node> distinctChildren(int k) {
        List<Node> children = new ArrayList<>();
        for (TreeSpec.Reg r : spec.modules().get(k).children()) {
            Node child = modules.get(r.target());
            if (children.stream().noneMatch(c -> c == child)) {
                children.add(child);
            }
        }
        return children;
    }

    /** The number of {@code p} in the spec, or -1. */
    public int indexOf(Parameter p) {
        for (int k = 0; k < parameters.size(); k++) {
            if (parameters.get(k) == p) {
                return k;
            }
        }
        return -1;
    }

    /** The number of {@code m} in the spec, or -1. */
    public int indexOf(Module m) {
        for (int k = 0; k < modules.size(); k++) {
            if (modules.get(k) == m) {
                return k;
            }
        }
        return -1;
    }

    /**
     * What the network holds now, found by walking the registrations from the root with the given
     * {@code registeredParameters()} and {@code registeredModules()}: the parameter at each path of the spec,
     * or {@code null} where nothing is registered any more.
     */
    public Map<String, Parameter> registeredNow() {
        Map<String, Parameter> now = new LinkedHashMap<>();
        for (String path : parametersByPath.keySet()) {
            Module owner = root();
            String[] names = path.split("\\.");
            for (int i = 0; i < names.length - 1 && owner != null; i++) {
                owner = owner.registeredModules().get(names[i]);
            }
            now.put(path, owner == null ? null : owner.registeredParameters().get(names[names.length - 1]));
        }
        return now;
    }

    /** The grader's module: registrations only, printed and named in errors as {@code Node}. */
    public static final class Node extends Module {

        Node() {
        }

        void register(String name, Parameter p) {
            registerParameter(name, p);
        }

        @Override
        public String typeName() {
            return "Node";
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new UnsupportedOperationException("the grader's generated network is not meant to be run");
        }
    }
}

package org.paramlab.grading.invariants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The shape of a network for the invariant properties ({@link Invariant}): plain immutable data, a root
 * module and what it registers, with no tensor or module objects ({@link GeneratedNetwork} builds those).
 * A module or a parameter may be registered at several places: twice under one parent, under two
 * different parents, or (a parameter) in two different modules. The graph has no cycles.
 *
 * <p>A spec is kept in a canonical form: modules and parameters are numbered in the order a depth-first
 * walk of the registrations first meets them (a module's own parameters before its children, each in
 * registration order), the root is module 0, and nothing unreachable is kept. {@link #sketch()} writes
 * it in one line, in that same order:
 * <pre>
 * Node#0{w:p0[2,3]}(0: Node#1{b:p1[2]}, 1: #1, blk: Node#2{v:p0}(0: #1))
 * </pre>
 * {@code Node#k} is the k-th distinct module (the network itself is {@code Node#0}); its own parameters
 * follow in braces and its children in parentheses, each as {@code name: ...}. A later {@code #k} is the
 * same module object registered again. {@code pK[2,3]} is the K-th distinct parameter, of shape
 * {@code [2, 3]}; a later {@code pK} (without a shape) is the same parameter object registered again.
 * In the example, {@code Node#1} is registered twice under the network ({@code 0} and {@code 1}) and once
 * under {@code blk}, and {@code p0} is both the network's {@code w} and {@code blk}'s {@code v}.
 *
 * <p>{@link #generate} draws specs from a {@link Random}; {@link #shrinkCandidates()} lists the specs one
 * step simpler (a registration removed, a shared object split in two, a smaller shape, a simpler name),
 * each smaller by {@link #measure()}.
 *
 * <p>Long on purpose: the grammar of the random networks the invariants draw, their construction in Java and their
 * description for the feedback, and their shrinking, which must stay in step: a network the shrinker makes must be
 * one the grammar can draw and describe.
 */
public final class TreeSpec {

    /** How deep a generated network goes: the network itself is depth 1. */
    public static final int MAX_DEPTH = 4;

    /** The most modules one generated network has. */
    static final int MAX_MODULES = 24;

    /**
     * One registration: a name and the module or parameter (by its number) registered under it.
     *
     * @param name   the name given to {@code registerParameter} or {@code addModule}
     * @param target the number of the parameter or module
     */
    public record Reg(String name, int target) {
    }

    /**
     * One module's registrations, each in registration order.
     *
     * @param params   its own parameters
     * @param children its children
     */
    public record ModuleDef(List<Reg> params, List<Reg> children) {

        /** Copies the lists. */
        public ModuleDef {
            params = List.copyOf(params);
            children = List.copyOf(children);
        }

        /** Whether a parameter or a child of this module is registered under {@code name}. */
        public boolean uses(String name) {
            return params.stream().anyMatch(r -> r.name().equals(name))
                    || children.stream().anyMatch(r -> r.name().equals(name));
        }
    }

    /**
     * The size of a spec, compared lexicographically: shrinking only ever goes to a smaller one.
     *
     * @param paths     registration paths of the expanded tree (modules, the network included, and parameters)
     * @param sharing   paths minus distinct objects: how much is registered more than once
     * @param shapeCost elements plus dimensions of all distinct parameters
     * @param nameChars characters of all registration names
     * @param nameRank  how far the names are from the simplest ({@code 0, 1, ...} for children, {@code w, b, ...}
     *                  for parameters): their places in those lists, 10 for a name in neither
     */
    public record Measure(int paths, int sharing, int shapeCost, int nameChars, int nameRank)
            implements Comparable<Measure> {

        private static final Comparator<Measure> ORDER = Comparator.comparingInt(Measure::paths)
                .thenComparingInt(Measure::sharing).thenComparingInt(Measure::shapeCost)
                .thenComparingInt(Measure::nameChars).thenComparingInt(Measure::nameRank);

        @Override
        public int compareTo(Measure other) {
            return ORDER.compare(this, other);
        }
    }

    private final List<ModuleDef> modules;
    private final List<int[]> shapes;

    private TreeSpec(List<ModuleDef> modules, List<int[]> shapes) {
        this.modules = modules;
        this.shapes = shapes;
    }

    /**
     * A spec from modules (module 0 is the network) and parameter shapes, put in canonical form.
     *
     * @throws IllegalArgumentException if a registration names a module or parameter that does not exist,
     *                                  a module registers one name twice, or the registrations form a cycle
     */
    public static TreeSpec of(List<ModuleDef> modules, List<int[]> shapes) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least its root module");
        }
        for (ModuleDef m : modules) {
            Set<String> names = new HashSet<>();
            for (Reg r : m.params()) {
                check(r, shapes.size(), names);
            }
            for (Reg r : m.children()) {
                check(r, modules.size(), names);
            }
        }
        return canonical(modules, shapes);
    }

    private static void check(Reg r, int count, Set<String> names) {
        if (r.target() < 0 || r.target() >= count) {
            throw new IllegalArgumentException("registration " + r + " names nothing");
        }
        if (r.name().isEmpty() || r.name().contains(".") || !names.add(r.name())) {
            throw new IllegalArgumentException("bad or repeated name " + r.name());
        }
    }

    /** Renumbers in depth-first order from module 0 and drops what is unreachable. */
    private static TreeSpec canonical(List<ModuleDef> modules, List<int[]> shapes) {
        return canonical(modules, shapes, 0);
    }

    /** Renumbers in depth-first order from module {@code root}, which becomes module 0, and drops what is unreachable. */
    private static TreeSpec canonical(List<ModuleDef> modules, List<int[]> shapes, int root) {
        Map<Integer, Integer> moduleLabel = new LinkedHashMap<>();
        Map<Integer, Integer> paramLabel = new LinkedHashMap<>();
        label(root, modules, moduleLabel, paramLabel, new HashSet<>());
        List<ModuleDef> canonicalModules = new ArrayList<>();
        for (int old : moduleLabel.keySet()) {
            ModuleDef m = modules.get(old);
            canonicalModules.add(new ModuleDef(
                    m.params().stream().map(r -> new Reg(r.name(), paramLabel.get(r.target()))).toList(),
                    m.children().stream().map(r -> new Reg(r.name(), moduleLabel.get(r.target()))).toList()));
        }
        List<int[]> canonicalShapes = new ArrayList<>();
        for (int old : paramLabel.keySet()) {
            canonicalShapes.add(shapes.get(old).clone());
        }
        return new TreeSpec(List.copyOf(canonicalModules), List.copyOf(canonicalShapes));
    }

    private static void label(int module, List<ModuleDef> modules, Map<Integer, Integer> moduleLabel,
                              Map<Integer, Integer> paramLabel, Set<Integer> onPath) {
        if (!onPath.add(module)) {
            throw new IllegalArgumentException("the registrations form a cycle through module " + module);
        }
        moduleLabel.putIfAbsent(module, moduleLabel.size());
        ModuleDef m = modules.get(module);
        for (Reg r : m.params()) {
            paramLabel.putIfAbsent(r.target(), paramLabel.size());
        }
        for (Reg r : m.children()) {
            if (!moduleLabel.containsKey(r.target())) {
                label(r.target(), modules, moduleLabel, paramLabel, onPath);
            } else if (onPath.contains(r.target())) {
                throw new IllegalArgumentException("the registrations form a cycle through module " + r.target());
            }
        }
        onPath.remove(module);
    }

    /** The modules, by number; module 0 is the network. */
    public List<ModuleDef> modules() {
        return modules;
    }

    /** The number of distinct parameters. */
    public int parameterCount() {
        return shapes.size();
    }

    /** The shape of parameter {@code p}. */
    public int[] shape(int p) {
        return shapes.get(p).clone();
    }

    /** Every registration path of each module, in the order of a depth-first walk ({@code ""} is the network). */
    public List<List<String>> modulePaths() {
        List<List<String>> paths = empty(modules.size());
        walk(0, "", paths, empty(shapes.size()));
        return paths;
    }

    /** Every registration path of each parameter, in the order of a depth-first walk. */
    public List<List<String>> parameterPaths() {
        List<List<String>> paths = empty(shapes.size());
        walk(0, "", empty(modules.size()), paths);
        return paths;
    }

    private static List<List<String>> empty(int n) {
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private void walk(int module, String path, List<List<String>> modulePaths, List<List<String>> paramPaths) {
        modulePaths.get(module).add(path);
        String prefix = path.isEmpty() ? "" : path + ".";
        ModuleDef m = modules.get(module);
        for (Reg r : m.params()) {
            paramPaths.get(r.target()).add(prefix + r.name());
        }
        for (Reg r : m.children()) {
            walk(r.target(), prefix + r.name(), modulePaths, paramPaths);
        }
    }

    /** This spec's size. */
    public Measure measure() {
        int paths = 0;
        for (List<String> p : modulePaths()) {
            paths += p.size();
        }
        for (List<String> p : parameterPaths()) {
            paths += p.size();
        }
        int shapeCost = 0;
        for (int[] s : shapes) {
            shapeCost += s.length + Arrays.stream(s).reduce(1, (a, b) -> a * b);
        }
        int nameChars = 0;
        int nameRank = 0;
        for (ModuleDef m : modules) {
            for (Reg r : m.params()) {
                nameChars += r.name().length();
                nameRank += rank(r.name(), PARAM_SHORT_NAMES);
            }
            for (Reg r : m.children()) {
                nameChars += r.name().length();
                nameRank += rank(r.name(), CHILD_SHORT_NAMES);
            }
        }
        return new Measure(paths, paths - modules.size() - shapes.size(), shapeCost, nameChars, nameRank);
    }

    /** Registrations of all modules together (each parameter and child registration once). */
    public int registrations() {
        int n = 0;
        for (ModuleDef m : modules) {
            n += m.params().size() + m.children().size();
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // The sketch
    // ------------------------------------------------------------------------------------------

    /** The network in one line; see the class comment for the notation. */
    public String sketch() {
        StringBuilder sb = new StringBuilder();
        sketch(0, sb, new HashSet<>(), new HashSet<>());
        return sb.toString();
    }

    private void sketch(int module, StringBuilder sb, Set<Integer> seenModules, Set<Integer> seenParams) {
        if (!seenModules.add(module)) {
            sb.append('#').append(module);
            return;
        }
        sb.append("Node#").append(module);
        ModuleDef m = modules.get(module);
        if (!m.params().isEmpty()) {
            sb.append('{');
            for (int i = 0; i < m.params().size(); i++) {
                Reg r = m.params().get(i);
                sb.append(i == 0 ? "" : ", ").append(r.name()).append(":p").append(r.target());
                if (seenParams.add(r.target())) {
                    sb.append(shapeText(shapes.get(r.target())));
                }
            }
            sb.append('}');
        }
        if (!m.children().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < m.children().size(); i++) {
                Reg r = m.children().get(i);
                sb.append(i == 0 ? "" : ", ").append(r.name()).append(": ");
                sketch(r.target(), sb, seenModules, seenParams);
            }
            sb.append(')');
        }
    }

    /** {@code [2,3]}. */
    public static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return sketch();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeSpec other && sketch().equals(other.sketch());
    }

    @Override
    public int hashCode() {
        return sketch().hashCode();
    }

    // ------------------------------------------------------------------------------------------
    // Shrinking
    // ------------------------------------------------------------------------------------------

    /**
     * The specs one step simpler than this one, smallest first: each takes a submodule as the whole network,
     * puts a grandchild in place of a child, moves a child's registrations into its parent in place of the
     * child, removes one registration, splits one shared module or parameter
     * into two objects, shrinks one shape or simplifies one name, and each is smaller by {@link #measure()}.
     */
    public List<TreeSpec> shrinkCandidates() {
        List<TreeSpec> candidates = new ArrayList<>();
        for (int k = 1; k < modules.size(); k++) {
            candidates.add(canonical(modules, shapes, k));
        }
        for (int mi = 0; mi < modules.size(); mi++) {
            ModuleDef m = modules.get(mi);
            for (int j = 0; j < m.children().size(); j++) {
                Reg r = m.children().get(j);
                for (int g : modules.get(r.target()).children().stream().mapToInt(Reg::target).distinct().toArray()) {
                    candidates.add(withModule(mi, new ModuleDef(m.params(), replaced(m.children(), j, new Reg(r.name(), g))),
                            shapes));
                }
                candidates.add(withModule(mi, collapsed(m, j), shapes));
            }
        }
        Map<Integer, Integer> moduleRefs = new HashMap<>();
        Map<Integer, Integer> paramRefs = new HashMap<>();
        for (ModuleDef m : modules) {
            m.children().forEach(r -> moduleRefs.merge(r.target(), 1, Integer::sum));
            m.params().forEach(r -> paramRefs.merge(r.target(), 1, Integer::sum));
        }
        for (int mi = 0; mi < modules.size(); mi++) {
            ModuleDef m = modules.get(mi);
            for (int j = 0; j < m.children().size(); j++) {
                candidates.add(withModule(mi, new ModuleDef(m.params(), without(m.children(), j)), shapes));
            }
            for (int j = 0; j < m.params().size(); j++) {
                candidates.add(withModule(mi, new ModuleDef(without(m.params(), j), m.children()), shapes));
            }
        }
        for (int mi = 0; mi < modules.size(); mi++) {
            ModuleDef m = modules.get(mi);
            for (int j = 0; j < m.children().size(); j++) {
                Reg r = m.children().get(j);
                if (moduleRefs.get(r.target()) > 1) {
                    // the same registrations in a new module object: one module at two places becomes two
                    List<ModuleDef> copy = new ArrayList<>(modules);
                    copy.add(modules.get(r.target()));
                    copy.set(mi, new ModuleDef(m.params(), replaced(m.children(), j, new Reg(r.name(), copy.size() - 1))));
                    candidates.add(canonical(copy, shapes));
                }
            }
            for (int j = 0; j < m.params().size(); j++) {
                Reg r = m.params().get(j);
                if (paramRefs.get(r.target()) > 1) {
                    List<int[]> copyShapes = new ArrayList<>(shapes);
                    copyShapes.add(shapes.get(r.target()));
                    candidates.add(withModule(mi, new ModuleDef(replaced(m.params(), j,
                            new Reg(r.name(), copyShapes.size() - 1)), m.children()), copyShapes));
                }
            }
        }
        for (int p = 0; p < shapes.size(); p++) {
            for (int[] smaller : smallerShapes(shapes.get(p))) {
                List<int[]> copyShapes = new ArrayList<>(shapes);
                copyShapes.set(p, smaller);
                candidates.add(new TreeSpec(modules, List.copyOf(copyShapes)));
            }
        }
        for (int mi = 0; mi < modules.size(); mi++) {
            ModuleDef m = modules.get(mi);
            for (int j = 0; j < m.params().size(); j++) {
                Reg r = m.params().get(j);
                String shorter = shorterName(m, r.name(), PARAM_SHORT_NAMES);
                if (shorter != null) {
                    candidates.add(withModule(mi, new ModuleDef(replaced(m.params(), j, new Reg(shorter, r.target())),
                            m.children()), shapes));
                }
            }
            for (int j = 0; j < m.children().size(); j++) {
                Reg r = m.children().get(j);
                String shorter = shorterName(m, r.name(), CHILD_SHORT_NAMES);
                if (shorter != null) {
                    candidates.add(withModule(mi, new ModuleDef(m.params(),
                            replaced(m.children(), j, new Reg(shorter, r.target()))), shapes));
                }
            }
        }
        Measure mine = measure();
        List<TreeSpec> smaller = new ArrayList<>();
        for (TreeSpec c : candidates) {
            if (c.measure().compareTo(mine) < 0) {
                smaller.add(c);
            }
        }
        smaller.sort(Comparator.comparing(TreeSpec::measure)); // stable: ties keep the order above
        return smaller;
    }

    /**
     * {@code m} without its child registration {@code j}, holding that child's own registrations itself instead
     * (renamed where {@code m} already uses the name): one module less on the way to them.
     */
    private ModuleDef collapsed(ModuleDef m, int j) {
        ModuleDef child = modules.get(m.children().get(j).target());
        List<Reg> params = new ArrayList<>(m.params());
        List<Reg> children = without(m.children(), j);
        Set<String> used = new HashSet<>();
        params.forEach(r -> used.add(r.name()));
        children.forEach(r -> used.add(r.name()));
        for (Reg r : child.params()) {
            params.add(new Reg(fresh(r.name(), used, PARAM_SHORT_NAMES), r.target()));
        }
        for (Reg r : child.children()) {
            children.add(new Reg(fresh(r.name(), used, CHILD_SHORT_NAMES), r.target()));
        }
        return new ModuleDef(params, children);
    }

    /** {@code name}, or the first name of {@code pool} (then {@code n0, n1, ...}) not in {@code used}; added to it. */
    private static String fresh(String name, Set<String> used, List<String> pool) {
        if (used.add(name)) {
            return name;
        }
        for (String candidate : pool) {
            if (used.add(candidate)) {
                return candidate;
            }
        }
        for (int n = 0; ; n++) {
            if (used.add("n" + n)) {
                return "n" + n;
            }
        }
    }

    private TreeSpec withModule(int index, ModuleDef replacement, List<int[]> shapeList) {
        List<ModuleDef> copy = new ArrayList<>(modules);
        copy.set(index, replacement);
        return canonical(copy, shapeList);
    }

    private static List<Reg> without(List<Reg> regs, int index) {
        List<Reg> copy = new ArrayList<>(regs);
        copy.remove(index);
        return copy;
    }

    private static List<Reg> replaced(List<Reg> regs, int index, Reg reg) {
        List<Reg> copy = new ArrayList<>(regs);
        copy.set(index, reg);
        return copy;
    }

    private static final List<String> PARAM_SHORT_NAMES = List.of("w", "b", "v", "u", "a", "c", "d", "e", "f", "g");
    private static final List<String> CHILD_SHORT_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static int rank(String name, List<String> pool) {
        int i = pool.indexOf(name);
        return i < 0 ? pool.size() : i;
    }

    /**
     * The first name of {@code pool} that {@code m} does not use yet, if it is simpler than {@code name} (shorter,
     * or earlier in the pool); {@code null} if there is none.
     */
    private static String shorterName(ModuleDef m, String name, List<String> pool) {
        for (String candidate : pool) {
            if (!m.uses(candidate)) {
                boolean simpler = candidate.length() < name.length()
                        || candidate.length() == name.length() && rank(candidate, pool) < rank(name, pool);
                return simpler ? candidate : null;
            }
        }
        return null;
    }

    private static List<int[]> smallerShapes(int[] shape) {
        List<int[]> smaller = new ArrayList<>();
        if (shape.length > 1) {
            smaller.add(Arrays.copyOf(shape, shape.length - 1));
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1) {
                int[] s = shape.clone();
                s[d] = 1;
                smaller.add(s);
            }
        }
        return smaller;
    }

    // ------------------------------------------------------------------------------------------
    // Generation
    // ------------------------------------------------------------------------------------------

    private static final List<String> PARAM_NAMES = List.of("weight", "bias", "w", "b", "0", "1", "w1", "w10", "scale");
    private static final List<String> CHILD_NAMES = List.of("blk", "a", "b1", "layer", "out", "block0", "10", "1", "x");

    /**
     * Draws a network: depth 1 to {@value #MAX_DEPTH}, each module with up to two own parameters of one or two
     * dimensions (sizes 1 to 3) and up to three children, named {@code 0, 1, 2} (Sequential's way),
     * {@code 9, 10, 11} (several digits), or by words; a child is sometimes a module already registered under
     * the same parent or elsewhere, and a parameter sometimes one already registered elsewhere.
     *
     * @param random where the choices come from
     * @param size   0 to 1: how large the network may be (small ones first, as the tries go on larger ones)
     */
    public static TreeSpec generate(Random random, double size) {
        Generation g = new Generation(random, size);
        g.module(1);
        return canonical(g.modules.stream().map(b -> new ModuleDef(b.params, b.children)).toList(), g.shapes);
    }

    /** Mutable state of one generation. */
    private static final class Generation {

        private final Random random;
        private final int maxDepth;
        private final int maxChildren;
        private final List<Draft> modules = new ArrayList<>();
        private final List<int[]> shapes = new ArrayList<>();
        /** Modules whose subtree is complete (never an ancestor of the one being built), with their heights. */
        private final Map<Integer, Integer> completed = new LinkedHashMap<>();

        Generation(Random random, double size) {
            this.random = random;
            this.maxDepth = 1 + random.nextInt(1 + (int) Math.round((MAX_DEPTH - 1) * Math.min(1, size)));
            this.maxChildren = 1 + (int) Math.round(2 * Math.min(1, size));
        }

        /** Builds a new module at {@code depth}; returns its number. */
        int module(int depth) {
            int id = modules.size();
            Draft draft = new Draft();
            modules.add(draft);
            Set<String> names = new HashSet<>();
            int params = random.nextInt(3);
            for (int i = 0; i < params; i++) {
                String name = pick(PARAM_NAMES, names);
                int target;
                if (!shapes.isEmpty() && random.nextInt(4) == 0) {
                    target = random.nextInt(shapes.size());
                } else {
                    target = shapes.size();
                    shapes.add(shape());
                }
                draft.params.add(new Reg(name, target));
            }
            int height = 1;
            if (depth < maxDepth) {
                int children = random.nextInt(maxChildren + 1);
                int style = random.nextInt(3);
                int next = style == 1 ? 9 : 0;
                List<Integer> siblings = new ArrayList<>();
                for (int i = 0; i < children; i++) {
                    String name;
                    if (style == 2) {
                        name = pick(CHILD_NAMES, names);
                    } else {
                        while (names.contains(String.valueOf(next))) {
                            next++;
                        }
                        name = String.valueOf(next++);
                        names.add(name);
                    }
                    int target = child(depth, siblings);
                    siblings.add(target);
                    draft.children.add(new Reg(name, target));
                    height = Math.max(height, 1 + completed.get(target));
                }
            }
            completed.put(id, height);
            return id;
        }

        private int child(int depth, List<Integer> siblings) {
            int roll = random.nextInt(10);
            if (roll < 2 && !siblings.isEmpty()) {
                return siblings.get(random.nextInt(siblings.size()));
            }
            if (roll < 4 || modules.size() >= MAX_MODULES) {
                List<Integer> fits = new ArrayList<>();
                completed.forEach((m, h) -> {
                    if (depth + h <= maxDepth) {
                        fits.add(m);
                    }
                });
                if (!fits.isEmpty()) {
                    return fits.get(random.nextInt(fits.size()));
                }
            }
            if (modules.size() >= MAX_MODULES) {
                // nothing fits and no room: a leaf already built is always fine one level down
                for (Map.Entry<Integer, Integer> e : completed.entrySet()) {
                    if (e.getValue() == 1) {
                        return e.getKey();
                    }
                }
            }
            return module(depth + 1);
        }

        private int[] shape() {
            int[] s = new int[1 + random.nextInt(2)];
            for (int d = 0; d < s.length; d++) {
                s[d] = 1 + random.nextInt(3);
            }
            return s;
        }

        private String pick(List<String> pool, Set<String> used) {
            int start = random.nextInt(pool.size());
            for (int i = 0; i < pool.size(); i++) {
                String name = pool.get((start + i) % pool.size());
                if (used.add(name)) {
                    return name;
                }
            }
            for (int n = 0; ; n++) {
                String name = "n" + n;
                if (used.add(name)) {
                    return name;
                }
            }
        }
    }

    /** A module being generated. */
    private static final class Draft {
        final List<Reg> params = new ArrayList<>();
        final List<Reg> children = new ArrayList<>();
    }
}

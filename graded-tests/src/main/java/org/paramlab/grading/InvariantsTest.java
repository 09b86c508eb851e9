package org.paramlab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grading.invariants.GeneratedNetwork;
import org.paramlab.grading.invariants.Invariant;
import org.paramlab.grading.invariants.Invariant.Definition;
import org.paramlab.grading.invariants.TreeSpec;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.tensor.Tensor;

/**
 * Promises that hold on every network, checked on {@value Invariant#TRIES} networks the grader generates
 * ({@link TreeSpec}: nesting up to depth 4, modules and parameters shared at several places, names of one
 * and several digits and words, modules with parameters and children at once), each built from grader-owned
 * modules with the given registration API only ({@link GeneratedNetwork}). A network on which a promise
 * fails is shrunk to the smallest one that still shows it, and the feedback draws it in one line, with the
 * call, the relation, the concept and the command that reruns exactly that case ({@link Invariant}).
 *
 * <p>Only relations are checked: the object listed is the one registered, each parameter once, every path
 * of a shared parameter in the state dict, nothing changed by a refused load. Every expected value (names in
 * order, numbers) is still PyTorch's, in the other graded tests.
 *
 * <p>Long on purpose: one graded test class per notebook section: its tests are that section's exercises, in the
 * notebook's order, and the report groups them by class; helpers it shares with other sections live in
 * grading.support.
 */
@Order(8)
@DisplayName("Invariants on generated networks")
class InvariantsTest {

    // --- 2.1 targeted access -------------------------------------------------------------------

    static final Definition TARGETED = new Definition("targetedAccessReachesEveryPath",
            "getSubmodule and getParameter must reach the registered object by every path", Exercise.E2_1,
            "getSubmodule(path) returns the module registered at that path and getParameter(path) the parameter "
                    + "registered there, the objects themselves, for every path that reaches them",
            "getSubmodule and getParameter follow the registrations one name at a time, so a module or parameter "
                    + "registered at several places is reached by every path that leads to it, getSubmodule(\"\") is "
                    + "the module itself, and both return the registered object itself, not a copy",
            0);

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("on generated networks, getSubmodule and getParameter return the registered object for every path")
    void targetedAccessReachesEveryPath() {
        Invariant.forAll(TARGETED, c -> {
            GeneratedNetwork net = c.net();
            net.modulesByPath().forEach((path, module) -> {
                Module got = c.call("net.getSubmodule(" + quote(path) + ")", () -> net.root().getSubmodule(path));
                c.expect(got == module, "getSubmodule", (path.isEmpty() ? "the module itself, " : "the module registered at "
                        + quote(path) + ", ") + net.describe(module) + " itself", () -> net.describe(got));
            });
            net.parametersByPath().forEach((path, parameter) -> {
                Parameter got = c.call("net.getParameter(" + quote(path) + ")", () -> net.root().getParameter(path));
                c.expect(got == parameter, "getParameter", "the parameter registered at " + quote(path) + ", "
                        + net.describe(parameter) + " itself, not a copy", () -> net.describe(got));
            });
        });
    }

    // --- 2.2 all parameters at once ------------------------------------------------------------

    static final Definition PARAMETERS = new Definition("parametersListEachParameterOnce",
            "namedParameters() and parameters() must list every parameter of the network exactly once",
            Exercise.E2_2,
            "namedParameters() maps a dotted path to each distinct parameter the network reaches, each exactly once, "
                    + "and parameters() lists the same objects in the same order",
            "namedParameters() and parameters() list each distinct parameter reachable from the module exactly once, "
                    + "compared by identity (==): a parameter registered at several places (a tied layer) is one object, "
                    + "listed once, under the first dotted name that reaches it; each value is the registered object "
                    + "itself, not a copy, and parameters() is namedParameters() without the names",
            0);

    @Test
    @Graded(exercise = Exercise.E2_2, points = 0.5)
    @DisplayName("on generated networks, namedParameters() and parameters() list every parameter exactly once")
    void parametersListEachParameterOnce() {
        Invariant.forAll(PARAMETERS, c -> {
            GeneratedNetwork net = c.net();
            Map<String, Parameter> named = c.call("net.namedParameters()", () -> net.root().namedParameters());
            c.expect(named != null, "namedParameters null", "a map", () -> "null");
            Map<Parameter, String> seen = new IdentityHashMap<>();
            List<Parameter> values = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : named.entrySet()) {
                String name = e.getKey();
                Parameter p = e.getValue();
                c.expect(net.contains(p), "namedParameters foreign", "each value one of the network's parameters, the "
                        + "registered object itself, not a copy", () -> quote(name) + " maps to " + net.describe(p));
                c.expect(!seen.containsKey(p), "namedParameters twice", "each distinct parameter exactly once: a "
                        + "parameter registered at several places is one object, listed once",
                        () -> net.describe(p) + " twice, under " + quote(seen.get(p)) + " and " + quote(name));
                c.expect(net.parametersByPath().get(name) == p, "namedParameters name", "each name a dotted path of "
                        + "registrations that reaches its parameter: " + net.describe(p) + " is registered at "
                        + paths(net, p), () -> net.describe(p) + " under " + quote(name));
                seen.put(p, name);
                values.add(p);
            }
            List<Parameter> missing = net.parameters().stream().filter(p -> !seen.containsKey(p)).toList();
            c.expect(missing.isEmpty(), "namedParameters missing", "every parameter the network reaches: "
                    + labels(net, net.parameters()), () -> "no entry for " + labels(net, missing) + " (registered at "
                    + paths(net, missing.get(0)) + ")");

            List<Parameter> list = c.call("net.parameters()", () -> net.root().parameters());
            c.expect(list != null, "parameters null", "a list", () -> "null");
            Map<Parameter, Integer> counted = new IdentityHashMap<>();
            for (Parameter p : list) {
                c.expect(net.contains(p), "parameters foreign", "each element one of the network's parameters, the "
                        + "registered object itself, not a copy", () -> "an element is " + net.describe(p));
                c.expect(!counted.containsKey(p), "parameters twice", "each distinct parameter exactly once: "
                        + labels(net, net.parameters()), () -> net.describe(p) + " twice: " + labels(net, list));
                counted.put(p, 1);
            }
            List<Parameter> left = net.parameters().stream().filter(p -> !counted.containsKey(p)).toList();
            c.expect(left.isEmpty(), "parameters missing", "every parameter the network reaches: "
                    + labels(net, net.parameters()), () -> labels(net, list) + ", without " + labels(net, left));
            c.expect(sameObjects(list, values), "parameters order", "the parameters of namedParameters(), in its order: "
                    + labels(net, values), () -> labels(net, list));
        });
    }

    // --- 2.3 walking the modules ---------------------------------------------------------------

    static final Definition MODULES = new Definition("modulesListEachModuleOnce",
            "namedModules() must list every module of the network exactly once, the root first", Exercise.E2_3,
            "namedModules() maps \"\" to the network itself, first, and a dotted path to each other module it reaches, "
                    + "each exactly once; namedChildren() and children() list each distinct direct child once",
            "namedModules() starts with the module itself (the root, under \"\") and walks the registrations depth "
                    + "first, listing each module it reaches once, compared by identity (==), under the first dotted "
                    + "path that reaches it (0.blk: child blk of child 0); namedChildren() lists each distinct direct "
                    + "child once, under a name it is registered under, and children() the same modules in the same order",
            0);

    @Test
    @Graded(exercise = Exercise.E2_3, points = 0.5)
    @DisplayName("on generated networks, namedModules() lists every module exactly once, the root first under \"\"")
    void modulesListEachModuleOnce() {
        Invariant.forAll(MODULES, c -> {
            GeneratedNetwork net = c.net();
            Map<String, Module> named = c.call("net.namedModules()", () -> net.root().namedModules());
            c.expect(named != null, "namedModules null", "a map", () -> "null");
            Map<Module, String> seen = new IdentityHashMap<>();
            for (Map.Entry<String, Module> e : named.entrySet()) {
                String path = e.getKey();
                Module m = e.getValue();
                if (seen.isEmpty()) {
                    c.expect("".equals(path) && m == net.root(), "namedModules root", "the root first: the module "
                            + "itself under the empty path \"\"", () -> "the first entry maps " + quote(path) + " to "
                            + net.describe(m));
                }
                c.expect(net.contains(m), "namedModules foreign", "each value one of the network's modules, the "
                        + "registered object itself", () -> quote(path) + " maps to " + net.describe(m));
                c.expect(!seen.containsKey(m), "namedModules twice", "each module exactly once: a module registered "
                        + "at several places is one object, listed once", () -> net.describe(m) + " twice, under "
                        + quote(seen.get(m)) + " and " + quote(path));
                c.expect(net.modulesByPath().get(path) == m, "namedModules path", "each key the dotted path of "
                        + "registrations that reaches its module: " + net.describe(m) + " is registered at "
                        + modulePaths(net, m), () -> net.describe(m) + " under " + quote(path));
                seen.put(m, path);
            }
            c.expect(!seen.isEmpty(), "namedModules root", "the root first: the module itself under the empty path "
                    + "\"\"", () -> "an empty map");
            List<Module> missing = net.modules().stream().filter(m -> !seen.containsKey(m)).map(m -> (Module) m).toList();
            c.expect(missing.isEmpty(), "namedModules missing", "every module the network reaches, #0 to #"
                    + (net.modules().size() - 1), () -> "no entry for " + labels(net, missing));

            for (int k = 0; k < net.modules().size(); k++) {
                Module module = net.modules().get(k);
                String receiver = k == 0 ? "net" : "#" + k;
                List<GeneratedNetwork.Node> distinct = net.distinctChildren(k);
                TreeSpec.ModuleDef def = net.spec().modules().get(k);
                Map<String, Module> children = c.call(receiver + ".namedChildren()", module::namedChildren);
                c.expect(children != null, "namedChildren null", "a map", () -> "null");
                Map<Module, String> listed = new IdentityHashMap<>();
                List<Module> order = new ArrayList<>();
                for (Map.Entry<String, Module> e : children.entrySet()) {
                    String name = e.getKey();
                    Module child = e.getValue();
                    c.expect(distinct.stream().anyMatch(d -> d == child), "namedChildren foreign", "each value a "
                            + "child that " + receiver + " registers: " + labels(net, distinct),
                            () -> quote(name) + " maps to " + net.describe(child));
                    c.expect(!listed.containsKey(child), "namedChildren twice", "each distinct child once: a child "
                            + "registered twice is listed once, under its first name", () -> net.describe(child)
                            + " twice, under " + quote(listed.get(child)) + " and " + quote(name));
                    c.expect(def.children().stream().anyMatch(r -> r.name().equals(name)
                            && net.modules().get(r.target()) == child), "namedChildren name", "each child under a name "
                            + receiver + " registers it under", () -> net.describe(child) + " under " + quote(name));
                    listed.put(child, name);
                    order.add(child);
                }
                List<Module> absent = distinct.stream().filter(d -> !listed.containsKey(d)).map(d -> (Module) d).toList();
                c.expect(absent.isEmpty(), "namedChildren missing", "every distinct child of " + receiver + ": "
                        + labels(net, distinct), () -> "no entry for " + labels(net, absent));
                List<Module> list = c.call(receiver + ".children()", module::children);
                c.expect(list != null && sameObjects(list, order), "children", "children() lists the modules of "
                        + "namedChildren(), in its order: " + labels(net, order), () -> labels(net, list));
            }
        });
    }

    // --- 2.4 the state dict --------------------------------------------------------------------

    static final Definition STATE_DICT = new Definition("stateDictHasEveryPath",
            "stateDict() must have an entry for every path of every parameter, sharing its storage", Exercise.E2_4,
            "stateDict() has one key for every registration path that reaches a parameter, and no other, each value "
                    + "the parameter's data()",
            "stateDict() has an entry for every path that reaches a parameter: unlike namedParameters(), a shared "
                    + "parameter appears under every path; a key is the dotted path, the name of each enclosing module "
                    + "a prefix, outermost first; a value is the parameter's data(), which shares its storage and does "
                    + "not require grad",
            0);

    @Test
    @Graded(exercise = Exercise.E2_4, points = 0.5)
    @DisplayName("on generated networks, stateDict() has every path of every parameter, sharing its storage")
    void stateDictHasEveryPath() {
        Invariant.forAll(STATE_DICT, c -> {
            GeneratedNetwork net = c.net();
            Map<String, Tensor> state = c.call("net.stateDict()", () -> net.root().stateDict());
            c.expect(state != null, "stateDict null", "a map", () -> "null");
            net.parametersByPath().forEach((path, p) -> c.expect(state.containsKey(path), "stateDict missing",
                    "an entry for every path that reaches a parameter: " + quoted(net.parametersByPath().keySet()),
                    () -> "no key " + quote(path) + " (" + net.describe(p) + ", registered at " + paths(net, p)
                            + "); the keys are " + quoted(state.keySet())));
            for (String key : state.keySet()) {
                c.expect(net.parametersByPath().containsKey(key), "stateDict extra", "only the paths that reach a "
                        + "parameter: " + quoted(net.parametersByPath().keySet()), () -> "the key " + quote(key));
            }
            int i = 0;
            for (Map.Entry<String, Parameter> e : net.parametersByPath().entrySet()) {
                String path = e.getKey();
                Parameter p = e.getValue();
                Tensor value = state.get(path);
                c.expect(value != null && value.shape().equals(p.shape()), "stateDict shape", "the entry " + quote(path)
                        + " of the parameter's shape, " + p.shape(), () -> value == null ? "null" : "shape " + value.shape());
                c.expect(!value.requiresGrad(), "stateDict grad", "the entry " + quote(path) + " the parameter's "
                        + "data(), which does not require grad", () -> "a tensor that requires grad (the parameter "
                        + "itself, not its data()?)");
                int[] first = new int[p.dim()];
                float before = p.get(first);
                float marker = -0.5f - 1000f * ++i;
                value.set(marker, first);
                float seenThroughParameter = p.get(first);
                p.data().set(before, first);
                c.about("net.stateDict().get(" + quote(path) + ").set(" + marker + ", " + index(first) + ")");
                c.expect(seenThroughParameter == marker, "stateDict storage", "the parameter at " + quote(path) + ", "
                        + net.describe(p) + ", holds " + marker + " too: the entry shares its storage",
                        () -> net.describe(p) + " still holds " + seenThroughParameter + ": the entry is a copy");
            }
        });
    }

    // --- 2.5 loading a state dict --------------------------------------------------------------

    private static final int MISSING = 0;
    private static final int UNEXPECTED = 1;
    private static final int WRONG_SHAPE = 2;

    static final Definition REFUSED_LOAD = new Definition("refusedLoadChangesNothing",
            "a refused loadStateDict must throw StateDictMismatchException and change nothing", Exercise.E2_5,
            "loadStateDict refuses a state dict with a missing key, an unexpected key or a tensor of the wrong shape "
                    + "with a StateDictMismatchException that names it, and then every parameter is the same object, "
                    + "with the same values",
            "loadStateDict is strict: the keys must be those of stateDict(), every path of a shared parameter "
                    + "included; a missing key, an unexpected key or a size mismatch, anywhere in the tree, is "
                    + "refused with one StateDictMismatchException that names it; a refused load copies nothing and must "
                    + "keep the parameter objects: check every key and shape first, and copy only when all of them fit",
            3 * 64);

    @Test
    @Graded(exercise = Exercise.E2_5, points = 0.5)
    @DisplayName("on generated networks, a refused loadStateDict throws StateDictMismatchException and changes nothing")
    void refusedLoadChangesNothing() {
        Invariant.forAll(REFUSED_LOAD, c -> {
            GeneratedNetwork net = c.net();
            List<String> keys = new ArrayList<>(net.parametersByPath().keySet());
            int index = c.choice() / 3;
            int kind = keys.isEmpty() ? UNEXPECTED : c.choice() % 3;
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (String key : keys) {
                Parameter p = net.parametersByPath().get(key);
                float[] values = net.initialValues(net.indexOf(p));
                for (int i = 0; i < values.length; i++) {
                    values[i] = -values[i] - 0.5f;
                }
                state.put(key, Tensor.of(values, p.shape().toArray()));
            }
            String key;
            String change;
            if (kind == UNEXPECTED) {
                List<String> modulePaths = new ArrayList<>(net.modulesByPath().keySet());
                String at = modulePaths.get(index % modulePaths.size());
                TreeSpec.ModuleDef def = net.spec().modules().get(net.indexOf(net.modulesByPath().get(at)));
                String name = "extra";
                for (int n = 1; def.uses(name); n++) {
                    name = "extra" + n;
                }
                key = at.isEmpty() ? name : at + "." + name;
                state.put(key, Tensor.zeros(1));
                change = "plus the unexpected key " + quote(key) + ", a parameter no module registers";
            } else if (kind == MISSING) {
                key = keys.get(index % keys.size());
                state.remove(key);
                change = "but without the key " + quote(key) + " (a missing key)";
            } else {
                key = keys.get(index % keys.size());
                int[] right = net.parametersByPath().get(key).shape().toArray();
                int[] wrong = right.clone();
                wrong[0]++;
                state.put(key, Tensor.zeros(wrong));
                change = "with " + quote(key) + " of shape " + TreeSpec.shapeText(wrong) + " instead of "
                        + TreeSpec.shapeText(right) + " (a size mismatch)";
            }
            RuntimeException thrown = c.thrownBy("net.loadStateDict(state), state = a new value for each key of the "
                    + "network's state dict " + quoted(keys) + ", " + change, () -> net.root().loadStateDict(state));
            c.expect(thrown != null, "load accepted", "a StateDictMismatchException: a strict load refuses "
                    + (kind == MISSING ? "a missing key" : kind == UNEXPECTED ? "an unexpected key" : "a wrong shape"),
                    () -> "it returned normally");
            c.expect(thrown instanceof StateDictMismatchException, "load wrong exception", "a "
                    + "StateDictMismatchException", () -> "it threw " + thrown.getClass().getName()
                    + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
            StateDictMismatchException e = (StateDictMismatchException) thrown;
            String where = kind == MISSING ? "missingKeys()" : kind == UNEXPECTED ? "unexpectedKeys()" : "sizeMismatches()";
            boolean names = kind == MISSING ? e.missingKeys().contains(key) : kind == UNEXPECTED
                    ? e.unexpectedKeys().contains(key) : e.sizeMismatches().stream().anyMatch(line -> mentions(line, key));
            c.expect(names, "load names", "the exception names " + quote(key) + " in its " + where, () -> "missingKeys() "
                    + quoted(e.missingKeys()) + ", unexpectedKeys() " + quoted(e.unexpectedKeys()) + ", sizeMismatches() "
                    + quoted(e.sizeMismatches()));
            Map<String, Parameter> now = net.registeredNow();
            net.parametersByPath().forEach((path, p) -> c.expect(now.get(path) == p, "load replaced", "after the "
                    + "refused load, " + quote(path) + " still holds " + net.describe(p) + ": loadStateDict must keep the "
                    + "parameter objects", () -> quote(path) + " holds " + net.describe(now.get(path))));
            for (int j = 0; j < net.parameters().size(); j++) {
                Parameter p = net.parameters().get(j);
                float[] before = net.initialValues(j);
                float[] after = p.toArray();
                c.expect(Arrays.equals(before, after), "load copied", "a refused load copies nothing: "
                        + net.describe(p) + " keeps its values " + Arrays.toString(before),
                        () -> net.describe(p) + " (at " + paths(net, p) + ") holds " + Arrays.toString(after));
            }
        });
    }

    /** Whether {@code line} names {@code key} as a whole key, not as a part of a longer one. */
    private static boolean mentions(String line, String key) {
        return line != null && Pattern.compile("(^|[^\\w.])" + Pattern.quote(key) + "($|[^\\w.]|\\.(\\s|$))")
                .matcher(line).find();
    }

    // --- 3.4 apply -----------------------------------------------------------------------------

    static final Definition APPLY = new Definition("applyVisitsChildrenFirst",
            "apply(fn) must call fn on every module after its children, the module itself last, and return it",
            Exercise.E3_4,
            "apply(fn) calls each distinct child's apply(fn) in registration order, then fn on the module itself, "
                    + "and returns the module",
            "apply(fn) is PyTorch's recursion: for each child in children() (registration order, a child registered "
                    + "twice under one module once), child.apply(fn); then fn(this); return this. So fn reaches every "
                    + "module, each module after its children, the module itself once and last, and apply must return "
                    + "the module itself, so that calls can be chained",
            0);

    @Test
    @Graded(exercise = Exercise.E3_4, points = 0.5)
    @DisplayName("on generated networks, apply(fn) calls fn on every module after its children, the module itself last")
    void applyVisitsChildrenFirst() {
        Invariant.forAll(APPLY, c -> {
            GeneratedNetwork net = c.net();
            List<Module> calls = new ArrayList<>();
            Module returned = c.call("net.apply(fn), fn recording each module it is called with",
                    () -> net.root().apply(calls::add));
            c.expect(returned == net.root(), "apply return", "net itself: apply must return the module itself",
                    () -> net.describe(returned));
            for (Module m : calls) {
                c.expect(net.contains(m), "apply foreign", "fn called with the network's modules only",
                        () -> "fn was called with " + net.describe(m));
            }
            long onRoot = calls.stream().filter(m -> m == net.root()).count();
            c.expect(onRoot == 1 && calls.get(calls.size() - 1) == net.root(), "apply root", "fn called on net itself "
                    + "exactly once, last", () -> "fn called on net " + onRoot + (onRoot == 1 ? " time" : " times")
                    + (calls.isEmpty() ? "" : ", the last call on " + net.describe(calls.get(calls.size() - 1)))
                    + "; the calls: " + labels(net, calls));
            List<Module> missed = net.modules().stream().filter(m -> calls.stream().noneMatch(x -> x == m))
                    .map(m -> (Module) m).toList();
            c.expect(missed.isEmpty(), "apply missed", "fn called on every module the network reaches",
                    () -> "fn never called on " + labels(net, missed) + "; the calls: " + labels(net, calls));
            for (int i = 0; i < calls.size(); i++) {
                int k = net.indexOf(calls.get(i));
                int previous = i - 1;
                while (previous >= 0 && calls.get(previous) != calls.get(i)) {
                    previous--;
                }
                List<Module> since = calls.subList(previous + 1, i);
                for (GeneratedNetwork.Node child : net.distinctChildren(k)) {
                    int call = i;
                    c.expect(since.stream().anyMatch(x -> x == child), "apply order", "each module after its "
                            + "children: every call fn(#" + k + ") comes after fn on each of its children "
                            + labels(net, net.distinctChildren(k)), () -> "call " + (call + 1) + ", fn(#" + k
                            + "), came before a call on its child " + net.describe(child) + "; the calls: "
                            + labels(net, calls));
                }
            }
            int[] expectedCounts = applyCounts(net);
            for (int k = 0; k < net.modules().size(); k++) {
                Module m = net.modules().get(k);
                long got = calls.stream().filter(x -> x == m).count();
                int expected = expectedCounts[k];
                c.expect(got == expected, "apply count", "fn called on #" + k + " " + times(expected) + ": once each "
                        + "time fn is called on a module that registers it, however often that module registers it "
                        + "(PyTorch's apply walks children(), which lists a child registered twice once)",
                        () -> times((int) got) + "; the calls: " + labels(net, calls));
            }
            List<Module> expected = new ArrayList<>();
            applyOrder(net, 0, expected);
            c.expect(sameObjects(calls, expected), "apply sequence", "the calls in PyTorch's order, each child's "
                    + "subtree in registration order before the module: " + labels(net, expected),
                    () -> labels(net, calls));
        });
    }

    /** How often PyTorch's apply calls fn on each module: once per call on each distinct parent. */
    private static int[] applyCounts(GeneratedNetwork net) {
        int[] counts = new int[net.modules().size()];
        List<Module> order = new ArrayList<>();
        applyOrder(net, 0, order);
        for (Module m : order) {
            counts[net.indexOf(m)]++;
        }
        return counts;
    }

    /** The modules PyTorch's apply passes to fn, in order: {@code for c in children(): c.apply(fn); fn(self)}. */
    private static void applyOrder(GeneratedNetwork net, int k, List<Module> out) {
        for (GeneratedNetwork.Node child : net.distinctChildren(k)) {
            applyOrder(net, net.indexOf(child), out);
        }
        out.add(net.modules().get(k));
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    // --- 5.2 zeroGrad --------------------------------------------------------------------------

    static final Definition ZERO_GRAD = new Definition("zeroGradClearsEveryParameter",
            "zeroGrad() must clear the gradient of every parameter the network reaches", Exercise.E5_2,
            "after zeroGrad(), grad() is null for every parameter the network reaches",
            "zeroGrad() clears the gradients (sets grad to null, as zero_grad(set_to_none=True)) of every parameter "
                    + "the module reaches: its own, its descendants' and those registered at several places",
            0);

    @Test
    @Graded(exercise = Exercise.E5_2, points = 0.5)
    @DisplayName("on generated networks, zeroGrad() clears the gradient of every parameter the network reaches")
    void zeroGradClearsEveryParameter() {
        Invariant.forAll(ZERO_GRAD, c -> {
            GeneratedNetwork net = c.net();
            for (Parameter p : net.parameters()) {
                p.setGrad(Tensor.ones(p.shape().toArray()));
            }
            c.run("net.zeroGrad(), with every parameter's grad a tensor of ones before", () -> net.root().zeroGrad());
            List<String> notCleared = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                Tensor grad = p.grad();
                if (grad != null) {
                    boolean zeros = true;
                    for (float v : grad.toArray()) {
                        zeros &= v == 0f;
                    }
                    notCleared.add(net.describe(p) + " (at " + paths(net, p) + ")" + (zeros ? " holds a tensor of zeros"
                            : " still holds its gradient"));
                }
            }
            c.expect(notCleared.isEmpty(), "zeroGrad", "grad() == null for every parameter: "
                    + labels(net, net.parameters()), () -> String.join(", ", notCleared));
        });
    }

    // --- words for the feedback ----------------------------------------------------------------

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static String quoted(java.util.Collection<String> strings) {
        return strings.stream().map(InvariantsTest::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String labels(GeneratedNetwork net, List<?> objects) {
        return objects == null ? "null" : objects.stream().map(net::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String paths(GeneratedNetwork net, Parameter p) {
        List<String> paths = new ArrayList<>();
        net.parametersByPath().forEach((path, q) -> {
            if (q == p) {
                paths.add(path);
            }
        });
        return quoted(paths);
    }

    private static String modulePaths(GeneratedNetwork net, Module m) {
        List<String> paths = new ArrayList<>();
        net.modulesByPath().forEach((path, q) -> {
            if (q == m) {
                paths.add(path);
            }
        });
        return quoted(paths);
    }

    private static String index(int[] index) {
        return Arrays.stream(index).mapToObj(String::valueOf).collect(Collectors.joining(", "));
    }

    private static boolean sameObjects(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}

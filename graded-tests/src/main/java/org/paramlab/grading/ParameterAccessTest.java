package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grading.support.Expect;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Identity;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.tensor.Tensor;

/**
 * Group 2, parameter access: targeted access, all parameters at once, walking nested modules,
 * the state dict and loading it back. The models are PyTorch's, rebuilt by the grader
 * ({@link ReferenceTree}) so that these exercises do not depend on the student's layers, and
 * every expected name, order and value is PyTorch's.
 */
@Order(2)
@DisplayName("2 Parameter access")
class ParameterAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReferenceModel net() {
        return References.load("net.onnx");
    }

    private static ReferenceModel rgnet() {
        return References.load("rgnet.onnx");
    }

    private static ReferenceModel tied() {
        return References.load("tied.onnx");
    }

    // --- 2.1 targeted parameters ---------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("getParameter(\"0.block1.0.bias\") is rgnet[0][1][0].bias, with PyTorch's values")
    void getParameterReachesNestedParameters() {
        ReferenceModel ref = rgnet();
        ReferenceTree tree = ReferenceTree.of(ref);
        String target = ref.metadata("index.0,1,0") + ".bias";
        Identity.assertSame(tree.root().getSubmodule("0.block1"), tree.module("0.block1"),
                "rgnet.getSubmodule(\"0.block1\") must return rgnet[0][1], the module at the end of the path; "
                        + Hints.of(Exercise.E2_1));
        Identity.assertSame(tree.root().getSubmodule(""), tree.root(), "getSubmodule(\"\") is the module itself");
        Parameter bias = tree.root().getParameter(target);
        Identity.assertSame(bias, tree.parameter(target), "rgnet.getParameter(\"" + target + "\") must return the registered parameter itself, not a copy; "
                + Hints.of(Exercise.E2_1));
        assertThatTensor(bias.data()).named("rgnet[0][1][0].bias.data").withHint(Hints.of(Exercise.E2_1))
                .isCloseTo(ref.initializer(target), Tolerance.EXACT);
    }

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("A layer shared by two positions is reached by both paths: getParameter(\"4.weight\") is 2.weight")
    void targetedAccessReachesASharedLayerByEveryPath() {
        ReferenceTree tree = ReferenceTree.of(tied());
        String hint = "a shared parameter is reachable under every path: the tied network registers one Linear at "
                + "positions 2 and 4, so PyTorch's net.get_parameter(\"4.weight\") is net[2].weight; follow the "
                + "registrations (every path), not namedParameters() or namedModules(), which list a shared object once, "
                + "and return the registered object itself, not a copy; " + Hints.of(Exercise.E2_1);
        Identity.assertSame(Expect.returnedBy(() -> tree.root().getSubmodule("4"), "tied.getSubmodule(\"4\")", hint),
                tree.module("2"), "tied.getSubmodule(\"4\") must be the shared layer, the same object as "
                        + "getSubmodule(\"2\"); " + hint);
        Identity.assertSame(Expect.returnedBy(() -> tree.root().getParameter("4.weight"), "tied.getParameter(\"4.weight\")",
                hint), tree.parameter("2.weight"), "tied.getParameter(\"4.weight\") must be the shared weight, the "
                        + "same object as getParameter(\"2.weight\"); " + hint);
    }

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("getSubmodule and getParameter name the module that lacks the name, in PyTorch's words")
    void targetedAccessExplainsAMissingName() {
        ReferenceModel ref = rgnet();
        ReferenceTree tree = ReferenceTree.of(ref);
        for (JsonNode error : json(ref, "targeted_access.errors")) {
            String call = error.get("call").asText();
            String target = error.get("target").asText();
            String what = "rgnet." + (call.equals("get_submodule") ? "getSubmodule" : "getParameter") + "(\"" + target
                    + "\")";
            String rule = "the message names the module that lacks the name, and the name, in PyTorch's words (PyTorch's "
                    + "rgnet." + call + "(\"" + target + "\") says: " + error.get("message").asText() + "); "
                    + Hints.of(Exercise.E2_1);
            Expect.message(IllegalArgumentException.class, () -> {
                if (call.equals("get_submodule")) {
                    tree.root().getSubmodule(target);
                } else {
                    tree.root().getParameter(target);
                }
            }, what).contains(error.get("message").asText(), rule);
        }
    }

    private static JsonNode json(ReferenceModel ref, String key) {
        try {
            return JSON.readTree(ref.metadata(key));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(ref.fileName() + ": metadata " + key + " is not JSON", e);
        }
    }

    @Test
    @Graded(exercise = Exercise.E2_1, points = 0.5)
    @DisplayName("net[2].bias.data shares the parameter's values, and net[2].weight.grad is None")
    void dataSharesValuesAndGradStartsEmpty() {
        ReferenceModel ref = net();
        ReferenceTree tree = ReferenceTree.of(ref);
        Parameter bias = tree.root().getParameter("2.bias");
        assertThatTensor(bias.data()).named("net[2].bias.data").withHint(Hints.of(Exercise.E2_1))
                .isCloseTo(ref.initializer("2.bias"), Tolerance.EXACT);
        assertThat(tree.root().getParameter("2.weight").grad()).as("net[2].weight.grad == None before any backward").isNull();
        bias.data().add_(1f);
        Tensor expected = ref.initializer("2.bias").add(1f);
        assertThatTensor(tree.parameter("2.bias").data()).named("net[2].bias after net[2].bias.data += 1")
                .withHint("getParameter must return the parameter itself, not a copy; " + Hints.of(Exercise.E2_1))
                .isCloseTo(expected, Tolerance.EXACT);
    }

    // --- 2.2 all parameters at once --------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_2, points = 1)
    @DisplayName("net.namedParameters() lists 0.weight, 0.bias, 2.weight, 2.bias, the parameters themselves")
    void namedParametersOfNet() {
        ReferenceModel ref = net();
        ReferenceTree tree = ReferenceTree.of(ref);
        Map<String, Parameter> named = tree.root().namedParameters();
        assertThat(new ArrayList<>(named.keySet()))
                .as("the names of net.named_parameters(), in order; " + Hints.of(Exercise.E2_2))
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        named.forEach((name, p) -> Identity.assertSame(p, tree.parameter(name),
                "namedParameters().get(\"" + name + "\") must be the registered parameter, not a copy"));
        assertThat(new ArrayList<>(tree.module("0").namedParameters().keySet()))
                .as("net[0].named_parameters() names a module's own parameters without a prefix")
                .containsExactlyElementsOf(ref.metadataList("first_layer.named_parameters"));
    }

    @Test
    @Graded(exercise = Exercise.E2_2, points = 0.5)
    @DisplayName("rgnet.namedParameters() gives PyTorch's dotted names through nested blocks")
    void namedParametersOfRgnet() {
        ReferenceModel ref = rgnet();
        ReferenceTree tree = ReferenceTree.of(ref);
        assertThat(new ArrayList<>(tree.root().namedParameters().keySet()))
                .as("the names of rgnet.named_parameters(), in order (e.g. 0.block1.2.weight); " + Hints.of(Exercise.E2_2))
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
    }

    @Test
    @Graded(exercise = Exercise.E2_2, points = 1)
    @DisplayName("a parameter shared by two layers is listed once, under its first name")
    void namedParametersListsASharedParameterOnce() {
        ReferenceModel ref = tied();
        ReferenceTree tree = ReferenceTree.of(ref);
        assertThat(new ArrayList<>(tree.root().namedParameters().keySet()))
                .as("the tied network's named_parameters(): the layer at positions 2 and 4 is one object, so PyTorch "
                        + "lists its weight and bias once, as 2.weight and 2.bias (compare by identity, ==); "
                        + Hints.of(Exercise.E2_2))
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
    }

    @Test
    @Graded(exercise = Exercise.E2_2, points = 0.5)
    @DisplayName("parameters() gives every parameter once, in namedParameters order")
    void parametersInOrder() {
        ReferenceModel ref = tied();
        ReferenceTree tree = ReferenceTree.of(ref);
        List<Parameter> parameters = tree.root().parameters();
        List<String> names = ref.metadataList("named_parameters");
        assertThat(parameters).as("tied.parameters() has one entry per distinct parameter; " + Hints.of(Exercise.E2_2))
                .hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            Identity.assertSame(parameters.get(i), tree.parameter(names.get(i)),
                    "parameters().get(" + i + ") must be the parameter PyTorch lists as " + names.get(i)
                            + ", the registered object itself, not a copy; " + Hints.of(Exercise.E2_2));
        }
    }

    // --- 2.3 walking the modules -------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_3, points = 0.5)
    @DisplayName("rgnet.namedModules() walks depth first with dotted paths, root first")
    void namedModulesOfRgnet() {
        ReferenceModel ref = rgnet();
        ReferenceTree tree = ReferenceTree.of(ref);
        Map<String, Module> named = tree.root().namedModules();
        assertThat(new ArrayList<>(named.keySet()))
                .as("the dotted paths of rgnet.named_modules(), in order (the root is \"\"); " + Hints.of(Exercise.E2_3))
                .containsExactlyElementsOf(ref.metadataList("named_modules"));
        named.forEach((path, m) -> Identity.assertSame(m, tree.module(path), "namedModules().get(\"" + path + "\")"));
    }

    @Test
    @Graded(exercise = Exercise.E2_3, points = 1)
    @DisplayName("namedModules, namedChildren and children list a shared layer once")
    void sharedModulesAreListedOnce() {
        ReferenceModel ref = tied();
        ReferenceTree tree = ReferenceTree.of(ref);
        String hint = "the layer at positions 2 and 4 is one object: PyTorch lists it once, under its first name; "
                + Hints.of(Exercise.E2_3);
        assertThat(new ArrayList<>(tree.root().namedModules().keySet()))
                .as("the tied network's named_modules(), the root \"\" first; " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_modules"));
        assertThat(new ArrayList<>(tree.root().namedChildren().keySet()))
                .as("the tied network's named_children(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_children"));
        List<Module> children = tree.root().children();
        List<String> paths = ref.metadataList("children_paths");
        assertThat(children).as("the tied network's children(); " + hint).hasSize(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            Identity.assertSame(children.get(i), tree.module(paths.get(i)), "children().get(" + i + ")");
        }
    }

    // --- 2.4 the state dict ------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_4, points = 0.5)
    @DisplayName("net.stateDict() and the nested rgnet.stateDict() have PyTorch's keys and values")
    void stateDictOfNet() {
        ReferenceModel ref = net();
        ReferenceTree tree = ReferenceTree.of(ref);
        Map<String, Tensor> state = tree.root().stateDict();
        assertThat(new ArrayList<>(state.keySet()))
                .as("the keys of net.state_dict(), in order; " + Hints.of(Exercise.E2_4))
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
        for (String key : state.keySet()) {
            assertThatTensor(state.get(key)).named("net.state_dict()['" + key + "']").withHint(Hints.of(Exercise.E2_4))
                    .isCloseTo(ref.initializer(key), Tolerance.EXACT);
        }
        assertThat(new ArrayList<>(tree.module("0").stateDict().keySet()))
                .as("net[0].state_dict() keys").containsExactlyElementsOf(ref.metadataList("first_layer.state_dict_keys"));
        ReferenceModel nested = rgnet();
        assertThat(new ArrayList<>(ReferenceTree.of(nested).root().stateDict().keySet()))
                .as("the keys of rgnet.state_dict(), in order: a nested key carries the prefix of every enclosing module, "
                        + "outermost first (0.block1.2.weight), because each child's state dict goes under the prefix "
                        + "childName + \".\"; " + Hints.of(Exercise.E2_4))
                .containsExactlyElementsOf(nested.metadataList("state_dict_keys"));
    }

    @Test
    @Graded(exercise = Exercise.E2_4, points = 1)
    @DisplayName("the state dict of the tied network has the shared layer under both 2.* and 4.*")
    void stateDictListsASharedParameterUnderEveryPath() {
        ReferenceModel ref = tied();
        ReferenceTree tree = ReferenceTree.of(ref);
        Map<String, Tensor> state = tree.root().stateDict();
        assertThat(new ArrayList<>(state.keySet()))
                .as("the keys of the tied network's state_dict(): unlike named_parameters, a shared parameter appears "
                        + "under every path that reaches it; " + Hints.of(Exercise.E2_4))
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
    }

    @Test
    @Graded(exercise = Exercise.E2_4, points = 0.5)
    @DisplayName("state dict entries share the parameters' storage and do not require grad")
    void stateDictEntriesAreDetachedViews() {
        ReferenceModel ref = net();
        ReferenceTree tree = ReferenceTree.of(ref);
        Tensor entry = tree.root().stateDict().get("0.weight");
        assertThat(entry).as("stateDict().get(\"0.weight\")").isNotNull();
        assertThat(entry.requiresGrad())
                .as("state dict values are detached, like PyTorch's: use the parameter's data(); " + Hints.of(Exercise.E2_4))
                .isFalse();
        entry.set(42f, 0, 0);
        assertThat(tree.parameter("0.weight").get(0, 0))
                .as("after stateDict().get(\"0.weight\")[0, 0] = 42 the parameter must see 42: the entry shares its "
                        + "storage (data()), it is not a copy")
                .isEqualTo(42f);
    }

    // --- 2.5 loading a state dict --------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E2_5, points = 1)
    @DisplayName("loadStateDict copies PyTorch's values into the same parameter objects")
    void loadStateDictCopiesValues() {
        ReferenceModel ref = rgnet();
        ReferenceTree target = ReferenceTree.of(ref);
        Map<String, Parameter> before = new LinkedHashMap<>(target.parameters());
        for (Parameter p : before.values()) {
            p.data().zero_();
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : ref.metadataList("state_dict_keys")) {
            state.put(key, ref.initializer(key));
        }
        target.root().loadStateDict(state);
        for (Map.Entry<String, Parameter> e : before.entrySet()) {
            // What the module holds now, found through its registrations (not the tree's record of the originals).
            Parameter now = Weights.find(target.root(), e.getKey(), "rgnet after loadStateDict", ref.fileName());
            Identity.assertSame(now, e.getValue(), "rgnet's " + e.getKey() + " after loadStateDict(state): loadStateDict "
                    + "must keep the parameter objects and copy the values into them (an optimizer and every tied place "
                    + "hold those objects); " + Hints.of(Exercise.E2_5));
            assertThatTensor(e.getValue().data()).named(e.getKey() + " after rgnet.load_state_dict(state)")
                    .withHint(Hints.of(Exercise.E2_5)).isCloseTo(ref.initializer(e.getKey()), Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E2_5, points = 0.5)
    @DisplayName("loadStateDict names missing and unexpected keys, in PyTorch's words")
    void loadStateDictNamesMissingAndUnexpectedKeys() {
        assertLoadFailsLikePyTorch("load_state_dict.missing_unexpected");
    }

    @Test
    @Graded(exercise = Exercise.E2_5, points = 1)
    @DisplayName("loadStateDict names a tensor of the wrong shape, in PyTorch's words")
    void loadStateDictNamesASizeMismatch() {
        assertLoadFailsLikePyTorch("load_state_dict.size_mismatch");
    }

    /** Alters net's state dict as export.py did, loads it, and compares the error with PyTorch's. */
    private static void assertLoadFailsLikePyTorch(String caseKey) {
        ReferenceModel ref = net();
        ReferenceTree tree = ReferenceTree.of(ref);
        JsonNode pytorch;
        try {
            pytorch = JSON.readTree(ref.metadata(caseKey));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("net.onnx: metadata " + caseKey + " is not JSON", e);
        }
        JsonNode change = pytorch.get("change");
        // Values that differ from the module's, so that a load that copies anything before refusing shows.
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : ref.metadataList("state_dict_keys")) {
            state.put(key, ref.initializer(key).add(1f));
        }
        change.path("remove").forEach(k -> state.remove(k.asText()));
        change.path("add").fields().forEachRemaining(e -> state.put(e.getKey(), Tensor.zeros(shape(e.getValue()))));
        change.path("replace").fields().forEachRemaining(e -> state.put(e.getKey(), Tensor.zeros(shape(e.getValue()))));
        Expect.message(StateDictMismatchException.class, () -> tree.root().loadStateDict(state),
                        "net.loadStateDict(state) with a state dict changed by " + change)
                .isEqualTo(pytorch.get("message").asText(), "the error names every missing key, every unexpected key and "
                        + "every size mismatch at once, in PyTorch's words; " + Hints.of(Exercise.E2_5));
        for (Map.Entry<String, Parameter> p : tree.parameters().entrySet()) {
            Parameter now = Weights.find(tree.root(), p.getKey(), "net after the refused loadStateDict", ref.fileName());
            assertThatTensor(now.data()).named(p.getKey() + " after the refused net.loadStateDict(state)")
                    .withHint("a refused load_state_dict copies nothing: check every key and shape first, and copy only "
                            + "when all of them fit; " + Hints.of(Exercise.E2_5))
                    .isCloseTo(ref.initializer(p.getKey()), Tolerance.EXACT);
        }
    }

    private static int[] shape(JsonNode dims) {
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asInt();
        }
        return shape;
    }
}

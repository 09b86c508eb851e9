package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.paramlab.grading.support.Inputs;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.LazyInitialization;
import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.ReLU;
import org.paramlab.nn.Sequential;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 4, lazy initialization: {@code nn.LazyLinear} infers its input width at the first
 * forward, drawing its weights then, and the notebook's lazy {@code net}. Every expected value,
 * repr, key list and draw is PyTorch's ({@code lazy_linear.onnx}, {@code lazy_net.onnx}).
 * Parameters are read through the given {@code registeredParameters()}, so that exercise 4.1 is
 * graded without depending on 4.2's {@code weight()}/{@code bias()}.
 */
@Order(4)
@DisplayName("4 Lazy initialization")
class LazyInitializationTest {

    private static ReferenceModel layerReference() {
        return References.load("lazy_linear.onnx");
    }

    private static ReferenceModel netReference() {
        return References.load("lazy_net.onnx");
    }

    private static long seed(ReferenceModel ref, String key) {
        return Long.parseLong(ref.metadata(key));
    }

    /** {@code typeName()(extraRepr())}: a leaf's repr without the student's {@code toString} (exercise 1.5). */
    private static String leafRepr(Module m) {
        return m.typeName() + "(" + m.extraRepr() + ")";
    }

    private static List<String> classNames(Iterable<? extends Tensor> values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v == null ? "null" : v.getClass().getSimpleName()));
        return names;
    }

    /** The layer of {@code lazy_linear.onnx} after its first forward: seeds 41, then 42 at the forward. */
    private static LazyLinear initializedLayer(ReferenceModel ref) {
        Generator.manualSeed(seed(ref, "seed.construct"));
        LazyLinear layer = new LazyLinear(8);
        Generator.manualSeed(seed(ref, "seed.forward"));
        layer.forward(ref.data("X"));
        return layer;
    }

    // --- 4.1 LazyLinear: infer in_features at the first forward ------------------------------

    @Test
    @Graded(exercise = Exercise.E4_1, points = 1)
    @DisplayName("LazyLinear(8) starts with in_features 0 and placeholder parameters, and draws nothing")
    void lazyLinearStartsUninitialized() {
        ReferenceModel ref = layerReference();
        Generator.manualSeed(seed(ref, "seed.construct"));
        LazyLinear layer = new LazyLinear(8);
        assertThatTensor(Tensor.rand(3)).named("torch.rand(3) right after torch.manual_seed(41); nn.LazyLinear(8)")
                .withHint("constructing a LazyLinear draws nothing from the generator: its weights are drawn at the "
                        + "first forward, when in_features is known; " + Hints.of(Exercise.E4_1))
                .isCloseTo(ref.data("rand_after_construction"), Tolerance.EXACT);
        assertThat(layer.inFeatures()).as("new LazyLinear(8).inFeatures(): PyTorch's in_features before the first forward; "
                + Hints.of(Exercise.E4_1)).isEqualTo(Integer.parseInt(ref.metadata("in_features.before")));
        assertThat(layer.outFeatures()).as("new LazyLinear(8).outFeatures()").isEqualTo(8);
        assertThat(layer.hasUninitializedParameters()).as("new LazyLinear(8).hasUninitializedParameters()").isTrue();
        Map<String, Parameter> registered = layer.registeredParameters();
        assertThat(new ArrayList<>(registered.keySet()))
                .as("the parameters a new LazyLinear registers (PyTorch's named_parameters of nn.LazyLinear(8)); "
                        + Hints.of(Exercise.E4_1))
                .containsExactlyElementsOf(ref.metadataList("named_parameters.before"));
        assertThat(classNames(registered.values()))
                .as("the classes of those parameters: placeholders (LazyLinear.UninitializedParameter), as PyTorch's "
                        + "<UninitializedParameter>; " + Hints.of(Exercise.E4_1))
                .containsExactlyElementsOf(ref.metadataList("parameter_types.before"));
        assertThat(leafRepr(layer)).as("typeName() + \"(\" + extraRepr() + \")\" of new LazyLinear(8): PyTorch's repr; "
                + Hints.of(Exercise.E4_1)).isEqualTo(ref.metadata("repr.before"));
    }

    @Test
    @Graded(exercise = Exercise.E4_1, points = 1.5)
    @DisplayName("The first forward infers in_features, draws PyTorch's weights bit for bit and computes PyTorch's output")
    void firstForwardInfersAndInitializes() {
        ReferenceModel ref = layerReference();
        Generator.manualSeed(seed(ref, "seed.construct"));
        LazyLinear layer = new LazyLinear(8);
        Tensor x = ref.data("X");
        Generator.manualSeed(seed(ref, "seed.forward"));
        Tensor y = layer.forward(x);
        String hint = "at the first forward, in_features = X.size(-1) = " + x.size(x.dim() - 1) + "; register a weight ["
                + "8, in_features] then a bias [8] in place of the placeholders and initialize them as Linear does "
                + "(resetParameters: weight first, then bias, from the default generator); " + Hints.of(Exercise.E4_1);
        assertThat(layer.inFeatures()).as("LazyLinear(8).inFeatures() after forward(X) with X of shape " + x.size() + "; " + hint)
                .isEqualTo(Integer.parseInt(ref.metadata("in_features.after")));
        assertThat(layer.hasUninitializedParameters()).as("hasUninitializedParameters() after the first forward").isFalse();
        assertThat(new ArrayList<>(layer.registeredParameters().keySet()))
                .as("the registered parameters after the first forward (PyTorch's named_parameters)")
                .containsExactlyElementsOf(ref.metadataList("named_parameters.after"));
        Parameter weight = layer.registeredParameters().get("weight");
        Parameter bias = layer.registeredParameters().get("bias");
        assertThat(classNames(List.of(weight, bias))).as("the classes of the registered parameters after the first forward")
                .containsExactly("Parameter", "Parameter");
        assertThatTensor(weight.data()).named("weight drawn by torch.manual_seed(42); layer(X)").withHint(hint)
                .isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
        assertThatTensor(bias.data()).named("bias drawn by torch.manual_seed(42); layer(X)").withHint(hint)
                .isCloseTo(ref.initializer("bias"), Tolerance.EXACT);
        assertThatTensor(y).named("layer(X), the first forward").withHint("after initializing, compute as Linear.forward; " + hint)
                .isCloseTo(ref.data("Y"));
        y.sum().backward();
        assertThatTensor(weight.grad()).named("weight.grad after layer(X).sum().backward()")
                .withHint("the new weight must be a Parameter that forward uses (not its data()); " + Hints.of(Exercise.E4_1))
                .isCloseTo(ref.data("grad.weight"));
        assertThatTensor(bias.grad()).named("bias.grad after layer(X).sum().backward()")
                .withHint(Hints.of(Exercise.E4_1)).isCloseTo(ref.data("grad.bias"));
    }

    @Test
    @Graded(exercise = Exercise.E4_1, points = 1)
    @DisplayName("After its first forward, a LazyLinear prints and computes as the Linear it became")
    void afterTheFirstForwardItIsALinear() {
        ReferenceModel ref = layerReference();
        LazyLinear layer = initializedLayer(ref);
        assertThat(layer.typeName()).as("typeName() after the first forward: PyTorch turns the module into an nn.Linear; "
                + Hints.of(Exercise.E4_1)).isEqualTo(ref.metadata("type.after"));
        assertThat(leafRepr(layer)).as("typeName() + \"(\" + extraRepr() + \")\" after the first forward: PyTorch's repr")
                .isEqualTo(ref.metadata("repr.after"));
        Parameter weight = layer.registeredParameters().get("weight");
        Inputs inputs = Inputs.forTest("afterTheFirstForwardItIsALinear");
        List<Tensor> xs = new ArrayList<>();
        List<Tensor> ys = new ArrayList<>();
        for (int trial = 0; trial < 4; trial++) {
            Tensor x = inputs.uniform(-2f, 2f, inputs.batch(16), 5);
            xs.add(x);
            ys.add(layer.forward(x.clone()));
        }
        Identity.assertSame(layer.registeredParameters().get("weight"), weight,
                "a later forward must keep the weight created by the first one (initialize only once); " + Hints.of(Exercise.E4_1));
        for (int trial = 0; trial < xs.size(); trial++) {
            assertThatTensor(ys.get(trial)).named("layer(X) for X of shape " + xs.get(trial).size() + " (a later forward)")
                    .withHint("later forwards compute as Linear and draw nothing new; " + Hints.of(Exercise.E4_1))
                    .isCloseTo(ref.run(xs.get(trial)));
        }
        assertThatTensor(weight.data()).named("the weight after more forwards").withHint("initialize only once")
                .isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
        String once = "initializeParameters does nothing once the parameters are initialized (PyTorch's checks "
                + "has_uninitialized_params() first); " + Hints.of(Exercise.E4_1);
        Expect.returnedBy(() -> {
            layer.initializeParameters(Tensor.zeros(3, 6));
            return null;
        }, "layer.initializeParameters(X of shape [3, 6]) on an initialized layer", once);
        Identity.assertSame(layer.registeredParameters().get("weight"), weight,
                "the weight after initializeParameters on an initialized layer; " + once);
        assertThat(layer.inFeatures()).as("inFeatures() after initializeParameters(X of shape [3, 6]) on an initialized "
                + "layer; " + once).isEqualTo(Integer.parseInt(ref.metadata("in_features.after")));
        assertThatTensor(weight.data()).named("the weight after initializeParameters on an initialized layer")
                .withHint(once).isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
    }

    @Test
    @Graded(exercise = Exercise.E4_1, points = 1)
    @DisplayName("resetParameters does nothing before the first forward and redraws as Linear afterwards")
    void resetParametersFollowsPyTorch() {
        ReferenceModel ref = layerReference();
        LazyLinear fresh = new LazyLinear(8);
        Generator.manualSeed(seed(ref, "seed.construct"));
        fresh.resetParameters();
        assertThatTensor(Tensor.rand(3)).named("torch.rand(3) after torch.manual_seed(41); layer.reset_parameters() on a new LazyLinear")
                .withHint("PyTorch's LazyLinear.reset_parameters() draws nothing while the parameters are placeholders; "
                        + Hints.of(Exercise.E4_1))
                .isCloseTo(ref.data("rand_after_construction"), Tolerance.EXACT);
        assertThat(fresh.hasUninitializedParameters()).as("resetParameters() before the first forward leaves the placeholders").isTrue();
        LazyLinear layer = initializedLayer(ref);
        layer.registeredParameters().get("weight").data().zero_();
        Generator.manualSeed(seed(ref, "seed.forward"));
        layer.resetParameters();
        assertThatTensor(layer.registeredParameters().get("weight").data())
                .named("weight after torch.manual_seed(42); layer.reset_parameters() on the initialized layer")
                .withHint("once initialized, resetParameters() is Linear's; " + Hints.of(Exercise.E4_1))
                .isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
    }

    // --- 4.2 LazyLinear: clear errors ------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E4_2, points = 1.5)
    @DisplayName("weight() and bias() before the first forward are a clear error; afterwards the registered parameters")
    void readingAnUninitializedParameterIsAClearError() {
        ReferenceModel ref = layerReference();
        String pytorch = ref.metadata("error.uninitialized_use");
        String clause = pytorch.substring(0, pytorch.indexOf(" in "));
        for (String name : List.of("weight", "bias")) {
            LazyLinear layer = new LazyLinear(8);
            String what = "new LazyLinear(8)." + name + "() before any forward";
            String rule = "the message must say, in PyTorch's words, \"" + clause + "\" and tell to run a forward pass "
                    + "first (PyTorch: \"" + pytorch + "\"); " + Hints.of(Exercise.E4_2);
            Expect.message(IllegalStateException.class,
                            () -> { if (name.equals("weight")) { layer.weight(); } else { layer.bias(); } }, what)
                    .containsIgnoringCase(clause, rule)
                    .containsIgnoringCase("forward", rule);
        }
        LazyLinear layer = initializedLayer(ref);
        Identity.assertSame(layer.weight(), layer.registeredParameters().get("weight"),
                "after the first forward, weight() must return the registered weight, not the placeholder; "
                        + Hints.of(Exercise.E4_2));
        Identity.assertSame(layer.bias(), layer.registeredParameters().get("bias"),
                "after the first forward, bias() must return the registered bias, not the placeholder; "
                        + Hints.of(Exercise.E4_2));
    }

    @Test
    @Graded(exercise = Exercise.E4_2, points = 1)
    @DisplayName("A later input of another width is a clear error naming both shapes, and changes nothing")
    void aLaterInputOfAnotherWidthIsAnError() {
        ReferenceModel ref = layerReference();
        LazyLinear layer = initializedLayer(ref);
        Parameter weight = layer.registeredParameters().get("weight");
        List<String> shape = ref.metadataList("changed_width.shape");
        Tensor wider = Tensor.zeros(Integer.parseInt(shape.get(0)), Integer.parseInt(shape.get(1)));
        String what = "layer.forward(X) with X of shape [" + String.join(", ", shape) + "] after a first forward with in_features "
                + layer.inFeatures();
        String rule = "in_features was fixed by the first input; the message must name both shapes, the layer's width "
                + ref.metadata("in_features.after") + " and the input's [" + String.join(", ", shape) + "] (PyTorch: \""
                + ref.metadata("error.changed_width") + "\"); " + Hints.of(Exercise.E4_2);
        Expect.message(IllegalArgumentException.class, () -> layer.forward(wider), what)
                .matches("(?<![\\d.])" + ref.metadata("in_features.after") + "(?![\\d.])",
                        "the layer's width " + ref.metadata("in_features.after"), rule)
                .matches("\\[" + String.join(", ", shape) + "\\]|\\(" + String.join(", ", shape) + "\\)|"
                        + String.join(" ?x ?", shape), "the input's shape [" + String.join(", ", shape) + "]", rule);
        assertThat(layer.inFeatures()).as("inFeatures() after the refused input: a LazyLinear infers its width once")
                .isEqualTo(Integer.parseInt(ref.metadata("in_features.after")));
        Identity.assertSame(layer.registeredParameters().get("weight"), weight,
                "the refused input must not re-create the weight: a LazyLinear initializes once; " + Hints.of(Exercise.E4_2));
        assertThatTensor(weight.data()).named("the weight after the refused input").withHint("initialize only once")
                .isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
    }

    @Test
    @Graded(exercise = Exercise.E4_2, points = 0.5)
    @DisplayName("Layers of mismatched widths fail at the forward, naming the shapes; lazy layers of the same net do not")
    void mismatchedLayersFailNamingTheShapes() {
        ReferenceModel ref = netReference();
        Sequential net = new Sequential(new Linear(4, 8), new ReLU(), new Linear(5, 1));
        Tensor x = ref.data("X");
        String what = "Sequential(Linear(4, 8), ReLU(), Linear(5, 1)).forward(X) with X of shape [2, 4]";
        String rule = "the last layer expects width 5 but gets the first layer's output [2, 8]; the message must name "
                + "both (PyTorch: \"" + ref.metadata("error.mismatched_layers") + "\"). With LazyLinear layers this "
                + "cannot happen: each infers its width from what it receives; " + Hints.of(Exercise.E4_2);
        Expect.message(IllegalArgumentException.class, () -> net.forward(x), what)
                .matches("(?<![\\d.])5(?![\\d.])", "the last layer's width 5", rule)
                .matches("\\[2, 8\\]|\\(2, 8\\)|2 ?x ?8", "the shape [2, 8] it gets", rule);
        // the contrast this exercise teaches: the same net with lazy layers runs, each layer taking the width it
        // receives (and Linear's message alone, exercise 1.2, scores nothing here)
        new Sequential(new LazyLinear(8), new ReLU(), new LazyLinear(1)).forward(x);
    }

    // --- 4.3 the notebook's lazy net ---------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E4_3, points = 1)
    @DisplayName("Before its first forward, the lazy net prints, names its parameters and lists its state as PyTorch's")
    void lazyNetBeforeTheFirstForward() {
        ReferenceModel ref = netReference();
        Sequential net = LazyInitialization.net();
        assertThat(net.toString()).as("print(net) before net(X); " + Hints.of(Exercise.E4_3)).isEqualTo(ref.metadata("repr.before"));
        assertThat(new ArrayList<>(net.namedParameters().keySet()))
                .as("net.namedParameters() before net(X): PyTorch lists the placeholders (exercise 2.2); " + Hints.of(Exercise.E4_3))
                .containsExactlyElementsOf(ref.metadataList("named_parameters.before"));
        Map<String, Tensor> state = net.stateDict();
        assertThat(new ArrayList<>(state.keySet())).as("the keys of net.stateDict() before net(X) (exercise 2.4)")
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys.before"));
        assertThat(classNames(state.values()))
                .as("the classes of net.stateDict()'s values before net(X): PyTorch's state dict holds the placeholders "
                        + "themselves (UninitializedParameter.data() is the placeholder)")
                .containsExactlyElementsOf(ref.metadataList("state_dict_types.before"));
    }

    @Test
    @Graded(exercise = Exercise.E4_3, points = 2)
    @DisplayName("net(X) draws PyTorch's weights layer by layer, bit for bit, and computes PyTorch's output")
    void lazyNetFirstForwardMatchesPyTorch() {
        ReferenceModel ref = netReference();
        Generator.manualSeed(seed(ref, "seed"));
        Sequential net = LazyInitialization.net();
        Tensor x = Tensor.rand(2, 4);
        String hint = "torch.manual_seed(" + ref.metadata("seed") + "); net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), "
                + "nn.LazyLinear(1)); X = torch.rand(size=(2, 4)); net(X): building draws nothing, the forward draws "
                + "layer 0's weight and bias, then layer 2's; " + Hints.of(Exercise.E4_3);
        assertThatTensor(x).named("X = torch.rand(size=(2, 4)) drawn after building the net").withHint(hint)
                .isCloseTo(ref.data("X"), Tolerance.EXACT);
        Tensor y = net.forward(x);
        for (Map.Entry<String, Tensor> p : ref.parameters().entrySet()) {
            Parameter actual = Weights.find(net, p.getKey(), "LazyInitialization.net() after net(X)", ref.fileName());
            assertThatTensor(actual.data()).named("net's " + p.getKey() + " after the first net(X)").withHint(hint)
                    .isCloseTo(p.getValue(), Tolerance.EXACT);
        }
        assertThatTensor(y).named("net(X), the first forward").withHint(hint).isCloseTo(ref.data("Y"));
    }

    @Test
    @Graded(exercise = Exercise.E4_3, points = 1)
    @DisplayName("After net(X), the lazy net prints and computes as PyTorch's net of Linear layers")
    void lazyNetAfterTheFirstForward() {
        ReferenceModel ref = netReference();
        Sequential net = LazyInitialization.net();
        net.forward(ref.data("X"));
        assertThat(net.toString()).as("print(net) after net(X): the layers print as Linear with their inferred in_features; "
                + Hints.of(Exercise.E4_3)).isEqualTo(ref.metadata("repr"));
        assertThat(new ArrayList<>(net.namedParameters().keySet())).as("net.namedParameters() after net(X)")
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        Weights.copy(ref, net, "LazyInitialization.net() after net(X)");
        Tensor x = Inputs.forTest("lazyNetAfterTheFirstForward").uniform(0f, 1f, 7, 4);
        assertThatTensor(net.forward(x.clone())).named("net(X) for X of shape [7, 4], with PyTorch's weights")
                .withHint(Hints.of(Exercise.E4_3)).isCloseTo(ref.run(x));
    }
}

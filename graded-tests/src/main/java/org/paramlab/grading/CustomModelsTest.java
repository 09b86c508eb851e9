package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
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
import org.paramlab.grading.support.CustomStructure;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Identity;
import org.paramlab.grading.support.Inputs;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.CustomModels;
import org.paramlab.nn.FixedHiddenMLP;
import org.paramlab.nn.Module;
import org.paramlab.nn.NestMLP;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.Sequential;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 6, the notebook's custom models: {@code NestMLP}, {@code FixedHiddenMLP} (a constant
 * random weight that is not a parameter, one layer used twice, a data-dependent {@code while}
 * loop) and the {@code chimera} that nests them, with access to its parameters (the notebook's
 * exercise 1). Every expected value is PyTorch's: weights drawn from the same seed, outputs of
 * the scripted models run by ONNX Runtime (the {@code while} loop as an ONNX {@code Loop}).
 */
@Order(6)
@DisplayName("6 Custom models")
class CustomModelsTest {

    private static ReferenceModel nestReference() {
        return References.load("nest_mlp.onnx");
    }

    private static ReferenceModel fixedReference() {
        return References.load("fixed_hidden_mlp.onnx");
    }

    private static ReferenceModel chimeraReference() {
        return References.load("chimera.onnx");
    }

    private static long seed(ReferenceModel ref) {
        return Long.parseLong(ref.metadata("seed"));
    }

    /** Every parameter of {@code model} at PyTorch's names equals PyTorch's value exactly. */
    private static void assertParametersAre(Map<String, Tensor> expected, Module model, String what, String hint,
                                            String fileName) {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Parameter actual = Weights.find(model, e.getKey(), what, fileName);
            assertThatTensor(actual.data()).named(what + " parameter " + e.getKey()).withHint(hint)
                    .isCloseTo(e.getValue(), Tolerance.EXACT);
        }
    }

    /** {@code Tensor.rand(shape)} right after the model was built: PyTorch's X only if building drew nothing extra. */
    private static Tensor notebookX(ReferenceModel ref, String what, String hint) {
        Tensor expected = ref.data("X");
        Tensor x = Tensor.rand(expected.shape().toArray());
        String dims = java.util.Arrays.toString(expected.shape().toArray()).replace("[", "").replace("]", "");
        assertThatTensor(x).named("X = Tensor.rand(" + dims + ") drawn right after " + what + " was built")
                .withHint("building it must draw exactly what PyTorch's constructor draws (lazy layers draw "
                        + "nothing before their first forward); " + hint)
                .isCloseTo(expected, Tolerance.EXACT);
        return x;
    }

    private static FixedHiddenMLP asFixedHidden(Module m, String what) {
        if (!(m instanceof FixedHiddenMLP fixed)) {
            fail(what + " must be a FixedHiddenMLP but is " + Identity.describe(m));
            return null;
        }
        return fixed;
    }

    // --- 6.1 NestMLP -------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E6_1, points = 1)
    @DisplayName("NestMLP registers net (LazyLinear(64), ReLU, LazyLinear(32), ReLU) and then linear (LazyLinear(16))")
    void nestMlpHasTheNotebookStructure() {
        ReferenceModel ref = nestReference();
        String hint = "self.net = nn.Sequential(nn.LazyLinear(64), nn.ReLU(), nn.LazyLinear(32), nn.ReLU()); "
                + "self.linear = nn.LazyLinear(16); " + Hints.of(Exercise.E6_1);
        NestMLP model = new NestMLP();
        Identity.assertSame(model.registeredModules().get("net"), model.net(),
                "NestMLP.net() must be the child registered as 'net'; " + hint);
        Identity.assertSame(model.registeredModules().get("linear"), model.linear(),
                "NestMLP.linear() must be the child registered as 'linear'; " + hint);
        model.forward(ref.data("X"));
        CustomStructure.assertSameAs(model, ReferenceTree.of(ref), "new NestMLP() after forward(X of shape [2, 4])", hint);
    }

    @Test
    @Graded(exercise = Exercise.E6_1, points = 1)
    @DisplayName("NestMLP built after torch.manual_seed(60) draws PyTorch's weights at its first forward")
    void nestMlpFirstForwardDrawsPyTorchsWeights() {
        ReferenceModel ref = nestReference();
        String hint = "the first forward initializes net.0, net.2 and then linear, in the order the data reaches them; "
                + Hints.of(Exercise.E6_1);
        Generator.manualSeed(seed(ref));
        NestMLP model = new NestMLP();
        Tensor x = notebookX(ref, "NestMLP()", hint);
        Tensor y = model.forward(x);
        assertParametersAre(ref.parameters(), model, "NestMLP after torch.manual_seed(60) and its first forward", hint,
                ref.fileName());
        assertThatTensor(y).named("net(X), the first forward, on the notebook's X = torch.rand(2, 4)").withHint(hint)
                .isCloseTo(ref.data("Y"));
    }

    @Test
    @Graded(exercise = Exercise.E6_1, points = 1)
    @DisplayName("NestMLP.forward matches PyTorch on random batches")
    void nestMlpForwardMatchesPyTorch() {
        ReferenceModel ref = nestReference();
        NestMLP model = new NestMLP();
        model.forward(Tensor.zeros(1, 4));
        Weights.copy(ref, model, "NestMLP");
        Inputs inputs = Inputs.forTest("nestMlpForwardMatchesPyTorch");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.uniform(-1f, 1f, inputs.batch(8), 4);
            assertThatTensor(model.forward(x.clone())).named("NestMLP(X) for X of shape " + x.size())
                    .withHint("self.linear(self.net(X)); " + Hints.of(Exercise.E6_1)).isCloseTo(ref.run(x));
        }
    }

    // --- 6.2 FixedHiddenMLP ------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E6_2, points = 1.5)
    @DisplayName("rand_weight is torch.rand((20, 20)) drawn when FixedHiddenMLP is built, a constant without grad")
    void fixedHiddenRandWeightIsPyTorchsDraw() {
        ReferenceModel ref = fixedReference();
        String hint = "self.rand_weight = torch.rand((20, 20)) in the constructor, from the default generator, then "
                + "self.linear = nn.LazyLinear(20), which draws nothing yet; " + Hints.of(Exercise.E6_2);
        Generator.manualSeed(seed(ref));
        FixedHiddenMLP model = new FixedHiddenMLP();
        Tensor randWeight = model.randWeight();
        assertThat(randWeight).as("FixedHiddenMLP.randWeight() must not be null; " + hint).isNotNull();
        assertThatTensor(randWeight).named("rand_weight after torch.manual_seed(61)").withHint(hint)
                .isCloseTo(ref.data("rand_weight"), Tolerance.EXACT);
        assertThat(randWeight.requiresGrad())
                .as("rand_weight.requires_grad: a constant, not a parameter, so PyTorch's is "
                        + ref.metadata("rand_weight.requires_grad") + "; " + hint)
                .isFalse();
        notebookX(ref, "FixedHiddenMLP()", hint);
    }

    @Test
    @Graded(exercise = Exercise.E6_2, points = 1)
    @DisplayName("rand_weight is neither a parameter nor in the state dict: only linear.weight and linear.bias are")
    void fixedHiddenRandWeightIsNotAParameter() {
        ReferenceModel ref = fixedReference();
        String hint = "PyTorch registers only Parameters and modules; a plain tensor attribute such as rand_weight "
                + "stays out of named_parameters() and state_dict(): keep it in a field and do not register it; "
                + Hints.of(Exercise.E6_2);
        FixedHiddenMLP model = new FixedHiddenMLP();
        model.forward(ref.data("X"));
        List<String> registered = new ArrayList<>();
        collectParameterNames(model, "", registered);
        assertThat(registered).as("the parameters FixedHiddenMLP registers (through registeredParameters and "
                        + "registeredModules), compared with PyTorch's named_parameters(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        assertThat(new ArrayList<>(model.namedParameters().keySet()))
                .as("FixedHiddenMLP.namedParameters() names, compared with PyTorch's; " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        assertThat(new ArrayList<>(model.stateDict().keySet()))
                .as("FixedHiddenMLP.stateDict() keys, compared with PyTorch's state_dict(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
    }

    private static void collectParameterNames(Module m, String prefix, List<String> out) {
        m.registeredParameters().keySet().forEach(name -> out.add(prefix + name));
        m.registeredModules().forEach((name, child) -> collectParameterNames(child, prefix + name + ".", out));
    }

    @Test
    @Graded(exercise = Exercise.E6_2, points = 1)
    @DisplayName("FixedHiddenMLP's first forward initializes linear as PyTorch's does and returns PyTorch's scalar")
    void fixedHiddenFirstForwardMatchesPyTorch() {
        ReferenceModel ref = fixedReference();
        String hint = "X = linear(X); X = relu(X @ rand_weight + 1); X = linear(X); halve X while X.abs().sum() > 1; "
                + "return X.sum(); " + Hints.of(Exercise.E6_2);
        Generator.manualSeed(seed(ref));
        FixedHiddenMLP model = new FixedHiddenMLP();
        Tensor x = notebookX(ref, "FixedHiddenMLP()", hint);
        Tensor y = model.forward(x);
        Parameter weight = Weights.find(model, "linear.weight", "FixedHiddenMLP", ref.fileName());
        Parameter bias = Weights.find(model, "linear.bias", "FixedHiddenMLP", ref.fileName());
        assertThatTensor(weight.data()).named("linear.weight after the first forward (in_features = 20 from X)")
                .withHint(hint).isCloseTo(ref.data("init.linear.weight"), Tolerance.EXACT);
        assertThatTensor(bias.data()).named("linear.bias after the first forward").withHint(hint)
                .isCloseTo(ref.data("init.linear.bias"), Tolerance.EXACT);
        assertThatTensor(y).named("FixedHiddenMLP()(X) on X = torch.rand(2, 20), a scalar (PyTorch halves this X "
                + ref.metadata("halvings.data.X") + " times)").withHint(hint).hasShape().isCloseTo(ref.data("Y"));
    }

    @Test
    @Graded(exercise = Exercise.E6_2, points = 1)
    @DisplayName("The while loop halves X as often as PyTorch's: no, one and many halvings, and random scales")
    void fixedHiddenLoopMatchesPyTorch() {
        ReferenceModel ref = fixedReference();
        String hint = "while X.abs().sum() > 1: X /= 2 (in Java x = x.div(2f)); the sum runs over the whole batch, "
                + "and an input that is small enough is not halved at all; " + Hints.of(Exercise.E6_2);
        FixedHiddenMLP model = new FixedHiddenMLP();
        model.forward(Tensor.zeros(1, 20));
        model.randWeight().data().copy_(ref.data("rand_weight"));
        Weights.copy(ref, model, "FixedHiddenMLP");
        for (String kind : List.of("0", "1", "many")) {
            Tensor x = ref.data("halvings" + kind + ".X");
            assertThatTensor(model.forward(x.clone())).named("FixedHiddenMLP(X) for an X of shape " + x.size()
                            + " that PyTorch halves " + ref.metadata("halvings" + kind + ".count") + " time(s)")
                    .withHint(hint).hasShape().isCloseTo(ref.run(x));
        }
        Inputs inputs = Inputs.forTest("fixedHiddenLoopMatchesPyTorch");
        for (int trial = 0; trial < 12; trial++) {
            float scale = (float) Math.pow(10, inputs.uniform(-3f, 5f, 1).item());
            Tensor x = inputs.uniform(-1f, 1f, inputs.batch(4), 20).mul(scale);
            assertThatTensor(model.forward(x.clone())).named("FixedHiddenMLP(X) for X of shape " + x.size() + " and scale "
                            + Tolerance.format(scale))
                    .withHint(hint).isCloseTo(ref.run(x));
        }
    }

    @Test
    @Graded(exercise = Exercise.E6_2, points = 0.5)
    @DisplayName("Autograd reaches linear through both of its uses and the loop: its gradient is PyTorch's")
    void fixedHiddenGradientMatchesPyTorch() {
        ReferenceModel ref = fixedReference();
        String hint = "compute with the tensors themselves, not their data(), and halve with x = x.div(2f) so that "
                + "autograd records it; linear's gradient is the sum of its two uses; " + Hints.of(Exercise.E6_2);
        Generator.manualSeed(seed(ref));
        FixedHiddenMLP model = new FixedHiddenMLP();
        Tensor y = model.forward(Tensor.rand(ref.data("X").shape().toArray()));
        assertThat(y.requiresGrad()).as("FixedHiddenMLP(X).requiresGrad(): the output must be differentiable; " + hint)
                .isTrue();
        y.backward();
        Parameter weight = Weights.find(model, "linear.weight", "FixedHiddenMLP", ref.fileName());
        Parameter bias = Weights.find(model, "linear.bias", "FixedHiddenMLP", ref.fileName());
        assertThatTensor(weight.grad()).named("linear.weight.grad after FixedHiddenMLP()(X).backward()").withHint(hint)
                .isCloseTo(ref.data("grad.linear.weight"));
        assertThatTensor(bias.grad()).named("linear.bias.grad after FixedHiddenMLP()(X).backward()").withHint(hint)
                .isCloseTo(ref.data("grad.linear.bias"));
    }

    // --- 6.3 chimera ---------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E6_3, points = 2)
    @DisplayName("chimera built after torch.manual_seed(62) has PyTorch's structure, weights and output")
    void chimeraMatchesPyTorch() {
        ReferenceModel ref = chimeraReference();
        String hint = "chimera = nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP()); "
                + Hints.of(Exercise.E6_3);
        Generator.manualSeed(seed(ref));
        Sequential chimera = CustomModels.chimera();
        Tensor x = notebookX(ref, "chimera", hint);
        Tensor y = chimera.forward(x);
        CustomStructure.assertSameAs(chimera, ReferenceTree.of(ref), "chimera after its first forward", hint);
        FixedHiddenMLP fixed = asFixedHidden(chimera.registeredModules().get("2"), "chimera[2]");
        assertThatTensor(fixed.randWeight()).named("chimera[2].rand_weight").withHint(hint)
                .isCloseTo(ref.data("2.rand_weight"), Tolerance.EXACT);
        assertParametersAre(ref.parameters(), chimera, "chimera after torch.manual_seed(62) and its first forward",
                hint, ref.fileName());
        assertThatTensor(y).named("chimera(X) on the notebook's X = torch.rand(2, 4), a scalar").withHint(hint)
                .hasShape().isCloseTo(ref.data("Y"));
    }

    @Test
    @Graded(exercise = Exercise.E6_3, points = 1)
    @DisplayName("chimera computes what PyTorch's does on random batches")
    void chimeraForwardMatchesPyTorch() {
        ReferenceModel ref = chimeraReference();
        Sequential chimera = CustomModels.chimera();
        chimera.forward(Tensor.zeros(1, 4));
        Weights.copy(ref, chimera, "chimera");
        asFixedHidden(chimera.registeredModules().get("2"), "chimera[2]").randWeight().data().copy_(ref.data("2.rand_weight"));
        Inputs inputs = Inputs.forTest("chimeraForwardMatchesPyTorch");
        for (int trial = 0; trial < 6; trial++) {
            float scale = (float) Math.pow(10, inputs.uniform(-1f, 3f, 1).item());
            Tensor x = inputs.uniform(0f, 1f, inputs.batch(4), 4).mul(scale);
            assertThatTensor(chimera.forward(x.clone())).named("chimera(X) for X of shape " + x.size() + " and scale "
                            + Tolerance.format(scale))
                    .withHint("NestMLP, then LazyLinear(20), then FixedHiddenMLP; " + Hints.of(Exercise.E6_3))
                    .isCloseTo(ref.run(x));
        }
    }

    @Test
    @Graded(exercise = Exercise.E6_3, points = 1)
    @DisplayName("Access into chimera: chimera[0].state_dict(), chimera[2].state_dict(), named_parameters, "
            + "chimera[0].net[0].weight, chimera[2].linear.bias")
    void chimeraParameterAccessMatchesPyTorch() {
        ReferenceModel ref = chimeraReference();
        String hint = Hints.of(Exercise.E6_3);
        Generator.manualSeed(seed(ref));
        Sequential chimera = CustomModels.chimera();
        chimera.forward(Tensor.rand(ref.data("X").shape().toArray()));
        Map<String, Tensor> parameters = ref.parameters();

        Parameter first = CustomModels.nestFirstWeight(chimera);
        Identity.assertSame(first, Weights.find(chimera, "0.net.0.weight", "chimera", ref.fileName()),
                "CustomModels.nestFirstWeight(chimera) must be chimera[0].net[0].weight itself; " + hint);
        Parameter bias = CustomModels.fixedHiddenBias(chimera);
        Identity.assertSame(bias, Weights.find(chimera, "2.linear.bias", "chimera", ref.fileName()),
                "CustomModels.fixedHiddenBias(chimera) must be chimera[2].linear.bias itself; " + hint);

        for (int child : new int[] {0, 2}) {
            Map<String, Tensor> state = chimera.<Module>get(child).stateDict();
            assertThat(new ArrayList<>(state.keySet()))
                    .as("chimera[" + child + "].state_dict() keys, compared with PyTorch's"
                            + (child == 2 ? " (rand_weight is not in it)" : "") + "; " + hint)
                    .containsExactlyElementsOf(ref.metadataList(child + ".state_dict_keys"));
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                assertThatTensor(e.getValue()).named("chimera[" + child + "].state_dict()['" + e.getKey() + "']")
                        .withHint(hint).isCloseTo(parameters.get(child + "." + e.getKey()), Tolerance.EXACT);
            }
        }
        assertThat(new ArrayList<>(chimera.namedParameters().keySet()))
                .as("chimera.namedParameters() names, compared with PyTorch's named_parameters(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        assertThat(new ArrayList<>(chimera.stateDict().keySet()))
                .as("chimera.stateDict() keys, compared with PyTorch's state_dict(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
    }
}

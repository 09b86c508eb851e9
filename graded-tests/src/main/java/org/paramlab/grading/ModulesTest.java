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
import org.paramlab.grading.support.ReferenceLinear;
import org.paramlab.grading.support.ReferenceReLU;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.ParameterManagement;
import org.paramlab.nn.ReLU;
import org.paramlab.nn.Sequential;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 1, modules: building the notebook's {@code net} and {@code rgnet} from {@code Linear},
 * {@code ReLU} and {@code Sequential}, and printing them as PyTorch does. Every expected value
 * is PyTorch's, read from the reference models or computed from them by ONNX Runtime.
 *
 * <p>Long on purpose: one graded test class per notebook section: its tests are that section's exercises, in the
 * notebook's order, and the report groups them by class; helpers it shares with other sections live in
 * grading.support.
 */
@Order(1)
@DisplayName("1 Modules")
class ModulesTest {

    private static ReferenceModel linearReference() {
        return References.load("linear.onnx");
    }

    private static ReferenceModel netReference() {
        return References.load("net.onnx");
    }

    private static ReferenceModel rgnetReference() {
        return References.load("rgnet.onnx");
    }

    // --- 1.1 Linear: parameters -----------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_1, points = 1)
    @DisplayName("Linear(4, 8) registers weight [8, 4] then bias [8] as parameters")
    void linearRegistersWeightThenBias() {
        ReferenceModel ref = linearReference();
        Linear layer = new Linear(4, 8);
        assertThat(new ArrayList<>(layer.registeredParameters().keySet()))
                .as("the names a Linear registers, in order (PyTorch's named_parameters of nn.Linear(4, 8)); "
                        + Hints.of(Exercise.E1_1))
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        assertThat(layer.weight().shape().toArray())
                .as("Linear(4, 8).weight().shape(): PyTorch's weight is [out_features, in_features]; " + Hints.of(Exercise.E1_1))
                .containsExactly(ref.initializer("weight").shape().toArray());
        assertThat(layer.bias().shape().toArray()).as("Linear(4, 8).bias().shape()").containsExactly(ref.initializer("bias").shape().toArray());
        Identity.assertSame(layer.registeredParameters().get("weight"), layer.weight(),
                "weight() must return the registered parameter itself");
        Identity.assertSame(layer.registeredParameters().get("bias"), layer.bias(),
                "bias() must return the registered parameter itself");
        assertThat(layer.weight().requiresGrad() && layer.weight().isLeaf())
                .as("the weight is a Parameter: a leaf that requires grad").isTrue();
        assertThat(layer.weight().grad()).as("a new layer's weight has no gradient yet (grad() is null)").isNull();
        Expect.thrownBy(IllegalArgumentException.class, () -> new Linear(0, 8),
                "new Linear(0, 8): in_features must be positive (" + Hints.of(Exercise.E1_1) + ")");
        Expect.thrownBy(IllegalArgumentException.class, () -> new Linear(4, -1),
                "new Linear(4, -1): out_features must be positive (" + Hints.of(Exercise.E1_1) + ")");
    }

    @Test
    @Graded(exercise = Exercise.E1_1, points = 0.5)
    @DisplayName("Linear's default initialization draws PyTorch's numbers from the same seed")
    void linearDefaultInitializationMatchesPyTorch() {
        ReferenceModel ref = linearReference();
        Generator.manualSeed(Long.parseLong(ref.metadata("seed.linear4x8")));
        Linear layer = new Linear(4, 8);
        String hint = "kaiming-uniform bound sqrt(3) * sqrt(2 / 6) / sqrt(in_features) for the weight, then "
                + "1 / sqrt(in_features) for the bias, weight first; " + Hints.of(Exercise.E1_1);
        assertThatTensor(layer.weight().data()).named("torch.manual_seed(3); nn.Linear(4, 8).weight").withHint(hint)
                .isCloseTo(ref.initializer("weight"), Tolerance.EXACT);
        assertThatTensor(layer.bias().data()).named("torch.manual_seed(3); nn.Linear(4, 8).bias").withHint(hint)
                .isCloseTo(ref.initializer("bias"), Tolerance.EXACT);
        Generator.manualSeed(Long.parseLong(ref.metadata("seed.linear8x1")));
        Linear small = new Linear(8, 1);
        assertThatTensor(small.weight().data()).named("torch.manual_seed(4); nn.Linear(8, 1).weight").withHint(hint)
                .isCloseTo(ref.data("linear8x1.weight"), Tolerance.EXACT);
        assertThatTensor(small.bias().data()).named("torch.manual_seed(4); nn.Linear(8, 1).bias").withHint(hint)
                .isCloseTo(ref.data("linear8x1.bias"), Tolerance.EXACT);
    }

    // --- 1.2 Linear.forward ----------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.5)
    @DisplayName("Linear(4, 8).forward matches PyTorch on random batches")
    void linearForwardMatchesPyTorch() {
        ReferenceModel ref = linearReference();
        Linear layer = new Linear(4, 8);
        layer.weight().data().copy_(ref.initializer("weight"));
        layer.bias().data().copy_(ref.initializer("bias"));
        Inputs inputs = Inputs.forTest("linearForwardMatchesPyTorch");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.uniform(-2f, 2f, inputs.batch(16), 4);
            Tensor original = x.clone();
            Tensor expected = ref.run(x);
            assertThatTensor(layer.forward(x)).named("Linear(4, 8).forward(X) for X of shape " + x.size())
                    .withHint("y = x W^T + b; " + Hints.of(Exercise.E1_2))
                    .isCloseTo(expected);
            assertThatTensor(x).named("X after Linear(4, 8).forward(X)")
                    .withHint("Linear.forward must not change its input: compute a new tensor; " + Hints.of(Exercise.E1_2))
                    .isCloseTo(original, Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.75)
    @DisplayName("Linear.forward lets autograd reach the weight and bias")
    void linearForwardIsDifferentiable() {
        ReferenceModel ref = linearReference();
        Linear layer = new Linear(4, 8);
        layer.weight().data().copy_(ref.initializer("weight"));
        layer.bias().data().copy_(ref.initializer("bias"));
        Tensor y = layer.forward(ref.data("X"));
        assertThat(y.requiresGrad())
                .as("the output of Linear.forward must require grad: compute it from weight() and bias(), not their data(); "
                        + Hints.of(Exercise.E1_2))
                .isTrue();
        y.sum().backward();
        assertThatTensor(layer.weight().grad()).named("weight.grad after linear(X).sum().backward()")
                .withHint(Hints.of(Exercise.E1_2)).isCloseTo(ref.data("grad.weight"));
        assertThatTensor(layer.bias().grad()).named("bias.grad after linear(X).sum().backward()")
                .withHint(Hints.of(Exercise.E1_2)).isCloseTo(ref.data("grad.bias"));
    }

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.5)
    @DisplayName("Linear.forward refuses an input of the wrong width or rank, naming the width it expects and the shape")
    void linearForwardRejectsTheWrongWidth() {
        Linear layer = new Linear(5, 7);
        Tensor x = Tensor.zeros(2, 3);
        String what = "Linear(5, 7).forward(X) with X of shape [2, 3]";
        String rule = "the message names both shapes: the width the layer expects (in_features = 5) and the shape of X, "
                + "so that the student reading it sees which layer and which input disagree; " + Hints.of(Exercise.E1_2);
        Expect.message(IllegalArgumentException.class, () -> layer.forward(x), what)
                .matches("(?<![\\d.])5(?![\\d.])", "the layer's width 5 (in_features)", rule)
                .matches("\\[2, 3\\]|\\(2, 3\\)|2 ?x ?3", "X's shape [2, 3]", rule);
        Tensor flat = Tensor.zeros(5);
        Expect.message(IllegalArgumentException.class, () -> layer.forward(flat),
                        "Linear(5, 7).forward(X) with a 1-D X of shape [5]")
                .matches("\\[5\\]|\\(5,?\\)", "X's shape [5]",
                        "Linear.forward takes a batch [batch, in_features]: a 1-D input is refused, naming its shape; "
                                + Hints.of(Exercise.E1_2));
    }

    // --- 1.3 ReLU.forward ---------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_3, points = 0.25)
    @DisplayName("ReLU.forward matches PyTorch on random inputs of both signs")
    void reluMatchesPyTorch() {
        ReferenceModel ref = References.load("relu.onnx");
        ReLU relu = new ReLU();
        assertThatTensor(relu.forward(ref.data("X"))).named("ReLU()(X) on the exported X")
                .withHint(Hints.of(Exercise.E1_3)).isCloseTo(ref.data("Y"), Tolerance.EXACT);
        Inputs inputs = Inputs.forTest("reluMatchesPyTorch");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.normal(inputs.batch(8), 8);
            Tensor expected = ref.run(x);
            assertThatTensor(relu.forward(x.clone())).named("ReLU()(X) for X of shape " + x.size())
                    .withHint("max(x, 0), element-wise; " + Hints.of(Exercise.E1_3))
                    .isCloseTo(expected, Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E1_3, points = 0.25)
    @DisplayName("ReLU.forward leaves its input unchanged and lets the gradient flow back to it, as PyTorch's")
    void reluLeavesItsInputAndPassesTheGradient() {
        ReferenceModel ref = References.load("relu.onnx");
        ReLU relu = new ReLU();
        Tensor x = ref.data("X");
        Tensor original = x.clone();
        relu.forward(x);
        assertThatTensor(x).named("X after ReLU()(X)")
                .withHint("relu must not change its input: return a new tensor (x.relu()), not x edited in place; "
                        + Hints.of(Exercise.E1_3))
                .isCloseTo(original, Tolerance.EXACT);
        Parameter leaf = new Parameter(original.clone());
        Tensor y = relu.forward(leaf);
        assertThat(y.requiresGrad())
                .as("ReLU()(X) for X of shape " + x.size() + " that requires grad must require grad too: relu must let the "
                        + "gradient flow back "
                        + "to its input (compute it from x, not from x.data() or copied numbers); " + Hints.of(Exercise.E1_3))
                .isTrue();
        y.sum().backward();
        assertThatTensor(leaf.grad()).named("X.grad after ReLU()(X).sum().backward()")
                .withHint("relu must let the gradient flow back to its input: 1 where x > 0, 0 elsewhere; "
                        + Hints.of(Exercise.E1_3))
                .isCloseTo(ref.data("grad.X"), Tolerance.EXACT);
    }

    // --- 1.4 Sequential ----------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_4, points = 0.5)
    @DisplayName("Sequential(a, b, c) registers its modules as children 0, 1, 2")
    void sequentialNamesChildrenByPosition() {
        ReferenceModel ref = netReference();
        Module a = new ReferenceLinear(ref.initializer("0.weight"), ref.initializer("0.bias"));
        Module b = new ReferenceReLU();
        Module c = new ReferenceLinear(ref.initializer("2.weight"), ref.initializer("2.bias"));
        Sequential net = new Sequential(a, b, c);
        assertThat(new ArrayList<>(net.registeredModules().keySet()))
                .as("the names Sequential gives its children (PyTorch's named_children of net); " + Hints.of(Exercise.E1_4))
                .containsExactlyElementsOf(ref.metadataList("named_children"));
        List<Module> children = new ArrayList<>(net.registeredModules().values());
        Identity.assertSame(children.get(0), a, "child 0 must be the first module passed to the constructor, child 1 the "
                + "second, ...: the children keep the order of the arguments; " + Hints.of(Exercise.E1_4));
        assertThat(net.size()).as("len(net)").isEqualTo(3);

        // The tied network: one module object at positions 2 and 4 (PyTorch's tree of tied.onnx).
        ReferenceTree tied = ReferenceTree.of(References.load("tied.onnx"));
        List<Module> registrations = new ArrayList<>(tied.root().registeredModules().values());
        Sequential shared = new Sequential(registrations.toArray(new Module[0]));
        String hint = "the same module object may appear at several positions, and each position is a child: "
                + "PyTorch's tied network has one Linear at positions 2 and 4; " + Hints.of(Exercise.E1_4);
        assertThat(new ArrayList<>(shared.registeredModules().keySet()))
                .as("the names Sequential gives 7 modules, the one at positions 2 and 4 being the same object; " + hint)
                .containsExactlyElementsOf(new ArrayList<>(tied.root().registeredModules().keySet()));
        assertThat(shared.size())
                .as("len(net) of the tied network: len counts every registration, so the layer at positions 2 and 4 "
                        + "counts twice (PyTorch's len(net) is " + registrations.size() + "); " + hint)
                .isEqualTo(registrations.size());
        Identity.assertSame(shared.get(4), registrations.get(4),
                "net.get(4) of the tied network must be the module passed at position 4, the same object as net.get(2) "
                        + "(get counts positions among every registration); " + hint);
        Identity.assertSame(shared.get(-1), registrations.get(registrations.size() - 1),
                "net.get(-1) of the tied network must be its last registration, position " + (registrations.size() - 1)
                        + " (negative positions count from the end of every registration)"
                        + "; " + hint);
    }

    @Test
    @Graded(exercise = Exercise.E1_4, points = 0.5)
    @DisplayName("Sequential.forward chains its children as PyTorch's net does")
    void sequentialForwardChainsChildren() {
        ReferenceModel ref = netReference();
        Sequential net = new Sequential(
                new ReferenceLinear(ref.initializer("0.weight"), ref.initializer("0.bias")),
                new ReferenceReLU(),
                new ReferenceLinear(ref.initializer("2.weight"), ref.initializer("2.bias")));
        Inputs inputs = Inputs.forTest("sequentialForwardChainsChildren");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.uniform(0f, 1f, inputs.batch(16), 4);
            String hint = "feed each child's output to the next, in registration order; " + Hints.of(Exercise.E1_4);
            Tensor original = x.clone();
            assertThatTensor(Expect.returnedBy(() -> net.forward(x), "net(X) for X of shape " + x.size(), hint))
                    .named("net(X) for X of shape " + x.size()).withHint(hint)
                    .isCloseTo(ref.run(original));
            assertThatTensor(x).named("X after net(X)")
                    .withHint("Sequential.forward must not change its input; " + Hints.of(Exercise.E1_4))
                    .isCloseTo(original, Tolerance.EXACT);
        }
        // A module registered at two positions runs at both: PyTorch's tied network.
        ReferenceModel tied = References.load("tied.onnx");
        ReferenceLinear sharedLayer = new ReferenceLinear(tied.initializer("2.weight"), tied.initializer("2.bias"));
        Sequential twice = new Sequential(
                new ReferenceLinear(tied.initializer("0.weight"), tied.initializer("0.bias")), new ReferenceReLU(),
                sharedLayer, new ReferenceReLU(), sharedLayer, new ReferenceReLU(),
                new ReferenceLinear(tied.initializer("6.weight"), tied.initializer("6.bias")));
        Tensor x = inputs.uniform(0f, 1f, inputs.batch(16), 4);
        String hint = "forward runs every registration in order: the layer at positions 2 and 4 is applied twice, as "
                + "in PyTorch's tied network; " + Hints.of(Exercise.E1_4);
        assertThatTensor(Expect.returnedBy(() -> twice.forward(x.clone()), "tied(X) for X of shape " + x.size(), hint))
                .named("the tied network's net(X) for X of shape " + x.size()).withHint(hint)
                .isCloseTo(tied.run(x));
    }

    @Test
    @Graded(exercise = Exercise.E1_4, points = 1)
    @DisplayName("Sequential.get indexes by position, nested and negative, as rgnet[0][1][0]")
    void sequentialGetIndexesByPosition() {
        ReferenceModel ref = rgnetReference();
        // rgnet's structure with the student's Sequential and the grader's leaves.
        ReferenceTree tree = ReferenceTree.of(ref);
        Sequential block2 = new Sequential();
        for (int i = 0; i < 4; i++) {
            String p = "0.block" + i + ".";
            block2.addModule("block" + i, new Sequential(
                    tree.module(p + "0"), tree.module(p + "1"), tree.module(p + "2"), tree.module(p + "3")));
        }
        Sequential rgnet = new Sequential(block2, tree.module("1"));
        Map<Module, String> path = tree.pathsByModule();
        String position = "the position among the registered children, in the order they were passed or added; "
                + Hints.of(Exercise.E1_4);
        assertThat(path.get(Expect.returnedBy(() -> rgnet.get(0, 1, 0), "rgnet.get(0, 1, 0)", position)))
                .as("rgnet.get(0, 1, 0) is PyTorch's rgnet[0][1][0]: " + position)
                .isEqualTo(ref.metadata("index.0,1,0"));
        assertThat(path.get(rgnet.get(-1)))
                .as("rgnet.get(-1) is PyTorch's rgnet[-1]: negative positions count from the end")
                .isEqualTo(ref.metadata("index.-1"));
        assertThat(path.get(block2.get(-4, 0)))
                .as("block2.get(-4, 0) is rgnet[0][-4][0]: -4 is the first of its 4 blocks (negative positions count "
                        + "from the end, down to -len)")
                .isEqualTo("0.block0.0");
        String rule = "an index out of range is refused with a message that names the position and the number of "
                + "children, so that the mistake is plain; " + Hints.of(Exercise.E1_4);
        Expect.message(IndexOutOfBoundsException.class, () -> rgnet.get(5), "rgnet.get(5) on a Sequential of 2 modules")
                .matches("(?<!\\d)5(?!\\d)", "the position 5", rule)
                .matches("(?<!\\d)2(?!\\d)", "the number of children, 2", rule);
        Expect.message(IndexOutOfBoundsException.class, () -> block2.get(-7), "block2.get(-7) on a Sequential of 4 modules")
                .matches("-7", "the position -7", rule)
                .matches("(?<!\\d)4(?!\\d)", "the number of children, 4", rule);
        Expect.thrownBy(IllegalArgumentException.class, () -> rgnet.get(),
                "rgnet.get() with no position: the path is empty (" + Hints.of(Exercise.E1_4) + ")");
        Expect.thrownBy(IllegalArgumentException.class, () -> rgnet.get(1, 0),
                "rgnet.get(1, 0): rgnet[1] is a Linear, not a Sequential, so it cannot be indexed (PyTorch: 'Linear' "
                        + "object is not subscriptable; " + Hints.of(Exercise.E1_4) + ")");
    }

    // --- 1.5 printing ------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_5, points = 1)
    @DisplayName("ReLU() and Linear(4, 8) print as PyTorch prints them")
    void leafModulesPrintLikePyTorch() {
        ReferenceModel ref = netReference();
        assertThat(new ReLU().toString()).as("ReLU().toString(); " + Hints.of(Exercise.E1_5))
                .isEqualTo(ref.metadata("relu.repr"));
        assertThat(new Linear(4, 8).toString()).as("Linear(4, 8).toString(); " + Hints.of(Exercise.E1_5))
                .isEqualTo(ref.metadata("first_layer.repr"));
        assertThat(new Linear(8, 1).extraRepr()).as("Linear(8, 1).extraRepr()")
                .isEqualTo(between(ref.metadata("last_layer.repr")));
    }

    @Test
    @Graded(exercise = Exercise.E1_5, points = 0.5)
    @DisplayName("print(net) and print(rgnet) match PyTorch's repr, nesting included")
    void containersPrintLikePyTorch() {
        ReferenceModel net = netReference();
        Sequential built = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 1));
        assertThat(built.toString()).as("print(net); " + Hints.of(Exercise.E1_5)).isEqualTo(net.metadata("repr"));
        ReferenceModel rg = rgnetReference();
        Sequential block2 = new Sequential();
        for (int i = 0; i < 4; i++) {
            block2.addModule("block" + i, new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 4), new ReLU()));
        }
        Sequential rgnet = new Sequential(block2, new Linear(4, 1));
        assertThat(rgnet.toString()).as("print(rgnet): children indent by two more spaces per level; " + Hints.of(Exercise.E1_5))
                .isEqualTo(rg.metadata("repr"));
        assertThat(new Sequential().toString()).as("an empty Sequential prints as Sequential()").isEqualTo("Sequential()");
        ReferenceModel tied = References.load("tied.onnx");
        Linear shared = new Linear(8, 8);
        Sequential tiedNet = new Sequential(new Linear(4, 8), new ReLU(), shared, new ReLU(), shared, new ReLU(),
                new Linear(8, 1));
        assertThat(tiedNet.toString())
                .as("print(net) of the tied network: every registration is printed, the shared layer at (2) and again at "
                        + "(4); " + Hints.of(Exercise.E1_5))
                .isEqualTo(tied.metadata("repr"));
    }

    /** {@code Linear(in_features=8, out_features=1, bias=True)} -> the text between the parentheses. */
    private static String between(String repr) {
        return repr.substring(repr.indexOf('(') + 1, repr.lastIndexOf(')'));
    }

    // --- 1.6 the notebook's models -----------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_6, points = 1.5)
    @DisplayName("ParameterManagement.net() is the notebook's net and computes what PyTorch's does")
    void notebookNetMatchesPyTorch() {
        ReferenceModel ref = netReference();
        Sequential net = ParameterManagement.net();
        assertStructure(net, ReferenceTree.of(ref), "ParameterManagement.net()");
        Weights.copy(ref, net, "ParameterManagement.net()");
        assertThatTensor(net.forward(ref.data("X"))).named("net(X) on the notebook's X = torch.rand(2, 4)")
                .withHint(Hints.of(Exercise.E1_6)).isCloseTo(ref.data("Y"));
        Tensor x = Inputs.forTest("notebookNetMatchesPyTorch").uniform(0f, 1f, 7, 4);
        assertThatTensor(net.forward(x.clone())).named("net(X) for X of shape [7, 4]").withHint(Hints.of(Exercise.E1_6))
                .isCloseTo(ref.run(x));
    }

    @Test
    @Graded(exercise = Exercise.E1_6, points = 1.5)
    @DisplayName("block1(), block2() and rgnet() have the notebook's structure, and rgnet computes what PyTorch's does")
    void notebookRgnetMatchesPyTorch() {
        ReferenceModel ref = rgnetReference();
        assertStructure(ParameterManagement.block1(), ReferenceTree.of(ref, "block1.tree"), "ParameterManagement.block1()");
        assertStructure(ParameterManagement.block2(), ReferenceTree.of(ref, "block2.tree"), "ParameterManagement.block2()");
        Sequential rgnet = ParameterManagement.rgnet();
        assertStructure(rgnet, ReferenceTree.of(ref), "ParameterManagement.rgnet()");
        Weights.copy(ref, rgnet, "ParameterManagement.rgnet()");
        assertThatTensor(rgnet.forward(ref.data("X"))).named("rgnet(X) on the notebook's X")
                .withHint(Hints.of(Exercise.E1_6)).isCloseTo(ref.data("Y"));
        Tensor x = Inputs.forTest("notebookRgnetMatchesPyTorch").uniform(0f, 1f, 5, 4);
        assertThatTensor(rgnet.forward(x.clone())).named("rgnet(X) for X of shape [5, 4]").withHint(Hints.of(Exercise.E1_6))
                .isCloseTo(ref.run(x));
    }

    /**
     * Compares the registration tree of {@code actual} with PyTorch's, module by module: names,
     * order, class names and parameter shapes, through the given registration maps only.
     */
    private static void assertStructure(Module actual, ReferenceTree expected, String what) {
        List<String> actualLines = new ArrayList<>();
        describe(actual, "", actualLines);
        List<String> expectedLines = new ArrayList<>();
        describe(expected.root(), "", expectedLines);
        assertThat(actualLines)
                .as(what + ": every module (path: class) and parameter (path: shape) in registration order, "
                        + "compared with PyTorch's; " + Hints.of(Exercise.E1_6))
                .containsExactlyElementsOf(expectedLines);
        assertSameSharing(actual, expected, what);
    }

    /**
     * The walk above reads registrations only, so one object registered at four places would pass it:
     * here every two paths must be the same object exactly when they are one object in PyTorch's model.
     */
    private static void assertSameSharing(Module actual, ReferenceTree expected, String what) {
        Map<String, Module> actualPaths = new java.util.LinkedHashMap<>();
        registrations(actual, "", actualPaths);
        Map<String, Module> expectedPaths = new java.util.LinkedHashMap<>();
        registrations(expected.root(), "", expectedPaths);
        List<String> paths = new ArrayList<>(expectedPaths.keySet());
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                String p = paths.get(i);
                String q = paths.get(j);
                boolean samePyTorch = expectedPaths.get(p) == expectedPaths.get(q);
                if (samePyTorch) {
                    Identity.assertSame(actualPaths.get(q), actualPaths.get(p), what + ": '" + p + "' and '" + q
                            + "' must be the same module object, as in PyTorch's model; " + Hints.of(Exercise.E1_6));
                } else if (actualPaths.get(p) == actualPaths.get(q)) {
                    String distinct = p.matches("(.*\\.)?block\\d") && q.matches("(.*\\.)?block\\d")
                            ? "block2() must add four distinct block1() objects: call block1() once per block, or the "
                                    + "four blocks are one object sharing one set of weights"
                            : "they are two distinct modules in PyTorch's model, each with weights of its own";
                    Identity.assertDistinct(actualPaths.get(p), actualPaths.get(q), what + ": '" + p + "' and '" + q
                            + "' are the same object, but " + distinct + "; " + Hints.of(Exercise.E1_6));
                }
            }
        }
    }

    private static void registrations(Module m, String path, Map<String, Module> out) {
        out.put(path, m);
        for (Map.Entry<String, Module> c : m.registeredModules().entrySet()) {
            registrations(c.getValue(), path.isEmpty() ? c.getKey() : path + "." + c.getKey(), out);
        }
    }

    private static void describe(Module m, String path, List<String> out) {
        String type = m instanceof ReferenceTree.Node ? ((ReferenceTree.Node) m).pytorchType() : m.getClass().getSimpleName();
        out.add("module '" + path + "': " + type);
        for (Map.Entry<String, Parameter> p : m.registeredParameters().entrySet()) {
            out.add("parameter '" + (path.isEmpty() ? "" : path + ".") + p.getKey() + "': " + p.getValue().size());
        }
        for (Map.Entry<String, Module> c : m.registeredModules().entrySet()) {
            describe(c.getValue(), path.isEmpty() ? c.getKey() : path + "." + c.getKey(), out);
        }
    }
}

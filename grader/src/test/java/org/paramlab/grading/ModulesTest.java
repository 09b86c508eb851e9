package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grader.reference.Tolerance;
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
        assertThat(layer.weight().shape())
                .as("Linear(4, 8).weight().shape(): PyTorch's weight is [out_features, in_features]; " + Hints.of(Exercise.E1_1))
                .containsExactly(ref.initializer("weight").shape());
        assertThat(layer.bias().shape()).as("Linear(4, 8).bias().shape()").containsExactly(ref.initializer("bias").shape());
        Identity.assertSame(layer.registeredParameters().get("weight"), layer.weight(),
                "weight() must return the registered parameter itself");
        Identity.assertSame(layer.registeredParameters().get("bias"), layer.bias(),
                "bias() must return the registered parameter itself");
        assertThat(layer.weight().requiresGrad() && layer.weight().isLeaf())
                .as("the weight is a Parameter: a leaf that requires grad").isTrue();
        assertThat(layer.weight().grad()).as("a new layer's weight has no gradient yet (grad() is null)").isNull();
    }

    @Test
    @Graded(exercise = Exercise.E1_1, points = 1.5)
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
    @Graded(exercise = Exercise.E1_2, points = 1.5)
    @DisplayName("Linear(4, 8).forward matches PyTorch on random batches")
    void linearForwardMatchesPyTorch() {
        ReferenceModel ref = linearReference();
        Linear layer = new Linear(4, 8);
        layer.weight().data().copy_(ref.initializer("weight"));
        layer.bias().data().copy_(ref.initializer("bias"));
        Inputs inputs = Inputs.forTest("linearForwardMatchesPyTorch");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.uniform(-2f, 2f, inputs.batch(16), 4);
            Tensor expected = ref.run(x);
            assertThatTensor(layer.forward(x)).named("Linear(4, 8).forward(X) for X of shape " + x.size())
                    .withHint("y = x W^T + b; " + Hints.of(Exercise.E1_2))
                    .isCloseTo(expected);
        }
    }

    @Test
    @Graded(exercise = Exercise.E1_2, points = 1)
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
    @DisplayName("Linear.forward refuses an input of the wrong width, naming the shapes")
    void linearForwardRejectsTheWrongWidth() {
        Linear layer = new Linear(4, 8);
        Tensor x = Tensor.zeros(2, 3);
        String what = "Linear(4, 8).forward(X) with X of shape [2, 3]";
        assertThat(Expect.thrownBy(IllegalArgumentException.class, () -> layer.forward(x), what))
                .as(what + ": the message must name the expected width 4 and the shape [2, 3]; " + Hints.of(Exercise.E1_2))
                .hasMessageContaining("4")
                .hasMessageFindingMatch("\\[?2, 3\\]?");
    }

    // --- 1.3 ReLU.forward ---------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_3, points = 1)
    @DisplayName("ReLU.forward matches PyTorch on random inputs of both signs")
    void reluMatchesPyTorch() {
        ReferenceModel ref = References.load("relu.onnx");
        ReLU relu = new ReLU();
        assertThatTensor(relu.forward(ref.data("X"))).named("ReLU()(X) on the exported X")
                .withHint(Hints.of(Exercise.E1_3)).isCloseTo(ref.data("Y"), Tolerance.EXACT);
        Inputs inputs = Inputs.forTest("reluMatchesPyTorch");
        for (int trial = 0; trial < 5; trial++) {
            Tensor x = inputs.normal(inputs.batch(8), 8);
            assertThatTensor(relu.forward(x.clone())).named("ReLU()(X) for X of shape " + x.size())
                    .withHint("max(x, 0), element-wise; " + Hints.of(Exercise.E1_3))
                    .isCloseTo(ref.run(x), Tolerance.EXACT);
        }
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
        Identity.assertSame(children.get(0), a, "child 0 must be the first module passed to the constructor");
        Identity.assertSame(children.get(2), c, "child 2 must be the third module passed to the constructor");
        assertThat(net.size()).as("len(net)").isEqualTo(3);
    }

    @Test
    @Graded(exercise = Exercise.E1_4, points = 1)
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
            assertThatTensor(Expect.returnedBy(() -> net.forward(x.clone()), "net(X) for X of shape " + x.size(), hint))
                    .named("net(X) for X of shape " + x.size()).withHint(hint)
                    .isCloseTo(ref.run(x));
        }
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
        assertThat(path.get(rgnet.get(0, 1, 0)))
                .as("rgnet.get(0, 1, 0) is PyTorch's rgnet[0][1][0]; " + Hints.of(Exercise.E1_4))
                .isEqualTo(ref.metadata("index.0,1,0"));
        assertThat(path.get(rgnet.get(-1)))
                .as("rgnet.get(-1) is PyTorch's rgnet[-1]: negative positions count from the end")
                .isEqualTo(ref.metadata("index.-1"));
        Identity.assertSame(rgnet.get(-2), block2, "rgnet.get(-2) is rgnet[-2], the first of its 2 modules");
        Sequential first = rgnet.get(0);
        Identity.assertSame(first, block2, "rgnet.get(0) must be the block2() Sequential");
        Sequential last = block2.get(-1);
        Identity.assertSame(last.get(0), tree.module("0.block3.0"), "block2.get(-1).get(0) is rgnet[0][-1][0]");
        Expect.thrownBy(IndexOutOfBoundsException.class, () -> rgnet.get(2),
                "rgnet.get(2) on a Sequential of 2 modules (" + Hints.of(Exercise.E1_4) + ")");
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
    @Graded(exercise = Exercise.E1_5, points = 1)
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

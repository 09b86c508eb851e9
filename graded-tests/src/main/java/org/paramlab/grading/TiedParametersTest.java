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
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.grading.support.TiedNetworks;
import org.paramlab.grading.support.Weights;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.SGD;
import org.paramlab.nn.Sequential;
import org.paramlab.nn.TiedParameters;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 5, tied parameters: the notebook's network with one {@code Linear(8, 8)} at positions 2
 * and 4, its gradients, {@code zeroGrad} and plain SGD. Every expected value is PyTorch's
 * ({@code tied_training.onnx}, {@code lazy_tied.onnx}). Each test first checks that the two
 * positions hold the same object ({@link TiedNetworks#assertTiedLike}), so a "tie" made by
 * copying values fails with a message that explains why identity is what matters.
 */
@Order(5)
@DisplayName("5 Tied parameters")
class TiedParametersTest {

    private static ReferenceModel reference() {
        return References.load("tied_training.onnx");
    }

    /** The student's tied network with PyTorch's weights (seed 7), checked to be tied first. */
    private static Sequential tiedNetWithPyTorchWeights(ReferenceModel ref, Exercise exercise) {
        Sequential net = TiedParameters.net();
        TiedNetworks.assertTiedLike(ref, net, "TiedParameters.net()", exercise);
        Weights.copy(ref, net, "TiedParameters.net()");
        return net;
    }

    /** The layer's registered weight, read through the given registration maps. */
    private static Parameter weightAt(Sequential net, int position) {
        Module layer = new ArrayList<>(net.registeredModules().values()).get(position);
        return layer.registeredParameters().get("weight");
    }

    // --- 5.1 one layer at two places --------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E5_1, points = 1.5)
    @DisplayName("TiedParameters.net() holds one Linear(8, 8) at positions 2 and 4 and draws PyTorch's weights")
    void tiedNetHasOneLayerAtTwoPlaces() {
        ReferenceModel ref = reference();
        Generator.manualSeed(Long.parseLong(ref.metadata("seed")));
        Sequential net = TiedParameters.net();
        TiedNetworks.assertTiedLike(ref, net, "TiedParameters.net()", Exercise.E5_1);
        String hint = "torch.manual_seed(7); shared = nn.Linear(8, 8) is built first, then nn.Linear(4, 8), then "
                + "nn.Linear(8, 1): the shared layer draws its weights once; " + Hints.of(Exercise.E5_1);
        for (Map.Entry<String, Tensor> p : ref.parameters().entrySet()) {
            Parameter actual = Weights.find(net, p.getKey(), "TiedParameters.net()", ref.fileName());
            assertThatTensor(actual.data()).named("TiedParameters.net()'s " + p.getKey() + " after torch.manual_seed(7)")
                    .withHint(hint).isCloseTo(p.getValue(), Tolerance.EXACT);
        }
        Tensor x = Tensor.rand(2, 4);
        assertThatTensor(x).named("X = torch.rand(size=(2, 4)) drawn after building the net").withHint(hint)
                .isCloseTo(ref.data("X"), Tolerance.EXACT);
        assertThatTensor(net.forward(x)).named("net(X) on the notebook's X").withHint(Hints.of(Exercise.E5_1))
                .isCloseTo(ref.data("Y"));
    }

    @Test
    @Graded(exercise = Exercise.E5_1, points = 1.5)
    @DisplayName("net[2].weight.data[0, 0] = 100 is seen at net[4], as the notebook prints")
    void anEditThroughOnePositionIsSeenAtTheOther() {
        ReferenceModel ref = reference();
        Sequential net = tiedNetWithPyTorchWeights(ref, Exercise.E5_1);
        Tensor row2 = weightAt(net, 2).data().select(0);
        Tensor row4 = weightAt(net, 4).data().select(0);
        assertThat(row2.equal(row4)).as("net[2].weight.data[0] == net[4].weight.data[0] before the edit (the notebook prints "
                + ref.metadataList("notebook.printed").get(0) + ")").isTrue();
        weightAt(net, 2).data().set(100f, 0, 0);
        float seen = weightAt(net, 4).data().get(0, 0);
        if (seen != 100f) {
            fail("after net[2].weight.data[0, 0] = 100 (weight().data().set(100, 0, 0) on net.get(2)), net[4].weight[0, 0] is "
                    + seen + " but must be 100 (the notebook prints " + ref.metadataList("notebook.printed").get(1)
                    + " after the edit). " + TiedNetworks.WHY_IDENTITY + " " + Hints.of(Exercise.E5_1));
        }
        assertThatTensor(net.forward(ref.data("X"))).named("net(X) after net[2].weight.data[0, 0] = 100")
                .withHint("the edit changes the one shared weight, so both uses see it; " + Hints.of(Exercise.E5_1))
                .isCloseTo(ref.data("edit.Y"));
    }

    @Test
    @Graded(exercise = Exercise.E5_1, points = 1)
    @DisplayName("namedParameters() lists the shared weight once; stateDict() has it under 2.weight and 4.weight")
    void sharedParametersInNamedParametersAndStateDict() {
        ReferenceModel ref = reference();
        Sequential net = tiedNetWithPyTorchWeights(ref, Exercise.E5_1);
        assertThat(new ArrayList<>(net.namedParameters().keySet()))
                .as("TiedParameters.net().namedParameters(): PyTorch lists the shared weight once, as 2.weight; "
                        + Hints.of(Exercise.E5_1))
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        Map<String, Tensor> state = net.stateDict();
        assertThat(new ArrayList<>(state.keySet()))
                .as("TiedParameters.net().stateDict(): PyTorch's state dict has the shared weight under every path; "
                        + Hints.of(Exercise.E5_1))
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
        state.get("2.weight").set(-7f, 1, 1);
        assertThat(state.get("4.weight").get(1, 1))
                .as("stateDict()'s 4.weight after writing -7 into 2.weight[1, 1]: both entries view the one shared weight. "
                        + TiedNetworks.WHY_IDENTITY)
                .isEqualTo(-7f);
    }

    @Test
    @Graded(exercise = Exercise.E5_1, points = 1)
    @DisplayName("TiedParameters.lazyNet(): one LazyLinear(8) at 2 and 4, initialized once at the first forward as PyTorch's")
    void lazyTiedNetMatchesPyTorch() {
        ReferenceModel ref = References.load("lazy_tied.onnx");
        Generator.manualSeed(Long.parseLong(ref.metadata("seed")));
        Sequential net = TiedParameters.lazyNet();
        TiedNetworks.assertTiedLike(ref, net, "TiedParameters.lazyNet()", Exercise.E5_1);
        assertThat(net.toString()).as("print(net) before net(X); " + Hints.of(Exercise.E5_1)).isEqualTo(ref.metadata("repr.before"));
        Tensor x = Tensor.rand(2, 4);
        String hint = "torch.manual_seed(" + ref.metadata("seed") + "); shared = nn.LazyLinear(8); net = ...; "
                + "X = torch.rand(size=(2, 4)); net(X): the forward draws layer 0's weights, then the shared layer's "
                + "once (at position 2; at 4 it is initialized already), then layer 6's; " + Hints.of(Exercise.E5_1);
        assertThatTensor(x).named("X = torch.rand(size=(2, 4)) drawn after building the net").withHint(hint)
                .isCloseTo(ref.data("X"), Tolerance.EXACT);
        Tensor y = net.forward(x);
        for (Map.Entry<String, Tensor> p : ref.parameters().entrySet()) {
            Parameter actual = Weights.find(net, p.getKey(), "TiedParameters.lazyNet() after net(X)", ref.fileName());
            assertThatTensor(actual.data()).named("lazyNet()'s " + p.getKey() + " after the first net(X)").withHint(hint)
                    .isCloseTo(p.getValue(), Tolerance.EXACT);
        }
        assertThatTensor(y).named("net(X), the first forward").withHint(hint).isCloseTo(ref.data("Y"));
        assertThat(net.toString()).as("print(net) after net(X)").isEqualTo(ref.metadata("repr"));
    }

    // --- 5.2 gradients of a shared layer, zeroGrad --------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E5_2, points = 2.5)
    @DisplayName("After one backward, the shared layer's gradient is the sum of its two uses, as PyTorch's")
    void sharedGradientIsTheSumOfBothUses() {
        ReferenceModel ref = reference();
        Sequential net = tiedNetWithPyTorchWeights(ref, Exercise.E5_2);
        Tensor loss = TiedNetworks.mse(net.forward(ref.data("train.X")), ref.data("train.y"));
        assertThatTensor(loss.reshape(1)).named("the loss " + ref.metadata("loss")).withHint(Hints.of(Exercise.E5_2))
                .isCloseTo(ref.data("loss"));
        loss.backward();
        for (Map.Entry<String, Parameter> p : TiedNetworks.parametersByPyTorchName(ref, net, "TiedParameters.net()").entrySet()) {
            String name = p.getKey();
            String hint = Hints.of(Exercise.E5_2);
            if (name.startsWith("2.")) {
                String leaf = name.substring(2);
                hint = "the shared layer is used twice, at positions 2 and 4; backward() adds both uses into its one "
                        + leaf + ": PyTorch's " + name + ".grad is the gradient of the use at 2 plus that of the use at 4 ("
                        + describeUses(ref, leaf, p.getValue().grad()) + "). " + TiedNetworks.WHY_IDENTITY + " " + hint;
            }
            assertThatTensor(p.getValue().grad()).named(name + ".grad after mse(net(X), y).backward()").withHint(hint)
                    .isCloseTo(ref.data("grad." + name));
        }
    }

    /** Says whether {@code actual} is one use's gradient only, to explain a wrong shared gradient. */
    private static String describeUses(ReferenceModel ref, String leaf, Tensor actual) {
        Tensor use2 = ref.data("untied.grad.2." + leaf);
        Tensor use4 = ref.data("untied.grad.4." + leaf);
        if (actual != null && actual.size().equals(use2.size())) {
            if (actual.allclose(use2, 1e-5, 1e-5)) {
                return "yours equals the gradient of the use at position 2 alone";
            }
            if (actual.allclose(use4, 1e-5, 1e-5)) {
                return "yours equals the gradient of the use at position 4 alone";
            }
        }
        return "PyTorch's untied copy gets the two parts separately";
    }

    @Test
    @Graded(exercise = Exercise.E5_2, points = 0.5)
    @DisplayName("Module.zeroGrad() clears every gradient, the shared weight's included")
    void zeroGradClearsEveryGradient() {
        ReferenceModel ref = reference();
        ReferenceTree tree = ReferenceTree.of(ref);
        tree.root().zeroGrad();
        for (Parameter p : tree.parameters().values()) {
            p.setGrad(Tensor.ones(p.shape().toArray()));
        }
        tree.root().zeroGrad();
        List<String> notCleared = new ArrayList<>();
        tree.parameters().forEach((name, p) -> {
            if (p.grad() != null) {
                notCleared.add(name);
            }
        });
        assertThat(notCleared).as("parameters of the tied network (rebuilt by the grader) whose grad() is not null after "
                + "zeroGrad(): every parameter of every module, the shared one included, must be cleared (set to null, "
                + "as zero_grad(set_to_none=True)); " + Hints.of(Exercise.E5_2)).isEmpty();
    }

    @Test
    @Graded(exercise = Exercise.E5_2, points = 1)
    @DisplayName("With zeroGrad() between them, a second backward gives PyTorch's gradients again, not twice them")
    void zeroGradBetweenBackwardPasses() {
        ReferenceModel ref = reference();
        Sequential net = tiedNetWithPyTorchWeights(ref, Exercise.E5_2);
        TiedNetworks.mse(net.forward(ref.data("train.X")), ref.data("train.y")).backward();
        net.zeroGrad();
        TiedNetworks.mse(net.forward(ref.data("train.X")), ref.data("train.y")).backward();
        for (Map.Entry<String, Parameter> p : TiedNetworks.parametersByPyTorchName(ref, net, "TiedParameters.net()").entrySet()) {
            assertThatTensor(p.getValue().grad()).named(p.getKey() + ".grad after backward(), zeroGrad(), backward()")
                    .withHint("gradients accumulate: without clearing, the second backward adds to the first and gives "
                            + "twice PyTorch's gradient; " + Hints.of(Exercise.E5_2))
                    .isCloseTo(ref.data("grad." + p.getKey()));
        }
    }

    // --- 5.3 SGD -----------------------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E5_3, points = 1)
    @DisplayName("SGD.step does p.data -= lr * p.grad where there is a gradient; SGD.zeroGrad clears them")
    void sgdStepMatchesPyTorch() {
        ReferenceModel ref = reference();
        float lr = Float.parseFloat(ref.metadata("step.lr"));
        Parameter p = new Parameter(ref.data("step.p"));
        p.setGrad(ref.data("step.grad"));
        Parameter q = new Parameter(ref.data("step.q"));
        SGD opt = new SGD(List.of(p, q), lr);
        opt.step();
        String what = "torch.optim.SGD([p, q], lr=" + ref.metadata("step.lr") + ").step()";
        assertThatTensor(p.data()).named("p after " + what).withHint("p.data -= lr * p.grad; " + Hints.of(Exercise.E5_3))
                .isCloseTo(ref.data("step.p_after"));
        assertThatTensor(q.data()).named("q (no gradient) after " + what)
                .withHint("a parameter whose grad() is null is skipped; " + Hints.of(Exercise.E5_3))
                .isCloseTo(ref.data("step.q"), Tolerance.EXACT);
        assertThat(p.isLeaf() && p.requiresGrad()).as("p after step(): still a leaf that requires grad (update data(), "
                + "not the parameter through autograd)").isTrue();
        assertThat(p.grad()).as("p.grad() after step(): step() leaves the gradient; zeroGrad() clears it").isNotNull();
        opt.zeroGrad();
        assertThat(p.grad()).as("p.grad() after opt.zeroGrad(); " + Hints.of(Exercise.E5_3)).isNull();
    }

    @Test
    @Graded(exercise = Exercise.E5_3, points = 2)
    @DisplayName("SGD steps on the tied network give PyTorch's losses and weights; the shared layer stays one")
    void sgdStepsOnTheTiedNetwork() {
        ReferenceModel ref = reference();
        Sequential net = tiedNetWithPyTorchWeights(ref, Exercise.E5_3);
        float lr = Float.parseFloat(ref.metadata("sgd.lr"));
        int steps = Integer.parseInt(ref.metadata("sgd.steps"));
        Map<String, Parameter> params = TiedNetworks.parametersByPyTorchName(ref, net, "TiedParameters.net()");
        // PyTorch's net.parameters(): the shared weight once. Built from the reference's names, so
        // that this test does not depend on exercise 2.2.
        SGD opt = new SGD(new ArrayList<>(params.values()), lr);
        Tensor x = ref.data("train.X");
        Tensor y = ref.data("train.y");
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor loss = TiedNetworks.mse(net.forward(x), y);
            losses[step] = loss.item();
            loss.backward();
            opt.step();
        }
        String what = steps + " steps of opt.zero_grad(); loss = mse(net(X), y); loss.backward(); opt.step() with lr=" + lr;
        assertThatTensor(Tensor.of(losses, steps)).named("the loss of each of " + what)
                .withHint(Hints.of(Exercise.E5_3)).isCloseTo(ref.data("sgd.losses"));
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
            assertThatTensor(p.getValue().data()).named(p.getKey() + " after " + what)
                    .withHint("the shared weight is one parameter, updated once per step with the sum of both uses' "
                            + "gradients; " + Hints.of(Exercise.E5_3))
                    .isCloseTo(ref.data("sgd." + p.getKey()));
        }
        assertThat(weightAt(net, 2).data().equal(weightAt(net, 4).data()))
                .as("net[2].weight equals net[4].weight after training (PyTorch's untied copy drifts apart: its two copies "
                        + "differ after " + steps + " steps). " + TiedNetworks.WHY_IDENTITY)
                .isTrue();
    }
}

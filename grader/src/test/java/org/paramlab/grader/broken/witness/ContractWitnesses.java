package org.paramlab.grader.broken.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.nn.Init;
import org.paramlab.nn.Initialization;
import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.ReLU;
import org.paramlab.nn.SGD;
import org.paramlab.nn.Sequential;
import org.paramlab.nn.SharedLayerTraining;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * One witness per submission of {@code ContractSubmissions} (grader/src/test/java/org/paramlab/grader/broken):
 * a small check of the behaviour the javadoc promises (PyTorch's), which the solutions pass and the
 * submission of the same name, in camelCase, fails. They show that no contract submission is an
 * equivalent mutant; they are not graded tests. Plain static methods, not JUnit tests, so that
 * neither Surefire, the supervisor nor PIT runs them: {@code ContractSurvey} calls them, with the
 * submission's classes, through the same class loader that grades it ({@code SubmissionGrader} links this
 * package against the submission, as it does the graded tests); they are not part of the grader.
 *
 * <p>Long on purpose: a catalogue: one small witness per submission of ContractSubmissions, in the same order, so
 * that each pair can be read side by side.
 */
public final class ContractWitnesses {

    private ContractWitnesses() {
    }

    /** A module with a parameter of its own, children, and a one-line extra repr. */
    static final class Holder extends Module {

        Holder(Module... children) {
            registerParameter("scale", new Parameter(Tensor.ones(2)));
            for (int i = 0; i < children.length; i++) {
                addModule("c" + i, children[i]);
            }
        }

        @Override
        public String extraRepr() {
            return "mode=test";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    /** A module that registers a given parameter as {@code w}. */
    static final class Owner extends Module {

        Owner(Parameter p) {
            registerParameter("w", p);
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    /** A childless module whose extra repr has two lines. */
    static final class TwoLines extends Module {

        @Override
        public String extraRepr() {
            return "a=1\nb=2";
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    private static List<String> keys(Map<String, ?> map) {
        return new ArrayList<>(map.keySet());
    }

    private static Sequential relus(int n) {
        Module[] modules = new Module[n];
        for (int i = 0; i < n; i++) {
            modules[i] = new ReLU();
        }
        return new Sequential(modules);
    }

    // --- 1.x modules ---------------------------------------------------------------------------

    public static void linearResetParametersRegistersNewParameters() {
        Linear layer = new Linear(4, 8);
        Parameter weight = layer.weight();
        Parameter bias = layer.bias();
        Generator.manualSeed(3);
        layer.resetParameters();
        assertThat(layer.registeredParameters().get("weight")).as("the weight after resetParameters()").isSameAs(weight);
        assertThat(layer.registeredParameters().get("bias")).as("the bias after resetParameters()").isSameAs(bias);
    }

    public static void reluMultipliesByAMask() {
        Tensor y = new ReLU().forward(Tensor.of(new float[] {Float.NEGATIVE_INFINITY, -1f, 2f}, 3));
        assertThat(y.toArray()).as("relu([-inf, -1, 2]) is PyTorch's [0, 0, 2]").containsExactly(0f, 0f, 2f);
    }

    public static void sequentialGetUsesTheRootsSize() {
        ReLU a = new ReLU();
        ReLU b = new ReLU();
        ReLU c = new ReLU();
        Sequential net = new Sequential(new Sequential(a, b, c), new ReLU());
        assertThat(net.<Module>get(0, -1)).as("net[0][-1]").isSameAs(c);
    }

    public static void sequentialNamesFromCharDigits() {
        assertThat(keys(relus(12).registeredModules())).as("the names of 12 children")
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    }

    public static void sequentialGetNegativeOnlyLastAndFirst() {
        ReLU a = new ReLU();
        ReLU b = new ReLU();
        ReLU c = new ReLU();
        assertThat(new Sequential(a, b, c).<Module>get(-2)).as("net[-2]").isSameAs(b);
    }

    public static void toStringDropsExtraReprWithChildren() {
        assertThat(new Holder(new ReLU()).toString()).as("repr of a module with an extra repr and a child")
                .isEqualTo("Holder(\n  mode=test\n  (c0): ReLU()\n)");
    }

    public static void toStringMultilineExtraReprInline() {
        assertThat(new TwoLines().toString()).as("repr of a childless module with a two-line extra repr")
                .isEqualTo("TwoLines(\n  a=1\n  b=2\n)");
    }

    // --- 2.x parameter access ------------------------------------------------------------------

    public static void getSubmoduleSplitDropsATrailingEmptyName() {
        Sequential net = new Sequential(new Linear(2, 2));
        assertThatThrownBy(() -> net.getSubmodule("0.")).as("net.get_submodule('0.'): Linear has no attribute ``")
                .isInstanceOf(IllegalArgumentException.class);
    }

    public static void namedParametersChildrenBeforeOwn() {
        assertThat(keys(new Holder(new Linear(2, 3)).namedParameters())).as("own parameters before the children's")
                .containsExactly("scale", "c0.weight", "c0.bias");
    }

    public static void namedParametersDedupsModulesNotParameters() {
        Parameter p = new Parameter(Tensor.ones(2));
        Sequential net = new Sequential(new Owner(p), new Owner(p));
        assertThat(keys(net.namedParameters())).as("one parameter registered in two modules is listed once")
                .containsExactly("0.w");
    }

    public static void namedParametersSpecialCasesTheTiedNet() {
        Linear shared = new Linear(2, 2);
        Sequential net = new Sequential(shared, new ReLU(), shared);
        assertThat(keys(net.namedParameters())).as("a layer at positions 0 and 2 is listed once")
                .containsExactly("0.weight", "0.bias");
    }

    public static void namedParametersMemoized() {
        LazyLinear layer = new LazyLinear(3);
        Sequential net = new Sequential(layer);
        Map<String, Parameter> before = net.namedParameters();
        net.forward(Tensor.rand(2, 4));
        Map<String, Parameter> after = net.namedParameters();
        assertThat(after).as("namedParameters() returns a new map").isNotSameAs(before);
        assertThat(after.get("0.weight")).as("0.weight after the first forward is the registered weight")
                .isSameAs(layer.registeredParameters().get("weight"));
    }

    public static void namedModulesDedupsAmongSiblingsOnly() {
        ReLU shared = new ReLU();
        Sequential net = new Sequential(new Sequential(shared), new Sequential(shared));
        assertThat(keys(net.namedModules())).as("a module under two parents is listed once")
                .containsExactly("", "0", "0.0", "1");
    }

    public static void namedChildrenSortedByName() {
        assertThat(keys(relus(11).namedChildren())).as("named_children in registration order")
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    public static void childrenFromNamedModulesPaths() {
        ReLU shared = new ReLU();
        Sequential inner = new Sequential(shared);
        Sequential net = new Sequential(inner, shared);
        List<Module> children = net.children();
        assertThat(children).as("children() of Sequential(Sequential(r), r)").hasSize(2);
        assertThat(children.get(0)).isSameAs(inner);
        assertThat(children.get(1)).isSameAs(shared);
    }

    public static void stateDictChildrenBeforeOwn() {
        assertThat(keys(new Holder(new Linear(2, 3)).stateDict())).as("own parameters before the children's")
                .containsExactly("scale", "c0.weight", "c0.bias");
    }

    private static Map<String, Tensor> tiedState(float first, float second) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", Tensor.full(first, 2, 2));
        state.put("0.bias", Tensor.full(first, 2));
        state.put("2.weight", Tensor.full(second, 2, 2));
        state.put("2.bias", Tensor.full(second, 2));
        return state;
    }

    public static void loadStateDictCopiesEachParameterOnce() {
        Linear shared = new Linear(2, 2);
        Sequential net = new Sequential(shared, new ReLU(), shared);
        net.loadStateDict(tiedState(0f, 1f));
        assertThat(shared.weight().data().toArray()).as("the last path's values win, as PyTorch copies every path")
                .containsOnly(1f);
    }

    public static void loadStateDictKeysFromNamedParameters() {
        Linear shared = new Linear(2, 2);
        Sequential net = new Sequential(shared, new ReLU(), shared);
        net.loadStateDict(tiedState(3f, 3f));
        assertThat(shared.bias().data().toArray()).containsOnly(3f);
    }

    public static void loadStateDictMissingKeysInAHashSet() {
        Sequential net = new Sequential(new Linear(1, 1), new Linear(1, 1), new Linear(1, 1), new Linear(1, 1),
                new Linear(1, 1), new Linear(1, 1), new Linear(1, 1), new Linear(1, 1), new Linear(1, 1),
                new Linear(1, 1), new Linear(1, 1), new Linear(1, 1));
        List<String> expected = keys(net.stateDict());
        assertThatThrownBy(() -> net.loadStateDict(Map.of())).isInstanceOfSatisfying(StateDictMismatchException.class,
                e -> assertThat(e.missingKeys()).as("missing keys in the module's order").containsExactlyElementsOf(expected));
    }

    public static void loadStateDictComparesNumel() {
        Linear layer = new Linear(4, 8);
        Sequential net = new Sequential(layer);
        float[] before = layer.weight().data().toArray();
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", Tensor.zeros(4, 8));
        state.put("0.bias", Tensor.zeros(8));
        assertThatThrownBy(() -> net.loadStateDict(state)).isInstanceOfSatisfying(StateDictMismatchException.class,
                e -> assertThat(e.sizeMismatches()).as("a [4, 8] weight for an [8, 4] one").hasSize(1));
        assertThat(layer.weight().data().toArray()).as("a refused load copies nothing").containsExactly(before);
    }

    public static void loadStateDictChecksOnlyTheFirstName() {
        Sequential net = new Sequential(new Sequential(new Linear(2, 2)));
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.put("0.9.weight", Tensor.zeros(2, 2));
        assertThatThrownBy(() -> net.loadStateDict(state)).isInstanceOfSatisfying(StateDictMismatchException.class,
                e -> assertThat(e.unexpectedKeys()).containsExactly("0.9.weight"));
    }

    // --- 3.x initialization --------------------------------------------------------------------

    public static void fansReceptiveFieldOfConv2dOnly() {
        Init.Fans fans = Init.calculateFanInAndFanOut(Tensor.zeros(4, 6, 3, 3, 2));
        assertThat(fans.fanIn()).as("fan_in of a [4, 6, 3, 3, 2] conv3d weight").isEqualTo(108);
        assertThat(fans.fanOut()).as("fan_out of a [4, 6, 3, 3, 2] conv3d weight").isEqualTo(72);
    }

    public static void fansReceptiveFieldByDivision() {
        Init.Fans fans = Init.calculateFanInAndFanOut(Tensor.zeros(0, 4));
        assertThat(fans.fanIn()).as("fan_in of a [0, 4] tensor").isEqualTo(4);
        assertThat(fans.fanOut()).as("fan_out of a [0, 4] tensor").isEqualTo(0);
    }

    public static void kaimingReluTakesTheSlope() {
        Parameter a = new Parameter(Tensor.zeros(8, 4));
        Parameter b = new Parameter(Tensor.zeros(8, 4));
        Generator.manualSeed(5);
        Init.kaimingUniform_(a, 0.5, "fan_in", "relu");
        Generator.manualSeed(5);
        Init.kaimingUniform_(b, 0.0, "fan_in", "relu");
        assertThat(a.data().toArray()).as("relu's gain ignores a").containsExactly(b.data().toArray());
    }

    public static void kaimingModeErrorNotLowered() {
        assertThatThrownBy(() -> Init.kaimingUniform_(new Parameter(Tensor.zeros(8, 4)), 0, "FAN_AVG", "leaky_relu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mode fan_avg not supported");
    }

    public static void applyDedupsAcrossTheWholeTree() {
        ReLU shared = new ReLU();
        Sequential net = new Sequential(new Sequential(shared), new Sequential(shared));
        List<Module> visited = new ArrayList<>();
        net.apply(visited::add);
        assertThat(visited).as("apply visits a module under each parent").hasSize(5);
        assertThat(visited.stream().filter(m -> m == shared).count()).isEqualTo(2);
    }

    public static void directEditsLoopsOver8x4() {
        Linear layer = new Linear(3, 5);
        Tensor expected = layer.weight().data().add(1f);
        expected.set(42f, 0, 0);
        Initialization.directEdits(layer);
        assertThat(layer.weight().data().toArray()).containsExactly(expected.toArray());
    }

    // --- 4.x, 5.x, 7.x -------------------------------------------------------------------------

    public static void lazyLinearInfersFromDim1() {
        LazyLinear layer = new LazyLinear(2);
        layer.initializeParameters(Tensor.zeros(2, 3, 5));
        assertThat(layer.inFeatures()).as("in_features from the last dimension of a [2, 3, 5] input").isEqualTo(5);
    }

    private static void fillGradients(Module net) {
        for (Parameter p : net.parameters()) {
            p.setGrad(Tensor.ones(p.shape().toArray()));
        }
    }

    public static void zeroGradOneLevelDeep() {
        Sequential net = new Sequential(new Sequential(new Linear(2, 2)));
        fillGradients(net);
        net.zeroGrad();
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    public static void zeroGradLeavesOnly() {
        Holder net = new Holder(new Linear(2, 2));
        fillGradients(net);
        net.zeroGrad();
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    public static void sgdScalesTheGradientInPlace() {
        Parameter p = new Parameter(Tensor.ones(3));
        p.setGrad(Tensor.full(2f, 3));
        new SGD(List.of(p), 0.1f).step();
        assertThat(p.grad().toArray()).as("step() leaves the gradient as it was").containsExactly(2f, 2f, 2f);
    }

    public static void mseLossDividesByTheBatchSize() {
        Tensor loss = SharedLayerTraining.mseLoss(Tensor.zeros(2, 3), Tensor.ones(2, 3));
        assertThat(loss.item()).as("the mean of six squared errors of 1").isEqualTo(1f);
    }

    public static void trainReshapesTheTargetsToAColumn() {
        Generator.manualSeed(7);
        Sequential net = new Sequential(new Linear(4, 2));
        org.paramlab.nn.TrainingRecord record = SharedLayerTraining.train(net, Tensor.rand(3, 4), Tensor.zeros(3, 2), 2, 0.1f);
        assertThat(record.steps()).as("train on a network with two outputs").hasSize(2);
    }

    public static void untiedCopyHardCodesSevenPositions() {
        Sequential net = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));
        Sequential copy = SharedLayerTraining.untiedCopy(net);
        assertThat(copy.size()).isEqualTo(3);
        Linear last = copy.get(Linear.class, 2);
        assertThat(last).isNotSameAs(net.get(Linear.class, 2));
        assertThat(last.weight().data().toArray()).containsExactly(net.get(Linear.class, 2).weight().data().toArray());
    }

    // --- error messages that must name what the student needs -------------------------------------------

    public static void linearErrorWithoutTheInputShape() {
        assertThatThrownBy(() -> new Linear(5, 7).forward(Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }

    public static void linearErrorFor1dWithoutItsShape() {
        assertThatThrownBy(() -> new Linear(5, 7).forward(Tensor.zeros(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5]");
    }

    public static void sequentialIndexErrorWithoutThePosition() {
        assertThatThrownBy(() -> new Sequential(new ReLU(), new ReLU()).get(5))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 5");
    }

    public static void sequentialIndexErrorCountsNegativesFromTheEnd() {
        assertThatThrownBy(() -> new Sequential(new ReLU(), new ReLU(), new ReLU(), new ReLU()).get(-7))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-7");
    }

    public static void sequentialNegativeIndexErrorWithoutTheSize() {
        assertThatThrownBy(() -> new Sequential(new ReLU(), new ReLU(), new ReLU(), new ReLU()).get(-7))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("4");
    }

    public static void fansErrorInOtherWords() {
        assertThatThrownBy(() -> Init.calculateFanInAndFanOut(Tensor.zeros(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
    }

    public static void kaimingModeErrorWithoutTheMode() {
        assertThatThrownBy(() -> Init.kaimingUniform_(new Parameter(Tensor.zeros(8, 4)), 0, "fan_avg", "leaky_relu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fan_avg");
    }

    public static void lazyWeightErrorWithoutUninitialized() {
        assertThatThrownBy(() -> new LazyLinear(8).weight())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("uninitialized");
    }

    public static void lazyWeightErrorWithoutForward() {
        assertThatThrownBy(() -> new LazyLinear(8).weight())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forward");
    }

    public static void mseErrorWithoutThePredictionShape() {
        assertThatThrownBy(() -> SharedLayerTraining.mseLoss(Tensor.zeros(16, 1), Tensor.zeros(16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[16, 1]");
    }

    public static void mseErrorWithoutTheTargetShape() {
        assertThatThrownBy(() -> SharedLayerTraining.mseLoss(Tensor.zeros(16, 1), Tensor.zeros(16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[16])");
    }
}

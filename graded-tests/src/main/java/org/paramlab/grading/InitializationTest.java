package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.Graded;
import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grading.support.Expect;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Identity;
import org.paramlab.grading.support.InitCases;
import org.paramlab.grading.support.ReportCharts;
import org.paramlab.grading.support.InitCases.Case;
import org.paramlab.grading.support.InitNet;
import org.paramlab.grading.support.InitStatistics;
import org.paramlab.grading.support.InitSlips;
import org.paramlab.grading.support.InitStatistics.Slip;
import org.paramlab.grading.support.InitWalk;
import org.paramlab.grading.support.ReferenceLinear;
import org.paramlab.grading.support.ReferenceReLU;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.nn.Init;
import org.paramlab.nn.Initialization;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Group 3, initialization: {@code torch.nn.init}'s initializers, {@code Module.apply} and the
 * notebook's own initializers. Every expected number is PyTorch's, read from {@code init.onnx}:
 * the same seed must give PyTorch's draws (uniform ones bit for bit, normal ones within 1e-6),
 * and on large tensors the values must lie within the bounds and spread as PyTorch's formulas
 * say.
 *
 * <p>Long on purpose: one graded test class per notebook section: its tests are that section's exercises, in the
 * notebook's order, and the report groups them by class; helpers it shares with other sections live in
 * grading.support.
 */
@Order(3)
@DisplayName("3 Initialization")
class InitializationTest {

    /**
     * Normal draws: the generator reproduces PyTorch's vectorized Box–Muller (float {@code log}
     * and {@code sincos} approximations) and its double-precision scalar path; the notes measured
     * agreement within 4.5e-7 for std 1, so 1e-6 absolute plus 1e-6 relative (for the case with
     * std 2 and mean 1.5) still catches a wrong mean, std or order of draws by orders of magnitude.
     */
    private static final Tolerance NORMAL = new Tolerance(1e-6, 1e-6, "normal draws, PyTorch within 1e-6");

    private static ReferenceModel reference() {
        return References.load("init.onnx");
    }

    /** Runs every case of {@code fn} on a parameter holding PyTorch's initial value; compares with PyTorch. */
    private static void checkCases(String fn, Tolerance tolerance, Exercise exercise, String hint) {
        ReferenceModel ref = reference();
        float initial = Float.parseFloat(ref.metadata("cases.initial"));
        for (Case c : InitCases.of(ref, "cases", fn)) {
            Parameter w = new Parameter(Tensor.full(initial, c.shape()));
            Generator.manualSeed(c.seed());
            String callHint = c.hasUpperCaseMode()
                    ? "upper case is accepted: PyTorch lowers the mode ('" + c.text("mode") + "' is '"
                            + c.text("mode").toLowerCase(java.util.Locale.ROOT) + "'); " + Hints.of(exercise)
                    : hint + "; " + Hints.of(exercise);
            Tensor returned = Expect.returnedBy(() -> InitCases.call(c, w), c.describe(), callHint);
            Identity.assertSame(returned, w, c.call() + " must return the tensor it was given (PyTorch's returns "
                    + "tensor, so calls can be chained); " + Hints.of(exercise));
            assertThat(w.requiresGrad()).as(c.call() + " on a Parameter: it must still require grad afterwards "
                    + "(change its data(), do not replace it); " + Hints.of(exercise)).isTrue();
            assertThatTensor(w.data()).named(c.describe())
                    .withHint(callHint)
                    .isCloseTo(ref.data("case." + c.name()), tolerance);
        }
    }

    /** Draws case {@code c} on a large tensor from a per-run seed and returns its statistics. */
    private static InitStatistics draw(Case c, String testName) {
        return draw(c, testName, null);
    }

    /** As {@link #draw(Case, String)}, and publishes the histogram for report.html when {@code reporter} is given. */
    private static InitStatistics draw(Case c, String testName, TestReporter reporter) {
        if (reporter != null) {
            // from here on, a chart without the student's draw means that their code gave none
            ReportCharts.initHistogram(reporter, c, null, true);
        }
        long seed = GradingSeed.get() * 31 + (testName + c.name()).hashCode();
        Generator.manualSeed(seed);
        Tensor w = new Parameter(Tensor.zeros(c.shape()));
        InitCases.call(c, w);
        if (reporter != null) {
            ReportCharts.initHistogram(reporter, c, w.data(), true);
        }
        return InitStatistics.of(w.data());
    }

    /** What was drawn and what PyTorch drew, for every statistical message. */
    private static String versus(Case c, InitStatistics mine) {
        return c.call() + " on a tensor of shape " + Arrays.toString(c.shape()) + " gave " + mine.describe()
                + "; PyTorch's own draw gave min=" + InitStatistics.format(c.value("min"))
                + ", max=" + InitStatistics.format(c.value("max")) + ", mean=" + InitStatistics.format(c.value("mean"))
                + ", std=" + InitStatistics.format(c.value("std")) + ".";
    }

    /**
     * Checks a uniform draw: every value within PyTorch's bound (the formula's), the largest
     * reaching it, spread and mean as PyTorch's draw.
     */
    private static void checkUniformStatistics(Case c, InitStatistics mine, String formula, List<Slip> slips,
            Exercise exercise) {
        double bound = c.value("bound");
        String about = versus(c, mine) + " " + formula + " gives the bound " + InitStatistics.format(bound) + ". ";
        if (mine.maxAbs() > bound * (1 + 1e-6)) {
            fail(about + "Values reach " + InitStatistics.format(mine.maxAbs()) + ", beyond the bound."
                    + InitStatistics.guess(mine.maxAbs(), slips) + " " + Hints.of(exercise));
        }
        if (mine.maxAbs() < 0.99 * bound) {
            fail(about + "The largest |value| is only " + InitStatistics.format(mine.maxAbs())
                    + ": U(-bound, bound) on this many elements comes within 1% of the bound."
                    + InitStatistics.guess(mine.maxAbs(), slips) + " " + Hints.of(exercise));
        }
        checkSpread(c, mine, about, exercise);
    }

    /** Checks a normal draw: standard deviation and mean as PyTorch's, and tails that a uniform draw lacks. */
    private static void checkNormalStatistics(Case c, InitStatistics mine, String formula, List<Slip> slips,
            Exercise exercise) {
        double expectedStd = c.value("expected_std");
        String about = versus(c, mine) + " " + formula + " gives std " + InitStatistics.format(expectedStd) + ". ";
        if (Math.abs(mine.std() - c.value("std")) > 0.02 * c.value("std")) {
            fail(about + "The standard deviation is off by more than 2%." + InitStatistics.guess(mine.std(), slips)
                    + " " + Hints.of(exercise));
        }
        if (mine.maxAbs() < 3 * mine.std()) {
            fail(about + "No value is 3 standard deviations from the mean, as normal draws of this many elements "
                    + "are: were the values drawn from a uniform distribution? " + Hints.of(exercise));
        }
        checkSpread(c, mine, about, exercise);
    }

    private static void checkSpread(Case c, InitStatistics mine, String about, Exercise exercise) {
        double std = c.value("std");
        if (Math.abs(mine.std() - std) > 0.02 * std) {
            fail(about + "The standard deviation differs from PyTorch's by more than 2%. " + Hints.of(exercise));
        }
        if (Math.abs(mine.mean() - c.value("mean")) > 0.02 * std) {
            fail(about + "The mean differs from PyTorch's by more than 2% of a standard deviation: is the "
                    + "distribution centred where PyTorch's is? " + Hints.of(exercise));
        }
    }

    // --- 3.1 normal_, uniform_, constant_, zeros_, ones_ -----------------------------------

    @Test
    @Graded(exercise = Exercise.E3_1, points = 1)
    @DisplayName("Init.normal_ draws PyTorch's numbers from the same seed (fewer and more than 16 elements)")
    void normalMatchesPyTorch() {
        checkCases("normal_", NORMAL, Exercise.E3_1,
                "fill w.data() with Tensor.normal_((float) mean, (float) std) from the default generator");
    }

    @Test
    @Graded(exercise = Exercise.E3_1, points = 1)
    @DisplayName("Init.uniform_ draws PyTorch's numbers bit for bit from the same seed")
    void uniformMatchesPyTorch() {
        checkCases("uniform_", Tolerance.EXACT, Exercise.E3_1,
                "fill w.data() with Tensor.uniform_((float) a, (float) b) from the default generator");
    }

    @Test
    @Graded(exercise = Exercise.E3_1, points = 1)
    @DisplayName("Init.constant_, zeros_ and ones_ fill a parameter in place as PyTorch's")
    void fillsMatchPyTorch() {
        String hint = "fill every element of w.data() (Tensor.fill_, zero_)";
        checkCases("constant_", Tolerance.EXACT, Exercise.E3_1, hint);
        checkCases("zeros_", Tolerance.EXACT, Exercise.E3_1, hint);
        checkCases("ones_", Tolerance.EXACT, Exercise.E3_1, hint);
    }

    @Test
    @Graded(exercise = Exercise.E3_1, points = 0.5)
    @DisplayName("Init.normal_ and uniform_ on a [256, 1024] tensor spread as PyTorch's draws")
    void normalAndUniformStatistics(TestReporter reporter) {
        ReferenceModel ref = reference();
        Case normal = InitCases.of(ref, "stats", "normal_").get(0);
        Case uniform = InitCases.of(ref, "stats", "uniform_").get(0);
        // PyTorch's side of both charts first: a stub that throws at the first draw still gets both
        ReportCharts.initHistogram(reporter, normal, null, false);
        ReportCharts.initHistogram(reporter, uniform, null, false);
        double std = normal.arg("std");
        checkNormalStatistics(normal, draw(normal, "normalAndUniformStatistics", reporter), "N(mean, std^2) with std=" + std,
                InitSlips.normal(std), Exercise.E3_1);
        checkUniformStatistics(uniform, draw(uniform, "normalAndUniformStatistics", reporter), "U(a, b)",
                InitSlips.uniform(uniform.arg("b")), Exercise.E3_1);
    }

    // --- 3.2 fans, xavierUniform_, xavierNormal_ --------------------------------------------

    @Test
    @Graded(exercise = Exercise.E3_2, points = 0.5)
    @DisplayName("Init.calculateFanInAndFanOut gives PyTorch's fans, and refuses a 1-D tensor")
    void fansMatchPyTorch() {
        ReferenceModel ref = reference();
        for (JsonNode row : InitCases.json(ref, "fans")) {
            int[] shape = InitCases.ints(row.get("shape"));
            Init.Fans fans = Init.calculateFanInAndFanOut(Tensor.zeros(shape));
            String what = "calculateFanInAndFanOut(tensor of shape " + Arrays.toString(shape) + ")";
            String hint = "a weight is [out, in, *receptive field]: fan_in = in * receptive field, "
                    + "fan_out = out * receptive field; " + Hints.of(Exercise.E3_2);
            assertThat(fans).as(what + " must not be null").isNotNull();
            assertThat(fans.fanIn()).as(what + ".fanIn(), PyTorch's fan_in; " + hint).isEqualTo(row.get("fan_in").asInt());
            assertThat(fans.fanOut()).as(what + ".fanOut(), PyTorch's fan_out; " + hint).isEqualTo(row.get("fan_out").asInt());
        }
        JsonNode error = InitCases.json(ref, "fans.error");
        int[] shape = InitCases.ints(error.get("shape"));
        Expect.message(IllegalArgumentException.class, () -> Init.calculateFanInAndFanOut(Tensor.zeros(shape)),
                        "calculateFanInAndFanOut(tensor of shape " + Arrays.toString(shape) + ")")
                .contains(error.get("message").asText(), "a tensor with fewer than 2 dimensions has no fans: refuse it in "
                        + "PyTorch's words; " + Hints.of(Exercise.E3_2));
    }

    /** Each call of metadata {@code key} ({@code fn}, {@code shape}, {@code args}, PyTorch's {@code message}) is refused. */
    private static void checkRefusals(String key, Exercise exercise, String rule) {
        for (JsonNode error : InitCases.json(reference(), key)) {
            Case c = new Case(error.get("fn").asText(), error.get("fn").asText(), 0, InitCases.ints(error.get("shape")),
                    error.get("args"), error);
            Expect.message(IllegalArgumentException.class, () -> InitCases.call(c, new Parameter(Tensor.zeros(c.shape()))),
                            c.call() + " for w of shape " + Arrays.toString(c.shape()))
                    .contains(error.get("message").asText(), rule + "; PyTorch refuses it with: "
                            + error.get("message").asText() + "; " + Hints.of(exercise));
        }
    }

    @Test
    @Graded(exercise = Exercise.E3_2, points = 0.75)
    @DisplayName("Init.xavierUniform_ draws PyTorch's numbers bit for bit (2-D and 4-D, several gains)")
    void xavierUniformMatchesPyTorch() {
        checkCases("xavier_uniform_", Tolerance.EXACT, Exercise.E3_2,
                "a = sqrt(3) * gain * sqrt(2 / (fan_in + fan_out)) in double, then uniform_(w, -a, a)");
        checkRefusals("xavier_uniform_.errors", Exercise.E3_2,
                "xavier_uniform_ needs the fans, and a tensor with fewer than 2 dimensions has none");
    }

    @Test
    @Graded(exercise = Exercise.E3_2, points = 0.75)
    @DisplayName("Init.xavierNormal_ draws PyTorch's numbers from the same seed")
    void xavierNormalMatchesPyTorch() {
        checkCases("xavier_normal_", NORMAL, Exercise.E3_2,
                "std = gain * sqrt(2 / (fan_in + fan_out)) in double, then normal_(w, 0, std)");
        checkRefusals("xavier_normal_.errors", Exercise.E3_2,
                "xavier_normal_ needs the fans, and a tensor with fewer than 2 dimensions has none");
    }

    @Test
    @Graded(exercise = Exercise.E3_2, points = 1)
    @DisplayName("Xavier on a [256, 1024] weight: within the bound, spread as PyTorch's")
    void xavierStatistics(TestReporter reporter) {
        ReferenceModel ref = reference();
        Case uniform = InitCases.of(ref, "stats", "xavier_uniform_").get(0);
        Case normal = InitCases.of(ref, "stats", "xavier_normal_").get(0);
        ReportCharts.initHistogram(reporter, uniform, null, false);
        ReportCharts.initHistogram(reporter, normal, null, false);
        int fanIn = (int) uniform.value("fan_in");
        int fanOut = (int) uniform.value("fan_out");
        String fans = "for fan_in=" + fanIn + ", fan_out=" + fanOut;
        checkUniformStatistics(uniform, draw(uniform, "xavierStatistics", reporter),
                "xavier_uniform_'s a = gain * sqrt(6 / (fan_in + fan_out)) " + fans, InitSlips.xavierUniform(fanIn, fanOut),
                Exercise.E3_2);
        checkNormalStatistics(normal, draw(normal, "xavierStatistics", reporter),
                "xavier_normal_'s std = gain * sqrt(2 / (fan_in + fan_out)) " + fans, InitSlips.xavierNormal(fanIn, fanOut),
                Exercise.E3_2);
    }

    // --- 3.3 calculateGain, kaimingUniform_ ---------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E3_3, points = 0.5)
    @DisplayName("Init.calculateGain gives PyTorch's gains, and refuses an unknown nonlinearity")
    void gainsMatchPyTorch() {
        ReferenceModel ref = reference();
        for (JsonNode row : InitCases.json(ref, "gains")) {
            String name = row.get("nonlinearity").asText();
            boolean hasParam = !row.get("param").isNull();
            double gain = hasParam ? Init.calculateGain(name, row.get("param").asDouble()) : Init.calculateGain(name);
            String call = "calculateGain(\"" + name + "\"" + (hasParam ? ", " + row.get("param").asDouble() : "") + ")";
            assertThat(gain).as(call + " is PyTorch's nn.init.calculate_gain: 1 for linear/conv/sigmoid, 5/3 for tanh, "
                    + "sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope 0.01 when not given), 3/4 for "
                    + "selu; " + Hints.of(Exercise.E3_3))
                    .isCloseTo(row.get("gain").asDouble(), org.assertj.core.api.Assertions.within(1e-15));
        }
        JsonNode error = InitCases.json(ref, "gains.error");
        String name = error.get("nonlinearity").asText();
        Expect.message(IllegalArgumentException.class, () -> Init.calculateGain(name), "calculateGain(\"" + name + "\")")
                .contains(error.get("message").asText(), "a nonlinearity PyTorch does not know is refused, in PyTorch's "
                        + "words, never given a gain of 1; " + Hints.of(Exercise.E3_3));
    }

    @Test
    @Graded(exercise = Exercise.E3_3, points = 1)
    @DisplayName("Init.kaimingUniform_ draws PyTorch's numbers bit for bit (modes, nonlinearities, slopes)")
    void kaimingUniformMatchesPyTorch() {
        checkCases("kaiming_uniform_", Tolerance.EXACT, Exercise.E3_3,
                "bound = sqrt(3) * calculateGain(nonlinearity, a) / sqrt(fan) in double, fan = fan_in or fan_out as "
                        + "mode says, then uniform_(w, -bound, bound)");
        JsonNode error = InitCases.json(reference(), "kaiming.mode_error");
        String mode = error.get("mode").asText();
        Expect.message(IllegalArgumentException.class,
                        () -> Init.kaimingUniform_(new Parameter(Tensor.zeros(8, 4)), 0, mode, "leaky_relu"),
                        "kaimingUniform_(w of shape [8, 4], 0, \"" + mode + "\", \"leaky_relu\")")
                .contains(error.get("message").asText(), "only fan_in and fan_out are modes (in any case: PyTorch lowers "
                        + "the mode first); refuse the others in PyTorch's words; " + Hints.of(Exercise.E3_3));
        checkRefusals("kaiming_uniform_.errors", Exercise.E3_3,
                "kaiming_uniform_ refuses an unsupported nonlinearity and a tensor with fewer than 2 dimensions");
        Tensor empty = Tensor.zeros(0, 4);
        assertThat(reference().metadata("kaiming.empty_returns_input")).as("init.onnx: PyTorch's kaiming_uniform_ "
                + "returns a tensor with no elements as it is").isEqualTo("True");
        Identity.assertSame(Expect.returnedBy(() -> Init.kaimingUniform_(empty), "kaimingUniform_(w of shape [0, 4])",
                        Hints.of(Exercise.E3_3)), empty, "kaimingUniform_ on a tensor with no elements leaves it as it is "
                        + "and returns it, as PyTorch does (it only warns that there is nothing to initialize); "
                        + Hints.of(Exercise.E3_3));
    }

    @Test
    @Graded(exercise = Exercise.E3_3, points = 0.5)
    @DisplayName("kaimingUniform_(w, sqrt(5)) is nn.Linear(4, 8)'s default weight initialization")
    void kaimingUniformIsLinearsDefault() {
        ReferenceModel ref = reference();
        long seed = Long.parseLong(ref.metadata("linear.seed"));
        Parameter w = new Parameter(Tensor.zeros(8, 4));
        Generator.manualSeed(seed);
        Init.kaimingUniform_(w, Math.sqrt(5), "fan_in", "leaky_relu");
        assertThatTensor(w.data())
                .named("Generator.manualSeed(" + seed + "); kaimingUniform_(w [8, 4], Math.sqrt(5), \"fan_in\", "
                        + "\"leaky_relu\") vs torch.manual_seed(" + seed + "); nn.Linear(4, 8).weight")
                .withHint("nn.Linear.reset_parameters() calls kaiming_uniform_(self.weight, a=math.sqrt(5)): gain "
                        + "sqrt(2 / (1 + 5)), fan_in = 4; " + Hints.of(Exercise.E3_3))
                .isCloseTo(ref.data("linear.weight"), Tolerance.EXACT);
    }

    @Test
    @Graded(exercise = Exercise.E3_3, points = 1)
    @DisplayName("Kaiming on a [256, 1024] weight: within the bound of the chosen fan, spread as PyTorch's")
    void kaimingStatistics(TestReporter reporter) {
        ReferenceModel ref = reference();
        boolean first = true;
        ReportCharts.initHistogram(reporter, InitCases.of(ref, "stats", "kaiming_uniform_").get(0), null, false);
        for (Case c : InitCases.of(ref, "stats", "kaiming_uniform_")) {
            int fanIn = (int) c.value("fan_in");
            int fanOut = (int) c.value("fan_out");
            String mode = c.text("mode");
            int fan = mode.equals("fan_in") ? fanIn : fanOut;
            int otherFan = mode.equals("fan_in") ? fanOut : fanIn;
            double gain = c.value("gain");
            String formula = "kaiming_uniform_'s bound = sqrt(3) * gain / sqrt(fan) with gain = "
                    + InitStatistics.format(gain) + " (" + c.text("nonlinearity") + ", a=" + InitStatistics.format(c.arg("a"))
                    + ") and fan = " + mode + " = " + fan + " (fan_in=" + fanIn + ", fan_out=" + fanOut + ")";
            checkUniformStatistics(c, draw(c, "kaimingStatistics", first ? reporter : null), formula,
                    InitSlips.kaiming(fan, otherFan, fanIn, fanOut, gain), Exercise.E3_3);
            first = false;
        }
    }

    // --- 3.4 Module.apply -------------------------------------------------------------------

    /** The PyTorch paths of the modules {@code start.apply(fn)} passes to {@code fn}, in call order. */
    private static List<String> applyOrder(ReferenceTree tree, Module start, String what) {
        Map<Module, String> paths = tree.pathsByModule();
        List<String> visited = new ArrayList<>();
        Module returned = start.apply(m -> visited.add(paths.getOrDefault(m, Identity.describe(m))));
        Identity.assertSame(returned, start, what + ".apply(fn) must return the module itself, as PyTorch's does; "
                + Hints.of(Exercise.E3_4));
        return visited;
    }

    @Test
    @Graded(exercise = Exercise.E3_4, points = 0.5)
    @DisplayName("apply calls fn on net's modules in PyTorch's order: children first, the module last")
    void applyVisitsNetAsPyTorch() {
        ReferenceModel ref = reference();
        ReferenceTree tree = ReferenceTree.of(ref, "apply.net.tree");
        assertThat(applyOrder(tree, tree.root(), "net"))
                .as("the named_modules paths of the modules net.apply(fn) passes to fn, in order (\"\" is net itself); "
                        + "PyTorch's apply calls each child's apply in registration order, then fn(self); "
                        + Hints.of(Exercise.E3_4))
                .containsExactlyElementsOf(ref.metadataList("apply.net.order"));
        assertThat(applyOrder(tree, tree.module("0"), "net[0]"))
                .as("net[0].apply(fn) on a module without children calls fn on net[0] only; " + Hints.of(Exercise.E3_4))
                .containsExactlyElementsOf(ref.metadataList("apply.net0.order"));
    }

    @Test
    @Graded(exercise = Exercise.E3_4, points = 0.5)
    @DisplayName("apply walks the nested rgnet depth first, children before parents, as PyTorch")
    void applyVisitsRgnetAsPyTorch() {
        ReferenceModel ref = reference();
        ReferenceTree tree = ReferenceTree.of(ref, "apply.rgnet.tree");
        assertThat(applyOrder(tree, tree.root(), "rgnet"))
                .as("the named_modules paths of the modules rgnet.apply(fn) passes to fn, in order (\"\" is rgnet "
                        + "itself): every child applies recursively before fn(self), so 0.block0.0 comes first and "
                        + "rgnet last; " + Hints.of(Exercise.E3_4))
                .containsExactlyElementsOf(ref.metadataList("apply.rgnet.order"));
    }

    @Test
    @Graded(exercise = Exercise.E3_4, points = 1)
    @DisplayName("apply visits the tied layer once, as PyTorch's apply walks children()")
    void applyVisitsASharedLayerOnce() {
        ReferenceModel ref = reference();
        ReferenceTree tree = ReferenceTree.of(ref, "apply.tied.tree");
        assertThat(applyOrder(tree, tree.root(), "tied"))
                .as("the named_modules paths of the modules the tied network's apply(fn) passes to fn, in order: "
                        + "PyTorch loops over children(), which lists the layer at positions 2 and 4 once, so "
                        + "position 4 is not visited again; " + Hints.of(Exercise.E3_4))
                .containsExactlyElementsOf(ref.metadataList("apply.tied.order"));
    }

    // --- 3.5 the notebook's initializers ------------------------------------------------------

    private static final List<String> NET_PARAMETERS = List.of("0.weight", "0.bias", "2.weight", "2.bias");

    /** The notebook's net from the student's Linear layers and the grader's container and ReLU. */
    private static InitNet net() {
        return new InitNet(new Linear(4, 8), new ReferenceReLU(), new Linear(8, 1));
    }

    private static Linear layer(InitNet net, int index) {
        return (Linear) net.registeredModules().get(String.valueOf(index));
    }

    private static Parameter parameter(InitNet net, String name) {
        String[] parts = name.split("\\.");
        Linear layer = layer(net, Integer.parseInt(parts[0]));
        return parts[1].equals("weight") ? layer.weight() : layer.bias();
    }

    /**
     * Calls {@code init} on a module that holds a weight and a bias as a Linear does but is not one (the
     * grader's stand-in layer, with PyTorch's values): the notebook's initializers test
     * {@code type(m) == nn.Linear}, so it must come back unchanged.
     */
    private static void checkLeavesOtherModulesAlone(Consumer<Module> init, String name) {
        ReferenceModel ref = reference();
        Tensor weight = ref.data("linear.weight");
        Tensor bias = ref.data("linear.weight").select(0);
        ReferenceLinear other = new ReferenceLinear(weight, bias);
        init.accept(other);
        String hint = name + " leaves every module that is not a Linear alone (the notebook tests type(m) == nn.Linear; "
                + "in Java m instanceof Linear): a module that merely holds a weight and a bias is not a Linear; "
                + Hints.of(Exercise.E3_5);
        assertThatTensor(other.registeredParameters().get("weight").data())
                .named("the weight of a module that is not a Linear, after " + name).withHint(hint)
                .isCloseTo(weight, Tolerance.EXACT);
        assertThatTensor(other.registeredParameters().get("bias").data())
                .named("the bias of a module that is not a Linear, after " + name).withHint(hint)
                .isCloseTo(bias, Tolerance.EXACT);
    }

    /** Sets net's parameters to PyTorch's values after {@code step}. */
    private static void setState(InitNet net, ReferenceModel ref, String step) {
        for (String name : NET_PARAMETERS) {
            parameter(net, name).data().copy_(ref.data("notebook." + step + "." + name));
        }
    }

    /** Compares net's parameters with PyTorch's after {@code step}. */
    private static void checkState(InitNet net, ReferenceModel ref, String step, String what, Tolerance weights,
            String hint) {
        for (String name : NET_PARAMETERS) {
            assertThatTensor(parameter(net, name).data())
                    .named("net[" + name.charAt(0) + "]." + name.substring(2) + " after " + what)
                    .withHint(hint + " (these functions call Init: if a test of 3.1-3.3 fails, fix that first); "
                            + Hints.of(Exercise.E3_5))
                    .isCloseTo(ref.data("notebook." + step + "." + name), name.endsWith("weight") ? weights : Tolerance.EXACT);
        }
    }

    private static long seedOf(ReferenceModel ref, String step) {
        for (JsonNode s : InitCases.json(ref, "notebook.steps")) {
            if (s.get("step").asText().equals(step)) {
                return s.get("seed").asLong();
            }
        }
        throw new IllegalStateException("init.onnx has no notebook step " + step);
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 1)
    @DisplayName("net.apply(init_normal): weights N(0, 0.01), biases zero, as PyTorch's")
    void initNormalMatchesPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        Parameter weight = layer(net, 0).weight();
        long seed = seedOf(ref, "init_normal");
        Generator.manualSeed(seed);
        InitWalk.apply(net, Initialization::initNormal);
        Identity.assertSame(layer(net, 0).weight(), weight,
                "initNormal must change the weight's values in place, not replace the parameter");
        checkState(net, ref, "init_normal", "torch.manual_seed(" + seed + "); net.apply(init_normal)", NORMAL,
                "for every Linear (m instanceof Linear), Init.normal_(weight, 0, 0.01) then Init.zeros_(bias); "
                        + "leave other modules alone");
        checkLeavesOtherModulesAlone(Initialization::initNormal, "init_normal");
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 0.5)
    @DisplayName("net.apply(init_constant): weights 1, biases zero, as PyTorch's")
    void initConstantMatchesPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        setState(net, ref, "init_normal");
        InitWalk.apply(net, Initialization::initConstant);
        checkState(net, ref, "init_constant", "net.apply(init_constant)", Tolerance.EXACT,
                "for every Linear, Init.constant_(weight, 1) then Init.zeros_(bias)");
        checkLeavesOtherModulesAlone(Initialization::initConstant, "init_constant");
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 1)
    @DisplayName("net[0].apply(xavier); net[2].apply(init_42): as PyTorch's")
    void xavierAndInit42MatchPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        setState(net, ref, "init_constant");
        long seed = seedOf(ref, "xavier_42");
        Generator.manualSeed(seed);
        InitWalk.apply(layer(net, 0), Initialization::xavier);
        InitWalk.apply(layer(net, 2), Initialization::init42);
        checkState(net, ref, "xavier_42", "torch.manual_seed(" + seed + "); net[0].apply(xavier); net[2].apply(init_42)",
                Tolerance.EXACT, "xavier: Init.xavierUniform_(weight) only; init_42: Init.constant_(weight, 42) only; "
                        + "the biases stay as they were");
        checkLeavesOtherModulesAlone(Initialization::xavier, "xavier");
        checkLeavesOtherModulesAlone(Initialization::init42, "init_42");
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 1)
    @DisplayName("net.apply(my_init): U(-10, 10), then |w| < 5 zeroed, as PyTorch's")
    void myInitMatchesPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        setState(net, ref, "xavier_42");
        long seed = seedOf(ref, "my_init");
        Generator.manualSeed(seed);
        InitWalk.apply(net, m -> Initialization.myInit(m, line -> { }));
        checkState(net, ref, "my_init", "torch.manual_seed(" + seed + "); net.apply(my_init)", Tolerance.EXACT,
                "Init.uniform_(weight, -10, 10), then multiply weight.data() by the mask weight.data().abs().ge(5); "
                        + "the biases stay as they were");
        List<String> printed = new ArrayList<>();
        checkLeavesOtherModulesAlone(m -> Initialization.myInit(m, printed::add), "my_init");
        assertThat(printed).as("what my_init printed for a module that is not a Linear: nothing; " + Hints.of(Exercise.E3_5))
                .isEmpty();
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 0.5)
    @DisplayName("my_init prints PyTorch's lines: Init weight torch.Size([8, 4]) ...")
    void myInitPrintsAsPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        List<String> printed = new ArrayList<>();
        Consumer<String> print = printed::add;
        Generator.manualSeed(seedOf(ref, "my_init"));
        InitWalk.apply(net, m -> Initialization.myInit(m, print));
        List<String> expected = List.of(ref.metadata("notebook.my_init.printed").split("\n"));
        assertThat(printed)
                .as("the lines net.apply(my_init) prints (PyTorch's print(\"Init\", *[(name, param.shape) for name, "
                        + "param in m.named_parameters()][0]) for each Linear, nothing for the ReLU); hand each line, "
                        + "without its line break, to print; " + Hints.of(Exercise.E3_5))
                .containsExactlyElementsOf(expected);
    }

    @Test
    @Graded(exercise = Exercise.E3_5, points = 0.5)
    @DisplayName("Direct edits: net[0].weight.data[:] += 1; net[0].weight.data[0, 0] = 42")
    void directEditsMatchPyTorch() {
        ReferenceModel ref = reference();
        InitNet net = net();
        setState(net, ref, "my_init");
        Parameter weight = layer(net, 0).weight();
        Initialization.directEdits(layer(net, 0));
        Identity.assertSame(layer(net, 0).weight(), weight, "directEdits must edit the weight in place");
        assertThat(weight.requiresGrad()).as("the weight must still require grad after directEdits").isTrue();
        checkState(net, ref, "direct_edits", "net[0].weight.data[:] += 1; net[0].weight.data[0, 0] = 42",
                Tolerance.EXACT, "add 1 to every element of weight().data(), then set element [0, 0] to 42");
    }
}

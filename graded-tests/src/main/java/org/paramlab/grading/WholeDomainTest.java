package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

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
import org.paramlab.grading.support.InitCases;
import org.paramlab.grading.support.InitCases.Case;
import org.paramlab.nn.Init;
import org.paramlab.nn.Linear;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.ReLU;
import org.paramlab.nn.SGD;
import org.paramlab.nn.SharedLayerTraining;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Inputs from the whole domain the javadoc allows, not one family: the other graded tests call the
 * numeric functions on the notebook's widths and on random inputs; these call them on what else
 * their contracts cover and PyTorch defines: NaN, infinities, {@code -0.0}, denormals and huge
 * values, other widths and ranks (0-D to 5-D), batch size 1, zero and negative arguments, and the
 * same object called again. Every expected value is PyTorch's, read from {@code domain.onnx}
 * ({@code reference-models/export_domain.py}). Each test grades the exercise that teaches the
 * function it calls; an answer hard-coded for the notebook's shapes scores nothing here.
 *
 * <p>Where PyTorch's answer is NaN, the right answer is NaN (NaN matches NaN, an infinity only the
 * same infinity: {@code TensorMismatch.matches}). The sign of a zero is not graded: PyTorch's
 * {@code relu(-0.0)} is {@code -0.0}, Java's {@code Math.max(-0.0f, 0f)} is {@code 0.0}, and both
 * are {@code max(x, 0)}.
 *
 * <p>Long on purpose: one graded test class per notebook section: its tests are that section's exercises, in the
 * notebook's order, and the report groups them by class; helpers it shares with other sections live in
 * grading.support.
 */
@Order(8)
@DisplayName("Whole domain: special values, other shapes and ranks, batch size 1, repeated calls")
class WholeDomainTest {

    /** As {@code InitializationTest.NORMAL}: PyTorch's normal draws are reproduced within 4.5e-7. */
    private static final Tolerance NORMAL = new Tolerance(1e-6, 1e-6, "normal draws, PyTorch within 1e-6");

    private static ReferenceModel reference() {
        return References.load("domain.onnx");
    }

    // --- 1.1 Linear's default initialization ---------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_1, points = 0.5)
    @DisplayName("Linear's default initialization draws PyTorch's numbers for other sizes: 1x1, 3x7, 17x3, 2x33, ...")
    void linearDefaultInitializationOnOtherShapes() {
        ReferenceModel ref = reference();
        String hint = "for any in_features and out_features: the weight [out_features, in_features] from "
                + "U(-k, k), k = sqrt(3) * sqrt(2 / 6) / sqrt(in_features), then the bias from "
                + "U(-1/sqrt(in_features), 1/sqrt(in_features)), weight first; " + Hints.of(Exercise.E1_1);
        for (JsonNode c : InitCases.json(ref, "linear.init")) {
            int in = c.get("in").asInt();
            int out = c.get("out").asInt();
            String prefix = "linear.init." + c.get("name").asText();
            String what = "torch.manual_seed(" + c.get("seed").asLong() + "); nn.Linear(" + in + ", " + out + ")";
            Generator.manualSeed(c.get("seed").asLong());
            Linear layer = new Linear(in, out);
            assertThatTensor(layer.weight().data()).named(what + ".weight").withHint(hint)
                    .isCloseTo(ref.data(prefix + ".weight"), Tolerance.EXACT);
            assertThatTensor(layer.bias().data()).named(what + ".bias").withHint(hint)
                    .isCloseTo(ref.data(prefix + ".bias"), Tolerance.EXACT);
        }
    }

    // --- 1.2 Linear.forward --------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.5)
    @DisplayName("Linear.forward matches PyTorch for batch size 1, widths 1 to 7, zeros, negatives, large values, "
            + "and again on the same layer")
    void linearForwardOnAnyBatchAndWidth() {
        ReferenceModel ref = reference();
        for (JsonNode c : InitCases.json(ref, "linear.forward")) {
            if (!c.get("name").asText().equals("inf")) {
                checkLinearCase(ref, c, "y = x W^T + b for any batch (1 included) and any width: no special case for "
                        + "one row, no width fixed in advance; " + Hints.of(Exercise.E1_2));
            }
        }
    }

    @Test
    @Graded(exercise = Exercise.E1_2, points = 0.25)
    @DisplayName("Linear.forward gives PyTorch's inf and NaN for an input holding +inf, -inf and NaN")
    void linearForwardWithInfinitiesAndNaN() {
        ReferenceModel ref = reference();
        for (JsonNode c : InitCases.json(ref, "linear.forward")) {
            if (c.get("name").asText().equals("inf")) {
                checkLinearCase(ref, c, "y = x W^T + b in float arithmetic, as PyTorch: inf * w is +inf or -inf by the "
                        + "sign of w, inf - inf is NaN, and a NaN makes its whole row NaN; do not skip, clamp or replace "
                        + "them; " + Hints.of(Exercise.E1_2));
            }
        }
    }

    /** One Linear with the case's parameters, called on each of its inputs in order, then on the first again. */
    private static void checkLinearCase(ReferenceModel ref, JsonNode c, String hint) {
        int in = c.get("in").asInt();
        int out = c.get("out").asInt();
        String prefix = "linear.forward." + c.get("name").asText();
        Linear layer = new Linear(in, out);
        layer.weight().data().copy_(ref.data(prefix + ".weight"));
        layer.bias().data().copy_(ref.data(prefix + ".bias"));
        String about = c.get("about").asText();
        int calls = c.get("batches").size();
        Tensor first = ref.data(prefix + ".X0");
        for (int k = 0; k <= calls; k++) {
            boolean again = k == calls;
            Tensor x = again ? first : k == 0 ? first : ref.data(prefix + ".X" + k);
            Tensor expected = ref.data(prefix + ".Y" + (again ? 0 : k));
            Tensor original = x.clone();
            String what = "Linear(" + in + ", " + out + ").forward(X) for X of shape " + x.size() + " (" + about
                    + (again ? "; the same layer called again on the same X, after " + calls + " other call"
                    + (calls == 1 ? "" : "s") + ": PyTorch gives the same output" : "") + ")";
            Tensor y = Expect.returnedBy(() -> layer.forward(x), what, hint);
            assertThatTensor(y).named(what).withHint(hint).isCloseTo(expected);
            assertThatTensor(x).named("X after " + what)
                    .withHint("Linear.forward must not change its input: compute a new tensor; " + Hints.of(Exercise.E1_2))
                    .isCloseTo(original, Tolerance.EXACT);
        }
    }

    // --- 1.3 ReLU.forward ----------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E1_3, points = 0.25)
    @DisplayName("ReLU.forward matches PyTorch on NaN, +-inf, +-0.0, denormals, huge values and 0-D to 3-D tensors, "
            + "and so does its gradient")
    void reluOnTheWholeDomain() {
        ReferenceModel ref = reference();
        ReLU relu = new ReLU(); // one object for every case: repeated calls must not remember anything
        String hint = "max(x, 0) element-wise, keeping the shape of x, as torch.relu: NaN stays NaN, -inf becomes 0, "
                + "+inf stays +inf (Tensor.relu() and Math.max(x, 0f) do this; x > 0 ? x : 0 turns NaN into 0); "
                + Hints.of(Exercise.E1_3);
        for (JsonNode c : InitCases.json(ref, "relu")) {
            String prefix = "relu." + c.get("name").asText();
            Tensor x = ref.data(prefix + ".X");
            boolean grad = c.get("grad").asBoolean();
            Tensor input = grad ? new Parameter(x.clone()) : x;
            Tensor original = x.clone();
            String what = "ReLU()(X) for X of shape " + x.size() + " (" + c.get("about").asText() + ")";
            Tensor y = Expect.returnedBy(() -> relu.forward(input), what, hint);
            assertThatTensor(grad ? input.data() : input).named("X after " + what)
                    .withHint("ReLU.forward must not change its input: return a new tensor (x.relu()), not x edited in "
                            + "place; " + Hints.of(Exercise.E1_3))
                    .isCloseTo(original, Tolerance.EXACT);
            assertThatTensor(y).named(what).withHint(hint).isCloseTo(ref.data(prefix + ".Y"), Tolerance.EXACT);
            if (grad) {
                assertThat(y.requiresGrad())
                        .as(what + " for an X that requires grad must require grad too: relu must let the gradient "
                                + "flow back to its input (compute it from x, not from x.data() or copied numbers); "
                                + Hints.of(Exercise.E1_3))
                        .isTrue();
                y.sum().backward();
                assertThatTensor(input.grad()).named("X.grad after " + what + ".sum().backward()")
                        .withHint("relu must let the gradient flow back to its input: 1 where x > 0 (+inf and denormals "
                                + "included), 0 where x <= 0 (-inf and both zeros included), as PyTorch; "
                                + Hints.of(Exercise.E1_3))
                        .isCloseTo(ref.data(prefix + ".grad"), Tolerance.EXACT);
            }
        }
    }

    // --- 3.1-3.3 torch.nn.init -----------------------------------------------------------------

    /**
     * Makes every case of {@code fns} from {@code init.cases} on a parameter holding PyTorch's initial
     * value, with the student's {@link Init}, and compares with PyTorch's values.
     */
    private static void checkInitCases(Set<String> fns, Exercise exercise, String hint) {
        ReferenceModel ref = reference();
        float initial = Float.parseFloat(ref.metadata("init.initial"));
        List<Case> cases = InitCases.of(ref, "init.cases", null);
        int checked = 0;
        for (Case c : cases) {
            if (!fns.contains(c.fn())) {
                continue;
            }
            checked++;
            Parameter w = new Parameter(Tensor.full(initial, c.shape()));
            Generator.manualSeed(c.seed());
            String callHint = c.hasUpperCaseMode()
                    ? "upper case is accepted: PyTorch lowers the mode ('" + c.text("mode") + "' is '"
                            + c.text("mode").toLowerCase(Locale.ROOT) + "'); " + Hints.of(exercise)
                    : hint + "; " + Hints.of(exercise);
            String what = c.describe() + " (" + rank(c.shape()) + special(c) + ")";
            Tensor returned = Expect.returnedBy(() -> InitCases.call(c, w), what, callHint);
            Identity.assertSame(returned, w, c.call() + " must return the tensor it was given, for a tensor of any "
                    + "shape (PyTorch's returns tensor); " + Hints.of(exercise));
            Tolerance tolerance = c.fn().contains("normal") ? NORMAL : Tolerance.EXACT;
            assertThatTensor(w.data()).named(what).withHint(callHint).isCloseTo(ref.data("init." + c.name()), tolerance);
        }
        if (checked == 0) {
            throw new IllegalStateException("domain.onnx has no init case for " + fns);
        }
    }

    /** "a 3-D tensor", "a 1-D tensor of one element". */
    private static String rank(int[] shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return "a " + shape.length + "-D tensor" + (n == 1 ? " of one element" : "");
    }

    /** The arguments of a case that are not the everyday kind: zero, -0.0, negative, infinite, NaN, tiny or huge. */
    private static String special(Case c) {
        List<String> notes = new ArrayList<>();
        c.args().fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                return;
            }
            double v = e.getValue().asDouble();
            String name = e.getKey();
            if (Double.isNaN(v)) {
                notes.add(name + " NaN");
            } else if (Double.isInfinite(v)) {
                notes.add(name + (v > 0 ? " +inf" : " -inf"));
            } else if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                notes.add(name + " -0.0");
            } else if (v == 0 && !name.equals("mean") && !name.equals("a")) {
                notes.add(name + " 0");
            } else if (v < 0 && !name.equals("a")) {
                notes.add("a negative " + name);
            } else if (v != 0 && (Math.abs(v) < 1e-30 || Math.abs(v) > 1e30)) {
                notes.add(name + " " + v);
            }
        });
        if (c.args().has("a") && c.args().has("b") && c.arg("a") == c.arg("b")) {
            notes.add("an empty range a = b");
        }
        return notes.isEmpty() ? "" : ", " + String.join(", ", notes);
    }

    @Test
    @Graded(exercise = Exercise.E3_1, points = 0.5)
    @DisplayName("Init.normal_, uniform_, constant_, zeros_, ones_ on 1-D and 3-D tensors, with std 0, U(a, a), "
            + "negative ranges, -0.0, +-inf and NaN, as PyTorch")
    void initializersOnTheWholeDomain() {
        checkInitCases(Set.of("normal_", "uniform_", "constant_", "zeros_", "ones_"), Exercise.E3_1,
                "every element of w.data() is drawn or set, whatever the rank of w: normal_ with "
                        + "Tensor.normal_((float) mean, (float) std) (std 0 gives mean everywhere), uniform_ with "
                        + "Tensor.uniform_((float) a, (float) b) (U(a, a) gives a), constant_ with fill_((float) val), "
                        + "which keeps -0.0, infinities and NaN");
    }

    @Test
    @Graded(exercise = Exercise.E3_2, points = 0.5)
    @DisplayName("Init.calculateFanInAndFanOut on 2-D to 5-D shapes multiplies by the receptive field, and refuses "
            + "0-D and 1-D tensors")
    void fansOnTheWholeDomain() {
        ReferenceModel ref = reference();
        String hint = "a weight is [out, in, *receptive field]: fan_in = in * receptive field, fan_out = out * "
                + "receptive field, the receptive field being the product of the sizes after the first two (1 for a "
                + "2-D weight, 0 if one of them is 0); " + Hints.of(Exercise.E3_2);
        for (JsonNode row : InitCases.json(ref, "fans")) {
            int[] shape = InitCases.ints(row.get("shape"));
            String what = "calculateFanInAndFanOut(tensor of shape " + Arrays.toString(shape) + ", " + rank(shape) + ")";
            Init.Fans fans = Expect.returnedBy(() -> Init.calculateFanInAndFanOut(Tensor.zeros(shape)), what, hint);
            assertThat(fans).as(what + " must not be null").isNotNull();
            assertThat(fans.fanIn()).as(what + ".fanIn(), PyTorch's fan_in; " + hint).isEqualTo(row.get("fan_in").asInt());
            assertThat(fans.fanOut()).as(what + ".fanOut(), PyTorch's fan_out; " + hint)
                    .isEqualTo(row.get("fan_out").asInt());
        }
        for (JsonNode error : InitCases.json(ref, "fans.errors")) {
            int[] shape = InitCases.ints(error.get("shape"));
            Expect.message(IllegalArgumentException.class, () -> Init.calculateFanInAndFanOut(Tensor.zeros(shape)),
                            "calculateFanInAndFanOut(tensor of shape " + Arrays.toString(shape) + ", " + rank(shape) + ")")
                    .contains(error.get("message").asText(), "a tensor with fewer than 2 dimensions (a 0-D one too, an "
                            + "empty one too) has no fans: refuse it in PyTorch's words; " + Hints.of(Exercise.E3_2));
        }
    }

    @Test
    @Graded(exercise = Exercise.E3_2, points = 0.5)
    @DisplayName("Init.xavierUniform_ and xavierNormal_ on 2-D to 5-D weights with gains 0, 0.5, sqrt(2), 5/3, 2, as "
            + "PyTorch")
    void xavierOnTheWholeDomain() {
        checkInitCases(Set.of("xavier_uniform_", "xavier_normal_"), Exercise.E3_2,
                "std = gain * sqrt(2 / (fan_in + fan_out)) in double, the fans multiplied by the receptive field for a "
                        + "weight of more than 2 dimensions; xavier_uniform_ draws uniform_(w, -a, a) with "
                        + "a = sqrt(3) * std, xavier_normal_ normal_(w, 0, std); a gain of 0 gives zeros");
    }

    @Test
    @Graded(exercise = Exercise.E3_3, points = 0.5)
    @DisplayName("Init.calculateGain for every nonlinearity PyTorch knows and several slopes, and refuses the others "
            + "(names are case-sensitive)")
    void gainsOnTheWholeDomain() {
        ReferenceModel ref = reference();
        String hint = "1 for linear, conv1d/2d/3d, conv_transpose1d/2d/3d and sigmoid, 5/3 for tanh, sqrt(2) for relu, "
                + "sqrt(2 / (1 + slope^2)) for leaky_relu (slope 0.01 when not given, any number otherwise), 3/4 for "
                + "selu; param is used by leaky_relu only; " + Hints.of(Exercise.E3_3);
        for (JsonNode row : InitCases.json(ref, "gains")) {
            String name = row.get("nonlinearity").asText();
            boolean hasParam = !row.get("param").isNull();
            double param = row.get("param").asDouble();
            String call = "calculateGain(\"" + name + "\"" + (hasParam ? ", " + param : "") + ")";
            double gain = Expect.returnedBy(() -> hasParam ? Init.calculateGain(name, param) : Init.calculateGain(name),
                    call, hint);
            assertThat(gain).as(call + " is PyTorch's nn.init.calculate_gain: " + hint)
                    .isCloseTo(row.get("gain").asDouble(), within(1e-15));
        }
        for (JsonNode error : InitCases.json(ref, "gains.errors")) {
            String name = error.get("nonlinearity").asText();
            Expect.message(IllegalArgumentException.class, () -> Init.calculateGain(name), "calculateGain(\"" + name + "\")")
                    .contains(error.get("message").asText(), "a nonlinearity PyTorch does not know is refused in "
                            + "PyTorch's words, never given a gain; names are compared exactly, as PyTorch does (\"ReLU\" "
                            + "is not \"relu\"); " + Hints.of(Exercise.E3_3));
        }
    }

    @Test
    @Graded(exercise = Exercise.E3_3, points = 0.5)
    @DisplayName("Init.kaimingUniform_ on 2-D to 5-D weights, both modes in any case, several slopes and "
            + "nonlinearities, as PyTorch; other modes are refused in PyTorch's words")
    void kaimingOnTheWholeDomain() {
        checkInitCases(Set.of("kaiming_uniform_"), Exercise.E3_3,
                "bound = sqrt(3) * calculateGain(nonlinearity, a) / sqrt(fan) in double, fan = fan_in or fan_out (as "
                        + "mode says) multiplied by the receptive field for a weight of more than 2 dimensions, then "
                        + "uniform_(w, -bound, bound)");
        for (JsonNode error : InitCases.json(reference(), "kaiming.mode_errors")) {
            int[] shape = InitCases.ints(error.get("shape"));
            String mode = error.get("mode").asText();
            Expect.message(IllegalArgumentException.class,
                            () -> Init.kaimingUniform_(new Parameter(Tensor.zeros(shape)), 0, mode, "leaky_relu"),
                            "kaimingUniform_(w of shape " + Arrays.toString(shape) + ", 0, \"" + mode + "\", \"leaky_relu\")")
                    .contains(error.get("message").asText(), "only fan_in and fan_out are modes, in any case (PyTorch "
                            + "lowers the mode first, so its message names the lowered mode); refuse the others in "
                            + "PyTorch's words; " + Hints.of(Exercise.E3_3));
        }
    }

    // --- 5.3 SGD.step --------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E5_3, points = 0.5)
    @DisplayName("SGD.step with lr 0, a parameter without a gradient, parameters of every rank, zero and negative "
            + "gradients, and several steps on the same optimizer, as PyTorch")
    void sgdStepOnTheWholeDomain() {
        ReferenceModel ref = reference();
        for (JsonNode c : InitCases.json(ref, "sgd")) {
            String name = c.get("name").asText();
            String prefix = "sgd." + name;
            float lr = (float) c.get("lr").asDouble();
            List<Parameter> params = new ArrayList<>();
            List<String> shapes = new ArrayList<>();
            for (int i = 0; i < c.get("grads").size(); i++) {
                Parameter p = new Parameter(ref.data(prefix + ".p" + i));
                if (c.get("grads").get(i).asBoolean()) {
                    p.setGrad(ref.data(prefix + ".g" + i));
                    shapes.add("p" + i + " " + Arrays.toString(p.shape().toArray()));
                } else {
                    shapes.add("p" + i + " " + Arrays.toString(p.shape().toArray()) + " without a gradient (grad None)");
                }
                params.add(p);
            }
            String opt = "opt = torch.optim.SGD([" + String.join(", ", shapes) + "], lr=" + c.get("lr").asDouble() + ")";
            String hint = "for each p whose grad() is not null: p.data -= lr * p.grad, in place on data() (lr = 0 changes "
                    + "nothing, a parameter without a gradient is left as it is, and each step() starts from the values "
                    + "the last one left); " + Hints.of(Exercise.E5_3);
            SGD sgd = new SGD(params, lr);
            int steps = c.get("steps").asInt();
            for (int k = 1; k <= steps; k++) {
                String what = opt + "; opt.step() " + (k == 1 ? "once" : k + " times");
                Expect.returnedBy(() -> {
                    sgd.step();
                    return null;
                }, what, hint);
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    boolean hasGrad = c.get("grads").get(i).asBoolean();
                    assertThatTensor(p.data()).named("p" + i + " after " + what)
                            .withHint(hasGrad ? hint : "a parameter whose grad() is null is skipped; " + hint)
                            .isCloseTo(ref.data(prefix + ".p" + i + ".step" + k),
                                    hasGrad && lr != 0 ? Tolerance.CPU_FLOAT32 : Tolerance.EXACT);
                }
            }
        }
    }

    // --- 7.1 mseLoss ----------------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E7_1, points = 0.5)
    @DisplayName("mseLoss on shapes [1, 1], [5, 3], [7], [2, 3, 2], equal and large values, and its gradients, as "
            + "nn.MSELoss()")
    void mseLossOnTheWholeDomain() {
        ReferenceModel ref = reference();
        String hint = "((yHat - y) ** 2).mean() over all elements, whatever the shape, as a 0-D tensor that autograd "
                + "can differentiate (its gradient is 2 * (yHat - y) / n for yHat, the negative for y); "
                + Hints.of(Exercise.E7_1);
        for (JsonNode c : InitCases.json(ref, "mse")) {
            String prefix = "mse." + c.get("name").asText();
            Parameter yHat = new Parameter(ref.data(prefix + ".yhat"));
            Parameter y = new Parameter(ref.data(prefix + ".y"));
            String what = "mseLoss(yHat, y) for yHat and y of shape " + yHat.size() + " (" + rank(yHat.shape().toArray())
                    + ")";
            Tensor loss = Expect.returnedBy(() -> SharedLayerTraining.mseLoss(yHat, y), what, hint);
            assertThatTensor(loss).named(what).withHint(hint).isCloseTo(ref.data(prefix + ".loss"));
            assertThat(loss.requiresGrad()).as(what + ": the loss must be differentiable (requiresGrad); " + hint).isTrue();
            loss.backward();
            assertThatTensor(yHat.grad()).named("yHat.grad after " + what + ".backward()").withHint(hint)
                    .isCloseTo(ref.data(prefix + ".grad.yhat"));
            assertThatTensor(y.grad()).named("y.grad after " + what + ".backward()").withHint(hint)
                    .isCloseTo(ref.data(prefix + ".grad.y"));
        }
    }
}

package org.paramlab.nn;

import java.util.List;
import java.util.Locale;

import org.paramlab.tensor.Tensor;

/**
 * Built-in initializers, like {@code torch.nn.init}: each fills a tensor in place and returns
 * it, so that the notebook's
 * <pre>{@code
 * nn.init.normal_(m.weight, mean=0, std=0.01)
 * nn.init.zeros_(m.bias)
 * nn.init.xavier_uniform_(m.weight)
 * }</pre>
 * reads, in Java,
 * <pre>{@code
 * Init.normal_(m.weight(), 0, 0.01);
 * Init.zeros_(m.bias());
 * Init.xavierUniform_(m.weight());
 * }</pre>
 *
 * <p>PyTorch runs these functions under {@code torch.no_grad()}, so that they may change a
 * parameter in place and autograd does not record it. In Java the same thing is done by editing
 * the tensor's {@link Tensor#data() data()}, which shares its storage: every method here changes
 * {@code tensor.data()} and returns {@code tensor} itself, so it works on a {@link Parameter}.
 *
 * <p>Random initializers draw from the default {@link org.paramlab.tensor.Generator}, as PyTorch
 * draws from its default generator: after {@code Generator.manualSeed(s)} (PyTorch's
 * {@code torch.manual_seed(s)}) they give PyTorch's numbers, provided they compute the bounds
 * with PyTorch's formulas, in {@code double} (Python's {@code float}), and hand them to
 * {@link Tensor#uniform_(float, float)} or {@link Tensor#normal_(float, float)} cast to
 * {@code float}, as PyTorch's float32 kernels do.
 *
 * <p>Java note: PyTorch's keyword arguments with defaults become overloads
 * ({@code xavierUniform_(w)} is {@code xavier_uniform_(w)}, {@code xavierUniform_(w, gain)} is
 * {@code xavier_uniform_(w, gain=gain)}); {@code snake_case} names become {@code camelCase}, the
 * trailing underscore that marks an in-place function stays.
 *
 * @see <a href="https://pytorch.org/docs/1.13/nn.init.html">torch.nn.init</a>
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Initialization</a>
 */
public final class Init {

    private Init() {
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 3.1: the simple initializers
    // ------------------------------------------------------------------------------------------

    /**
     * Fills {@code tensor} with samples from the normal distribution N(mean, std²), like
     * {@code nn.init.normal_(tensor, mean, std)}; the notebook's {@code init_normal} calls it
     * with {@code mean=0, std=0.01}. Draw with {@link Tensor#normal_(float, float)} on the data.
     *
     * @return {@code tensor}
     */
    public static Tensor normal_(Tensor tensor, double mean, double std) {
        // BEGIN SOLUTION 3.1 Init.normal_
        tensor.data().normal_((float) mean, (float) std);
        return tensor;
        // END SOLUTION
    }

    /**
     * {@code nn.init.normal_(tensor)}: N(0, 1).
     *
     * @return {@code tensor}
     */
    public static Tensor normal_(Tensor tensor) {
        return normal_(tensor, 0.0, 1.0);
    }

    /**
     * Fills {@code tensor} with samples from the uniform distribution U(a, b), like
     * {@code nn.init.uniform_(tensor, a, b)}; the notebook's {@code my_init} calls it with
     * {@code -10, 10}. Draw with {@link Tensor#uniform_(float, float)} on the data.
     *
     * @return {@code tensor}
     */
    public static Tensor uniform_(Tensor tensor, double a, double b) {
        // BEGIN SOLUTION 3.1 Init.uniform_
        tensor.data().uniform_((float) a, (float) b);
        return tensor;
        // END SOLUTION
    }

    /**
     * {@code nn.init.uniform_(tensor)}: U(0, 1).
     *
     * @return {@code tensor}
     */
    public static Tensor uniform_(Tensor tensor) {
        return uniform_(tensor, 0.0, 1.0);
    }

    /**
     * Sets every element of {@code tensor} to {@code val}, like
     * {@code nn.init.constant_(tensor, val)}: the notebook's {@code init_constant} uses 1 and
     * {@code init_42} uses 42.
     *
     * @return {@code tensor}
     */
    public static Tensor constant_(Tensor tensor, double val) {
        // BEGIN SOLUTION 3.1 Init.constant_
        tensor.data().fill_((float) val);
        return tensor;
        // END SOLUTION
    }

    /**
     * Sets every element to 0, like {@code nn.init.zeros_(tensor)}.
     *
     * @return {@code tensor}
     */
    public static Tensor zeros_(Tensor tensor) {
        // BEGIN SOLUTION 3.1 Init.zeros_
        tensor.data().zero_();
        return tensor;
        // END SOLUTION
    }

    /**
     * Sets every element to 1, like {@code nn.init.ones_(tensor)}.
     *
     * @return {@code tensor}
     */
    public static Tensor ones_(Tensor tensor) {
        // BEGIN SOLUTION 3.1 Init.ones_
        tensor.data().fill_(1f);
        return tensor;
        // END SOLUTION
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 3.2: fans and Xavier (Glorot) initialization
    // ------------------------------------------------------------------------------------------

    /**
     * The number of inputs and outputs a weight connects, as PyTorch computes them.
     *
     * @param fanIn  how many inputs feed each output ({@code in_features} for a Linear weight)
     * @param fanOut how many outputs each input feeds ({@code out_features} for a Linear weight)
     */
    public record Fans(int fanIn, int fanOut) {
    }

    /**
     * The fans of a weight tensor, like PyTorch's {@code _calculate_fan_in_and_fan_out(tensor)}.
     * A Linear weight has shape {@code [out_features, in_features]}, so for a 2-D tensor
     * {@code fan_in = size(1)} and {@code fan_out = size(0)}: the notebook's {@code net[0].weight}
     * ({@code [8, 4]}) has {@code fan_in = 4}, {@code fan_out = 8}. A tensor with more dimensions
     * (a convolution's {@code [out, in, kh, kw]}) multiplies both by the receptive field, the
     * product of the sizes after the first two.
     *
     * @throws IllegalArgumentException for a tensor with fewer than 2 dimensions, in PyTorch's
     *                                  words: {@code Fan in and fan out can not be computed for
     *                                  tensor with fewer than 2 dimensions}
     */
    public static Fans calculateFanInAndFanOut(Tensor tensor) {
        // BEGIN SOLUTION 3.2 Init.calculateFanInAndFanOut
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException(
                    "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        int receptiveField = 1;
        for (int d = 2; d < tensor.dim(); d++) {
            receptiveField *= tensor.size(d);
        }
        return new Fans(tensor.size(1) * receptiveField, tensor.size(0) * receptiveField);
        // END SOLUTION
    }

    /**
     * Xavier (Glorot) uniform initialization, like {@code nn.init.xavier_uniform_(tensor, gain)}:
     * samples from U(-a, a) with
     * <pre>
     * std = gain * sqrt(2 / (fan_in + fan_out))
     * a   = sqrt(3) * std
     * </pre>
     * computed in double in this order, then drawn as {@link #uniform_(Tensor, double, double)}
     * draws. The notebook's {@code xavier} initializes {@code net[0].weight} this way.
     *
     * @return {@code tensor}
     * @throws IllegalArgumentException for a tensor with fewer than 2 dimensions
     */
    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        // BEGIN SOLUTION 3.2 Init.xavierUniform_
        Fans fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));
        double a = Math.sqrt(3.0) * std;
        return uniform_(tensor, -a, a);
        // END SOLUTION
    }

    /**
     * {@code nn.init.xavier_uniform_(tensor)}: gain 1.
     *
     * @return {@code tensor}
     */
    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1.0);
    }

    /**
     * Xavier (Glorot) normal initialization, like {@code nn.init.xavier_normal_(tensor, gain)}:
     * samples from N(0, std²) with {@code std = gain * sqrt(2 / (fan_in + fan_out))}.
     *
     * @return {@code tensor}
     * @throws IllegalArgumentException for a tensor with fewer than 2 dimensions
     */
    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        // BEGIN SOLUTION 3.2 Init.xavierNormal_
        Fans fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));
        return normal_(tensor, 0.0, std);
        // END SOLUTION
    }

    /**
     * {@code nn.init.xavier_normal_(tensor)}: gain 1.
     *
     * @return {@code tensor}
     */
    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1.0);
    }

    // ------------------------------------------------------------------------------------------
    // Exercise 3.3: gains and Kaiming (He) initialization
    // ------------------------------------------------------------------------------------------

    /** The names {@link #calculateGain(String)} gives gain 1 besides {@code sigmoid}, as PyTorch's {@code linear_fns}. */
    public static final List<String> LINEAR_FUNCTIONS = List.of("linear", "conv1d", "conv2d", "conv3d",
            "conv_transpose1d", "conv_transpose2d", "conv_transpose3d");

    /**
     * The recommended gain for a nonlinearity, like {@code nn.init.calculate_gain(nonlinearity,
     * param)}: 1 for the {@link #LINEAR_FUNCTIONS} and {@code sigmoid}, {@code 5.0 / 3} for
     * {@code tanh}, {@code sqrt(2.0)} for {@code relu}, {@code sqrt(2.0 / (1 + slope²))} for
     * {@code leaky_relu} with negative slope {@code param}, {@code 3.0 / 4} for {@code selu}
     * ({@code param} is used by {@code leaky_relu} only).
     *
     * @throws IllegalArgumentException for any other name, in PyTorch's words:
     *                                  {@code Unsupported nonlinearity softmax}
     */
    public static double calculateGain(String nonlinearity, double param) {
        // BEGIN SOLUTION 3.3 Init.calculateGain
        if (LINEAR_FUNCTIONS.contains(nonlinearity) || "sigmoid".equals(nonlinearity)) {
            return 1;
        } else if ("tanh".equals(nonlinearity)) {
            return 5.0 / 3;
        } else if ("relu".equals(nonlinearity)) {
            return Math.sqrt(2.0);
        } else if ("leaky_relu".equals(nonlinearity)) {
            return Math.sqrt(2.0 / (1 + param * param));
        } else if ("selu".equals(nonlinearity)) {
            return 3.0 / 4;
        }
        throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        // END SOLUTION
    }

    /**
     * {@code nn.init.calculate_gain(nonlinearity)} without {@code param}: for {@code leaky_relu}
     * PyTorch then takes the negative slope 0.01 (the default of {@code nn.LeakyReLU}).
     */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * Kaiming (He) uniform initialization, like {@code nn.init.kaiming_uniform_(tensor, a, mode,
     * nonlinearity)}: samples from U(-bound, bound) with
     * <pre>
     * fan   = fan_in or fan_out, as mode says ("fan_in" keeps the forward pass's variance,
     *         "fan_out" the backward pass's)
     * gain  = calculateGain(nonlinearity, a)    // a: the negative slope of a leaky_relu
     * std   = gain / sqrt(fan)
     * bound = sqrt(3) * std
     * </pre>
     * computed in double in this order. The mode is not case-sensitive: upper case is accepted, as
     * PyTorch lowers it ({@code "FAN_OUT"} is {@code "fan_out"}).
     * {@link Linear}'s default initialization is
     * {@code kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu")}:
     * {@code nn.Linear.reset_parameters()} calls {@code kaiming_uniform_(self.weight, a=math.sqrt(5))}.
     * A tensor with no elements is left as it is (PyTorch warns and returns it).
     *
     * @return {@code tensor}
     * @throws IllegalArgumentException for a mode other than {@code fan_in}/{@code fan_out}, in
     *                                  PyTorch's words ({@code Mode fan_avg not supported, please
     *                                  use one of ['fan_in', 'fan_out']}), for an unsupported
     *                                  nonlinearity, or for a tensor with fewer than 2 dimensions
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, String mode, String nonlinearity) {
        // BEGIN SOLUTION 3.3 Init.kaimingUniform_
        if (tensor.numel() == 0) {
            return tensor;
        }
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("fan_in") && !m.equals("fan_out")) {
            throw new IllegalArgumentException("Mode " + m + " not supported, please use one of ['fan_in', 'fan_out']");
        }
        Fans fans = calculateFanInAndFanOut(tensor);
        int fan = m.equals("fan_in") ? fans.fanIn() : fans.fanOut();
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        double bound = Math.sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
        // END SOLUTION
    }

    /**
     * {@code nn.init.kaiming_uniform_(tensor, a)}: {@code mode="fan_in"},
     * {@code nonlinearity="leaky_relu"}.
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a) {
        return kaimingUniform_(tensor, a, "fan_in", "leaky_relu");
    }

    /** {@code nn.init.kaiming_uniform_(tensor)}: {@code a=0}, {@code mode="fan_in"}, {@code nonlinearity="leaky_relu"}. */
    public static Tensor kaimingUniform_(Tensor tensor) {
        return kaimingUniform_(tensor, 0.0, "fan_in", "leaky_relu");
    }
}

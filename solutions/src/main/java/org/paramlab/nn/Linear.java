package org.paramlab.nn;

import java.util.Arrays;

import org.paramlab.tensor.Tensor;

/**
 * A fully connected layer {@code y = x W^T + b}, like {@code torch.nn.Linear(in_features,
 * out_features)}.
 *
 * <p>It owns two parameters, registered in this order: {@code weight} of shape
 * {@code [outFeatures, inFeatures]} and {@code bias} of shape {@code [outFeatures]}. Note the
 * order of the weight's dimensions: one row per output. The notebook's {@code net[0]} is a
 * {@code Linear(4, 8)}, so {@code net[0].weight} has shape {@code torch.Size([8, 4])}.
 *
 * <p>Initialization follows PyTorch's {@code reset_parameters()}, drawing from the default
 * {@link org.paramlab.tensor.Generator}: first every weight from U(-k, k) with
 * {@code k = sqrt(3) * gain / sqrt(inFeatures)} and {@code gain = sqrt(2 / (1 + 5))}
 * (kaiming-uniform with {@code a = sqrt(5)}, computed in double), then every bias from
 * U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)). Draw in exactly this order (weight, then bias)
 * and the same seed gives PyTorch's numbers.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html">torch.nn.Linear</a>
 */
public class Linear extends Module {

    private int inFeatures;
    private final int outFeatures;
    private Parameter weight;
    private Parameter bias;

    /**
     * Creates the layer: registers {@code weight} ({@code [outFeatures, inFeatures]}) and then
     * {@code bias} ({@code [outFeatures]}) as parameters, and initializes them with
     * {@link #resetParameters()}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear(" + inFeatures + ", " + outFeatures
                    + "): in_features and out_features must be positive");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        // BEGIN SOLUTION 1.1 Linear(inFeatures, outFeatures)
        this.weight = registerParameter("weight", new Parameter(Tensor.zeros(outFeatures, inFeatures)));
        this.bias = registerParameter("bias", new Parameter(Tensor.zeros(outFeatures)));
        resetParameters();
        // END SOLUTION
    }

    /**
     * A layer whose input width is not known yet, for {@link LazyLinear}: {@code in_features} is
     * 0, and the placeholders {@code weight} and then {@code bias} are registered under those
     * names. Nothing is drawn.
     *
     * @throws IllegalArgumentException if {@code outFeatures} is not positive
     */
    protected Linear(int outFeatures, Parameter weightPlaceholder, Parameter biasPlaceholder) {
        if (outFeatures <= 0) {
            throw new IllegalArgumentException("LazyLinear(" + outFeatures + "): out_features must be positive");
        }
        this.outFeatures = outFeatures;
        setParameters(0, weightPlaceholder, biasPlaceholder);
    }

    /**
     * For {@link LazyLinear}: records {@code inFeatures} and registers {@code weight} and then
     * {@code bias} under the names {@code "weight"} and {@code "bias"} (replacing what was
     * registered under those names, keeping their order), without initializing them.
     */
    protected final void setParameters(int inFeatures, Parameter weight, Parameter bias) {
        this.inFeatures = inFeatures;
        this.weight = registerParameter("weight", weight);
        this.bias = registerParameter("bias", bias);
    }

    /**
     * PyTorch's default initialization, like {@code reset_parameters()}: the weight from
     * U(-k, k) with {@code k = sqrt(3) * gain / sqrt(inFeatures)}, {@code gain = sqrt(2 / (1 + 5))},
     * then the bias from U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)), both from the default
     * generator and through {@code data()}, so that autograd does not record it.
     */
    public void resetParameters() {
        // BEGIN SOLUTION 1.1 Linear.resetParameters
        double gain = Math.sqrt(2.0 / (1 + 5));
        double weightBound = Math.sqrt(3.0) * gain / Math.sqrt(inFeatures);
        weight.data().uniform_((float) -weightBound, (float) weightBound);
        double biasBound = 1 / Math.sqrt(inFeatures);
        bias.data().uniform_((float) -biasBound, (float) biasBound);
        // END SOLUTION
    }

    /** The weight parameter, shape {@code [outFeatures, inFeatures]}, like {@code linear.weight}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, shape {@code [outFeatures]}, like {@code linear.bias}. */
    public Parameter bias() {
        return bias;
    }

    /** The width of the input, like {@code in_features}. */
    public int inFeatures() {
        return inFeatures;
    }

    /** The width of the output, like {@code out_features}. */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * {@code x W^T + b} for a batch {@code x} of shape {@code [batch, inFeatures]}, giving
     * {@code [batch, outFeatures]} (the bias is broadcast over the batch):
     * {@code x.matmul(weight.t()).add(bias)}, or in one operation
     * {@code Tensor.addmm(bias, x, weight.t())}, which is what PyTorch does and why its output prints
     * {@code grad_fn=<AddmmBackward0>}; both are correct. Use the parameters
     * themselves, not their {@code data()}, so that autograd can reach them. {@code x} itself is
     * left unchanged.
     *
     * @throws IllegalArgumentException if {@code x} is not 2-D with {@code inFeatures} columns;
     *                                  the message names both shapes: the width the layer expects
     *                                  ({@code in_features}) and the shape of {@code x}
     */
    @Override
    public Tensor forward(Tensor x) {
        // BEGIN SOLUTION 1.2 Linear.forward
        if (x == null || x.dim() != 2 || x.size(1) != inFeatures) {
            throw new IllegalArgumentException("Linear(in_features=" + inFeatures + ", out_features=" + outFeatures
                    + "): expected an input of shape [batch, " + inFeatures
                    + "] but got " + (x == null ? "null" : Arrays.toString(x.shape().toArray())));
        }
        // torch.addmm(bias, x, weight.t()), as nn.Linear computes a batch: one autograd node, so the
        // output prints grad_fn=<AddmmBackward0> as PyTorch's does. x.matmul(weight.t()).add(bias)
        // gives the same values (and prints grad_fn=<AddBackward0>).
        return Tensor.addmm(bias, x, weight.t());
        // END SOLUTION
    }

    /** {@code in_features=4, out_features=8, bias=True}, as PyTorch prints a Linear. */
    @Override
    public String extraRepr() {
        // BEGIN SOLUTION 1.5 Linear.extraRepr
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=True";
        // END SOLUTION
    }
}

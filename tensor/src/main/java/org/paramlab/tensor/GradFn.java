package org.paramlab.tensor;

/**
 * One recorded operation of the autograd graph: the tensors it read and how to turn the
 * gradient of its output into gradients of those inputs (the chain rule for this operation).
 * PyTorch calls it {@code grad_fn}; the name is what {@code repr} shows, e.g. {@code AddBackward0}.
 */
final class GradFn {

    /** Maps the gradient of the output (row-major) to one gradient per input, null where unused. */
    @FunctionalInterface
    interface Rule {
        float[][] apply(float[] gradOutput);
    }

    final String name;
    final Tensor[] inputs;
    final Rule rule;

    GradFn(String name, Tensor[] inputs, Rule rule) {
        this.name = name;
        this.inputs = inputs;
        this.rule = rule;
    }
}

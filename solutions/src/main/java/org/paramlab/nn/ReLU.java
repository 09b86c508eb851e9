package org.paramlab.nn;

import org.paramlab.tensor.Tensor;

/**
 * The rectified linear unit {@code max(x, 0)}, element-wise, like {@code torch.nn.ReLU()}. It
 * has no parameters, and prints as {@code ReLU()}.
 */
public class ReLU extends Module {

    /** {@code max(x, 0)} element-wise, keeping the shape of {@code x} ({@link Tensor#relu()}). */
    @Override
    public Tensor forward(Tensor x) {
        // BEGIN SOLUTION 1.3 ReLU.forward
        if (x == null) {
            throw new IllegalArgumentException("ReLU: the input must not be null");
        }
        return x.relu();
        // END SOLUTION
    }
}

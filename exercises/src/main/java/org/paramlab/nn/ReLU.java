package org.paramlab.nn;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Tensor;

/**
 * The rectified linear unit {@code max(x, 0)}, element-wise, like {@code torch.nn.ReLU()}. It
 * has no parameters, and prints as {@code ReLU()}.
 */
public class ReLU extends Module {

    /**
     * {@code max(x, 0)} element-wise, keeping the shape of {@code x} ({@link Tensor#relu()}), as a new
     * tensor: {@code x} itself is left unchanged, and autograd connects the result to {@code x}, so
     * that the gradient flows back through the ReLU to whatever computed {@code x}.
     */
    @Override
    public Tensor forward(Tensor x) {
        // TODO exercise 1.3 ReLU.forward: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.3 ReLU.forward");
    }
}

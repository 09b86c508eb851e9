package org.paramlab.grading.support;

import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * A linear layer built by the grader from PyTorch's weights with the given registration API
 * only, so that tests of containers ({@code Sequential}, the tree walks) do not depend on the
 * student's {@code Linear}. Its class name is not "Linear", so it cannot be mistaken for it.
 */
public final class ReferenceLinear extends Module {

    private final Parameter weight;
    private final Parameter bias;

    /** Registers copies of {@code weight} and {@code bias} as parameters, in PyTorch's order. */
    public ReferenceLinear(Tensor weight, Tensor bias) {
        this.weight = registerParameter("weight", new Parameter(weight.clone()));
        this.bias = registerParameter("bias", new Parameter(bias.clone()));
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.matmul(weight.t()).add(bias);
    }
}

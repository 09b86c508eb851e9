package org.paramlab.grading.support;

import org.paramlab.nn.Module;
import org.paramlab.tensor.Tensor;

/**
 * A container built by the grader that registers its modules as children {@code 0}, {@code 1},
 * ... with the given registration API only: the notebook's {@code net} made of the student's
 * {@code Linear} layers without depending on the student's {@code Sequential}.
 */
public final class InitNet extends Module {

    /** Registers {@code children} under {@code "0"}, {@code "1"}, ... */
    public InitNet(Module... children) {
        for (int i = 0; i < children.length; i++) {
            addModule(String.valueOf(i), children[i]);
        }
    }

    /** Prints as PyTorch's container would. */
    @Override
    public String typeName() {
        return "Sequential";
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("the grader's InitNet only holds modules to initialize");
    }
}

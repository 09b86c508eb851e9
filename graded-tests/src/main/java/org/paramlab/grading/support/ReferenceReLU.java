package org.paramlab.grading.support;

import org.paramlab.nn.Module;
import org.paramlab.tensor.Tensor;

/** The grader's own ReLU, so that container tests do not depend on the student's {@code ReLU}. */
public final class ReferenceReLU extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}

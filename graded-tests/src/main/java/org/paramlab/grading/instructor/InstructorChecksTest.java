package org.paramlab.grading.instructor;

import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.paramlab.grader.Graded;
import org.paramlab.grader.InstructorCheck;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Inputs;
import org.paramlab.nn.Linear;
import org.paramlab.nn.ReLU;
import org.paramlab.tensor.Tensor;

/**
 * The example instructor-only checks (docs/assignments.md): graded tests that no student template contains
 * ({@code scripts/make-student-template.sh} leaves this package out) and that only an assignment announcing them
 * ({@code "instructorChecks"} in the course file) runs, in trusted grading. Expected values come from the
 * PyTorch references, as everywhere else.
 */
@DisplayName("Instructor-only checks")
class InstructorChecksTest {

    @Test
    @Graded(exercise = Exercise.E1_2, points = 1)
    @InstructorCheck(visibility = InstructorCheck.Visibility.AFTER_DUE_DATE)
    @DisplayName("Linear(4, 8).forward matches PyTorch on a batch of one row and on a batch of 257 large rows")
    void linearForwardOnUnusualBatches() {
        ReferenceModel ref = References.load("linear.onnx");
        Linear layer = new Linear(4, 8);
        layer.weight().data().copy_(ref.initializer("weight"));
        layer.bias().data().copy_(ref.initializer("bias"));
        Inputs inputs = Inputs.forTest("linearForwardOnUnusualBatches");
        for (Tensor x : new Tensor[] {inputs.uniform(-2f, 2f, 1, 4), inputs.uniform(-50f, 50f, 257, 4)}) {
            assertThatTensor(layer.forward(x)).named("Linear(4, 8).forward(X) for X of shape " + x.size())
                    .withHint("y = x W^T + b for every row of the batch, whatever its size; " + Hints.of(Exercise.E1_2))
                    .isCloseTo(ref.run(x));
        }
    }

    @Test
    @Graded(exercise = Exercise.E1_3, points = 1)
    @InstructorCheck(visibility = InstructorCheck.Visibility.AFTER_PUBLISHED)
    @DisplayName("ReLU.forward matches PyTorch on values at and near zero, of both signs")
    void reluAtZero() {
        ReferenceModel ref = References.load("relu.onnx");
        Inputs inputs = Inputs.forTest("reluAtZero");
        Tensor x = inputs.uniform(-1e-6f, 1e-6f, 4, 8);
        assertThatTensor(new ReLU().forward(x)).named("ReLU()(X) for X within 1e-6 of zero")
                .withHint("max(x, 0), element-wise, also for the tiniest negative values; " + Hints.of(Exercise.E1_3))
                .isCloseTo(ref.run(x), Tolerance.EXACT);
    }
}

package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.Graded;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.ReferenceTree;
import org.paramlab.nn.ParameterCount;

/**
 * Group 9, Counting parameters: the number of values a network learns, as PyTorch counts them. Every expected
 * value is PyTorch's, from the files {@code reference-models/export_counting_parameters.py} writes.
 */
@Order(9)
@DisplayName("9 Counting parameters")
class CountingParametersTest {

    // --- 9.1 ParameterCount.of ---------------------------------------------------------------------------

    /** The tied network (grader-built, PyTorch's tree) has PyTorch's count: the shared layer counted once. */
    @Test
    @Graded(exercise = Exercise.E9_1, points = 1.0)
    @DisplayName("ParameterCount.of counts each parameter once, as PyTorch's sum(p.numel() for p in net.parameters())")
    void parameterCountOfMatchesPyTorch() {
        ReferenceModel ref = References.load("parameter_count.onnx");
        ReferenceTree tree = ReferenceTree.of(ref);
        long expected = Long.parseLong(ref.metadata("count"));
        assertThat(ParameterCount.of(tree.root()))
                .as("ParameterCount.of(net) for the tied network, whose Linear(8, 8) sits at positions 2 and 4 (PyTorch: "
                        + "sum(p.numel() for p in net.parameters()) = " + expected + ", the shared layer counted once); "
                        + Hints.of(Exercise.E9_1))
                .isEqualTo(expected);
    }
}

/**
 * AssertJ assertions on tensors whose failure messages teach:
 * {@code assertThatTensor(net.forward(x)).named("net(X)").withHint("...").isCloseTo(expected)}.
 *
 * <p>{@link org.paramlab.grader.assertions.TensorMismatch} is the one place that writes tensor
 * feedback (name, shapes, first mismatching index, largest difference, NaN/Inf, tolerance, hint);
 * its texts have tests of their own.
 */
package org.paramlab.grader.assertions;

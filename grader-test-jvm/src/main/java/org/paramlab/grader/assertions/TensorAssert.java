package org.paramlab.grader.assertions;

import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.internal.Failures;
import org.paramlab.grader.figures.Figures;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

/**
 * AssertJ assertions on a {@link Tensor}, with feedback written by {@link TensorMismatch}:
 *
 * <pre>{@code
 * assertThatTensor(net.forward(x))
 *         .named("net(X)")
 *         .withHint("see the notebook section 'Parameter Access'")
 *         .isCloseTo(reference.run(x));
 * }</pre>
 *
 * <p>The failure message is only the feedback text (a few lines), with no AssertJ frames in the
 * stack trace.
 */
public class TensorAssert extends AbstractAssert<TensorAssert, Tensor> {

    private String name;
    private String hint;

    protected TensorAssert(Tensor actual) {
        super(actual, TensorAssert.class);
    }

    /** The entry point: {@code assertThatTensor(actual).named("net(X)").isCloseTo(expected)}. */
    public static TensorAssert assertThatTensor(Tensor actual) {
        return new TensorAssert(actual);
    }

    /** What is being checked, shown first in the feedback, e.g. {@code net(X)} or {@code net[0].weight}. */
    public TensorAssert named(String name) {
        this.name = name;
        return myself;
    }

    /** A pointer for the student, shown last, e.g. {@code see the notebook section 'Parameter Access'}. */
    public TensorAssert withHint(String hint) {
        this.hint = hint;
        return myself;
    }

    /** Checks the shape, e.g. {@code hasShape(8, 4)} for {@code net[0].weight}. */
    public TensorAssert hasShape(int... expectedShape) {
        Objects.requireNonNull(expectedShape, "expectedShape");
        if (actual == null) {
            throw fail(TensorMismatch.nullActual(name(), expectedShape, hint));
        }
        Optional<String> mismatch = TensorMismatch.shape(name(), expectedShape, actual.shape().toArray(), hint);
        if (mismatch.isPresent()) {
            throw fail(mismatch.get());
        }
        return myself;
    }

    /**
     * Checks that the shapes are equal and every element satisfies
     * {@code |actual - expected| <= atol + rtol * |expected|}; an infinity matches only the same
     * infinity, and NaN only NaN ({@link TensorMismatch#matches}).
     */
    public TensorAssert isCloseTo(Tensor expected, Tolerance tolerance) {
        Optional<String> mismatch = TensorMismatch.compare(name(), expected, actual, tolerance, hint);
        if (mismatch.isPresent()) {
            rememberForHeatmap(expected, tolerance, mismatch.get());
            throw fail(mismatch.get());
        }
        return myself;
    }

    /** Leaves a value mismatch's numbers for report.html's heatmap (display only; see {@link Figures}). */
    private void rememberForHeatmap(Tensor expected, Tolerance tolerance, String message) {
        try {
            if (actual != null && !expected.shape().equals(actual.shape())) {
                return;
            }
            float[] e = expected.toArray();
            float[] a = actual == null ? null : actual.toArray();
            int first = 0;
            if (a != null) {
                while (first < a.length && TensorMismatch.matches(a[first], e[first], tolerance)) {
                    first++;
                }
            }
            Figures.mismatch(name(), expected.shape().toArray(), e, a, first, message);
        } catch (RuntimeException ignored) {
            // only a chart
        }
    }

    /** {@link #isCloseTo(Tensor, Tolerance)} with the tolerance of {@link Provider#current()}. */
    public TensorAssert isCloseTo(Tensor expected) {
        return isCloseTo(expected, Provider.current().tolerance());
    }

    /** The name given with {@link #named(String)}, else an AssertJ description ({@code as(...)}), if any. */
    private String name() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String description = descriptionText();
        return description == null || description.isBlank() ? null : description;
    }

    private static AssertionError fail(String message) {
        return Failures.instance().failure(message);
    }
}

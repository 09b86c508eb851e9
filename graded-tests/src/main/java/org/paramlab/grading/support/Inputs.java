package org.paramlab.grading.support;

import org.paramlab.grader.protocol.GradingSeed;
import org.paramlab.tensor.Generator;
import org.paramlab.tensor.Tensor;

/**
 * Random inputs for graded tests, drawn from the run's seed ({@link GradingSeed}) and the test's
 * name, so that one test's inputs do not depend on which other tests ran, and a run can be
 * reproduced with {@code -Dparamlab.seed=N}.
 */
public final class Inputs {

    private final Generator generator;

    private Inputs(Generator generator) {
        this.generator = generator;
    }

    /** The inputs of the test called {@code testName} in this run. */
    public static Inputs forTest(String testName) {
        return new Inputs(new Generator(GradingSeed.get() * 31 + testName.hashCode()));
    }

    /** Uniform values in [low, high). */
    public Tensor uniform(float low, float high, int... shape) {
        return Tensor.zeros(shape).uniform_(generator, low, high);
    }

    /** Standard normal values (both signs, for ReLU). */
    public Tensor normal(int... shape) {
        return Tensor.randn(generator, shape);
    }

    /** A batch size between 1 and {@code max}. */
    public int batch(int max) {
        float[] u = new float[1];
        generator.fillUniform(u, 0f, 1f);
        return 1 + (int) (u[0] * max);
    }
}

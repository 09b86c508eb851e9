package org.paramlab.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Tensor;

/**
 * Exercise 2 of the notebook: "Construct an MLP containing a shared parameter layer and train
 * it. During the training process, observe the model parameters and gradients of each layer."
 *
 * <p>The model is the notebook's tied network:
 * <pre>{@code
 * shared = nn.Linear(8, 8)
 * net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))
 * }</pre>
 * and training is plain gradient descent on the mean squared error, written out by hand as D2L
 * does before it introduces optimizers:
 * <pre>{@code
 * loss_fn = nn.MSELoss()
 * for step in range(steps):
 *     net.zero_grad()
 *     loss = loss_fn(net(X), y)
 *     loss.backward()
 *     with torch.no_grad():
 *         for p in net.parameters():
 *             p.data -= lr * p.grad
 * }</pre>
 * Watch the shared layer: {@code net.parameters()} lists its weight once, and autograd adds the
 * gradients of its two uses into that one {@code grad}, so one update moves both "layers". An
 * {@linkplain #untiedCopy(Sequential) untied copy} (two separate layers with the same values)
 * shows the two contributions apart: their sum is the shared layer's gradient.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 */
public final class SharedLayerTraining {

    private SharedLayerTraining() {
    }

    /**
     * The MLP with a shared layer above. Build the shared {@code Linear(8, 8)} first, then
     * {@code Linear(4, 8)}, then {@code Linear(8, 1)}, as the Python lines do, so that the same
     * seed draws PyTorch's weights; position 2 and position 4 are the same object.
     */
    public static Sequential sharedMlp() {
        // TODO exercise 7.1 SharedLayerTraining.sharedMlp: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.1 SharedLayerTraining.sharedMlp");
    }

    /**
     * The mean squared error, like {@code nn.MSELoss()(yHat, y)}: the mean over all elements of
     * {@code (yHat - y)^2}, a scalar that autograd can differentiate.
     *
     * @throws IllegalArgumentException if the shapes differ (PyTorch would broadcast and warn;
     *                                  a {@code [n, 1]} against an {@code [n]} is a classic bug); the
     *                                  message names both shapes
     */
    public static Tensor mseLoss(Tensor yHat, Tensor y) {
        // TODO exercise 7.1 SharedLayerTraining.mseLoss: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.1 SharedLayerTraining.mseLoss");
    }

    /**
     * Trains {@code net} for {@code steps} steps of gradient descent on {@link #mseLoss} and records
     * what happened. Each step, in this order:
     * <ol>
     *   <li>copy every parameter's values ({@code p.data().clone()}), by
     *       {@link Module#namedParameters()} name;</li>
     *   <li>clear the gradients ({@link Module#zeroGrad()});</li>
     *   <li>{@code loss = mseLoss(net.forward(x), y)}, then {@code loss.backward()};</li>
     *   <li>copy every parameter's gradient ({@code p.grad().clone()});</li>
     *   <li>update every parameter once, {@code p.data -= lr * p.grad}: in Java
     *       {@code p.data().sub_(p.grad().mul(lr))} (in place on {@code data()}, which autograd does
     *       not record; the parameter itself refuses in-place edits).</li>
     * </ol>
     * After the last step, copy the parameters' values once more: {@link TrainingRecord#finalParameters()}.
     *
     * @param net   the model; its parameters change
     * @param x     the inputs, {@code [n, 4]} for the shared MLP
     * @param y     the targets, the shape of {@code net.forward(x)}
     * @param steps how many updates
     * @param lr    the learning rate
     * @return the record of the run
     */
    public static TrainingRecord train(Module net, Tensor x, Tensor y, int steps, float lr) {
        // TODO exercise 7.1 SharedLayerTraining.train: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.1 SharedLayerTraining.train");
    }

    /**
     * The same network without the tying: a new {@code Sequential} whose every {@link Linear} is a
     * new {@code Linear} of the same size holding a copy of that position's weight and bias, so that
     * positions 2 and 4 become two separate layers with equal values (other children, such as
     * {@code ReLU}, which have no parameters, may be reused). Its gradients at positions 2 and 4
     * are the two contributions that the shared layer's gradient sums.
     *
     * @param net a {@code Sequential} of {@code Linear} and parameter-free modules, e.g.
     *            {@link #sharedMlp()}
     */
    public static Sequential untiedCopy(Sequential net) {
        // TODO exercise 7.1 SharedLayerTraining.untiedCopy: write this part (its javadoc is the specification).
        throw new NotImplementedException("7.1 SharedLayerTraining.untiedCopy");
    }
}

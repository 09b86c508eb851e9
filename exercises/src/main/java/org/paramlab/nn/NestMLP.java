package org.paramlab.nn;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Tensor;

/**
 * The notebook's {@code NestMLP}: a {@link Sequential} nested inside a custom module, followed by
 * one more layer. From the notebook (exercise 1 uses it inside {@code chimera}):
 * <pre>{@code
 * class NestMLP(nn.Module):
 *     def __init__(self):
 *         super().__init__()
 *         self.net = nn.Sequential(nn.LazyLinear(64), nn.ReLU(),
 *                                  nn.LazyLinear(32), nn.ReLU())
 *         self.linear = nn.LazyLinear(16)
 *
 *     def forward(self, X):
 *         return self.linear(self.net(X))
 * }</pre>
 *
 * <p>PyTorch registers {@code net} and {@code linear} as children when the constructor assigns
 * them to attributes; Java registers them explicitly, in the same order, with
 * {@link #addModule(String, Module)}. The child names are what the parameters are called
 * ({@code net.0.weight}, ..., {@code linear.bias}) and what prints ({@code (net): Sequential(}).
 *
 * <p>All three layers are {@link LazyLinear}: nothing is drawn when the model is built. The first
 * {@link #forward(Tensor)} initializes them in the order the data reaches them ({@code net.0},
 * {@code net.2}, then {@code linear}), so that after {@code Generator.manualSeed(s)} the weights
 * are PyTorch's for {@code torch.manual_seed(s)}.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/model-construction.html">D2L: Layers and Modules</a>
 */
public class NestMLP extends Module {

    private final Sequential net;
    private final LazyLinear linear;

    /**
     * Registers the child {@code net} ({@code Sequential(LazyLinear(64), ReLU(), LazyLinear(32),
     * ReLU())}) and then the child {@code linear} ({@code LazyLinear(16)}), in this order.
     */
    public NestMLP() {
        // TODO exercise 6.1 NestMLP(): write this part (its javadoc is the specification).
        throw new NotImplementedException("6.1 NestMLP()");
    }

    /** The nested {@code Sequential}, like {@code self.net}. */
    public Sequential net() {
        return net;
    }

    /** The last layer, like {@code self.linear}. */
    public LazyLinear linear() {
        return linear;
    }

    /**
     * {@code self.linear(self.net(X))}: {@code [batch, features]} in, {@code [batch, 16]} out.
     */
    @Override
    public Tensor forward(Tensor x) {
        // TODO exercise 6.1 NestMLP.forward: write this part (its javadoc is the specification).
        throw new NotImplementedException("6.1 NestMLP.forward");
    }
}

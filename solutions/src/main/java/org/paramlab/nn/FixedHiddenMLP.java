package org.paramlab.nn;

import org.paramlab.tensor.Tensor;

/**
 * The notebook's {@code FixedHiddenMLP}: a constant random weight that is <em>not</em> a
 * parameter, one layer used twice, and Python control flow in {@code forward}.
 * <pre>{@code
 * class FixedHiddenMLP(nn.Module):
 *     def __init__(self):
 *         super().__init__()
 *         # Random weight parameters that will not compute gradients and
 *         # therefore keep constant during training
 *         self.rand_weight = torch.rand((20, 20))
 *         self.linear = nn.LazyLinear(20)
 *
 *     def forward(self, X):
 *         X = self.linear(X)
 *         X = F.relu(X @ self.rand_weight + 1)
 *         # Reuse the fully connected layer. This is equivalent to sharing
 *         # parameters with two fully connected layers
 *         X = self.linear(X)
 *         # Control flow
 *         while X.abs().sum() > 1:
 *             X /= 2
 *         return X.sum()
 * }</pre>
 *
 * <p>Three things to notice:
 * <ul>
 *   <li>{@code rand_weight} is a plain tensor attribute: PyTorch registers only {@code Parameter}s
 *       and modules, so it is in neither {@code named_parameters()} nor {@code state_dict()}, and
 *       no optimizer ever changes it. In Java: keep it in a field and do not register it.</li>
 *   <li>{@code linear} is applied twice, so its weight gets the gradients of both uses (their
 *       sum), as a tied layer does. Its second use needs a 20-wide input, so its
 *       {@code in_features} must be 20 too: feed it inputs of shape {@code [batch, 20]}.</li>
 *   <li>The {@code while} loop depends on the data: how many times {@code X} is halved depends on
 *       the input. Java differs here in one detail: this library's autograd does not record
 *       in-place operations, so {@link Tensor}'s in-place operations refuse an intermediate result
 *       that requires grad (PyTorch allows {@code X /= 2} on it; here {@code x.div_(2f)} throws an
 *       IllegalStateException that says so). The Java loop makes a new tensor each time,
 *       {@code x = x.div(2f)}: the same values, and autograd records it. (Editing {@code x.data()}
 *       instead would cut the graph.)</li>
 * </ul>
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/model-construction.html">D2L: Layers and Modules</a>
 */
public class FixedHiddenMLP extends Module {

    private final Tensor randWeight;
    private final LazyLinear linear;

    /**
     * Draws {@code rand_weight} = {@code torch.rand((20, 20))} from the default generator
     * ({@link Tensor#rand(int...)}; it does not require grad and is not registered), then
     * registers the child {@code linear} = {@code LazyLinear(20)}. After
     * {@code Generator.manualSeed(s)}, {@link #randWeight()} holds PyTorch's numbers for
     * {@code torch.manual_seed(s)}.
     */
    public FixedHiddenMLP() {
        // BEGIN SOLUTION 6.2 FixedHiddenMLP()
        this.randWeight = Tensor.rand(20, 20);
        this.linear = addModule("linear", new LazyLinear(20));
        // END SOLUTION
    }

    /**
     * The constant {@code self.rand_weight}, shape {@code [20, 20]}: the tensor itself (not a
     * copy), not a parameter, not in the state dict.
     */
    public Tensor randWeight() {
        return randWeight;
    }

    /** The layer used twice, like {@code self.linear}. */
    public LazyLinear linear() {
        return linear;
    }

    /**
     * The notebook's forward for {@code X} of shape {@code [batch, 20]}: {@code X = linear(X)};
     * {@code X = relu(X @ rand_weight + 1)}; {@code X = linear(X)}; then, while the sum of the
     * absolute values of all of {@code X} is greater than 1, halve {@code X}
     * ({@code x = x.div(2f)}, see the class comment); return {@code X.sum()}, a scalar (shape
     * {@code []}) that autograd can differentiate.
     */
    @Override
    public Tensor forward(Tensor x) {
        // BEGIN SOLUTION 6.2 FixedHiddenMLP.forward
        x = linear.forward(x);
        x = x.matmul(randWeight).add(1f).relu();
        x = linear.forward(x);
        while (x.abs().sum().item() > 1f) {
            x = x.div(2f);
        }
        return x.sum();
        // END SOLUTION
    }
}

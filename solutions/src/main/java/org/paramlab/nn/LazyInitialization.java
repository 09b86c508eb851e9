package org.paramlab.nn;

/**
 * The model of the notebook's section "Lazy Initialization", built with {@link LazyLinear}.
 *
 * <pre>{@code
 * net = nn.Sequential(nn.LazyLinear(8),
 *                     nn.ReLU(),
 *                     nn.LazyLinear(1))
 *
 * X = torch.rand(size=(2, 4))
 * net(X).shape                     # torch.Size([2, 1])
 * }</pre>
 *
 * <p>In Java:
 * <pre>{@code
 * Sequential net = LazyInitialization.net();
 * System.out.println(net);         // (0): LazyLinear(in_features=0, out_features=8, bias=True) ...
 * Tensor X = Tensor.rand(2, 4);
 * net.forward(X).size();           // torch.Size([2, 1])
 * System.out.println(net);         // (0): Linear(in_features=4, out_features=8, bias=True) ...
 * }</pre>
 * No shape but the outputs' is written down: the first forward infers {@code in_features = 4} for
 * the first layer from {@code X}, and {@code in_features = 8} for the last one from the first
 * layer's output, drawing each layer's weights as it reaches it.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/lazy-init.html">D2L: Lazy Initialization</a>
 */
public final class LazyInitialization {

    private LazyInitialization() {
    }

    /** The notebook's lazy {@code net}: {@code LazyLinear(8)}, {@code ReLU}, {@code LazyLinear(1)}. */
    public static Sequential net() {
        // BEGIN SOLUTION 4.3 LazyInitialization.net
        return new Sequential(new LazyLinear(8), new ReLU(), new LazyLinear(1));
        // END SOLUTION
    }
}

package org.paramlab.nn;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Size;
import org.paramlab.tensor.Tensor;

/**
 * A {@link Linear} layer that learns its input width from its first input, like
 * {@code torch.nn.LazyLinear(out_features)}.
 *
 * <p>From the notebook, section "Lazy Initialization": the network
 * <pre>{@code
 * net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(1))
 * }</pre>
 * is defined without saying how wide its input is. Until data flows through it, PyTorch cannot
 * know the shape of the first weight, so it does not create it: {@code in_features} is 0 and the
 * parameters are placeholders ({@code <UninitializedParameter>}). The first
 * {@code net(X)} with {@code X = torch.rand(size=(2, 4))} fixes {@code in_features = 4} from
 * {@code X}'s last dimension, creates the weight {@code [8, 4]} and the bias {@code [8]},
 * initializes them as {@code Linear} does, and only then computes. The next layer learns its
 * width (8) from the first one's output, in the same pass, layer by layer.
 *
 * <p>In Java:
 * <pre>{@code
 * LazyLinear layer = new LazyLinear(8);
 * System.out.println(layer);   // LazyLinear(in_features=0, out_features=8, bias=True)
 * layer.weight();              // IllegalStateException: ... run a forward pass first
 * layer.forward(Tensor.rand(2, 4));
 * System.out.println(layer);   // Linear(in_features=4, out_features=8, bias=True)
 * layer.weight().shape();      // torch.Size([8, 4])
 * }</pre>
 *
 * <p>Before the first forward, {@code namedParameters()} and {@code stateDict()} list
 * {@code weight} and {@code bias} as {@link UninitializedParameter}s, as PyTorch's do
 * ({@code [('weight', <UninitializedParameter>), ('bias', <UninitializedParameter>)]}).
 *
 * <p>Java differs from PyTorch in two ways, both because a Java object cannot change its class
 * or its shape. PyTorch turns the module itself into an {@code nn.Linear}
 * ({@code type(net[0])} is {@code Linear} afterwards); here it stays a {@code LazyLinear} that
 * prints and behaves as a {@code Linear} ({@link #typeName()} becomes {@code "Linear"}).
 * PyTorch fills in the placeholder parameters in place; here the first forward registers
 * <em>new</em> {@link Parameter} objects under the same names, so take parameter lists (and
 * build optimizers such as {@link SGD}) after the first forward.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LazyLinear.html">torch.nn.LazyLinear</a>
 * @see <a href="https://d2l.ai/chapter_builders-guide/lazy-init.html">D2L: Lazy Initialization</a>
 */
public class LazyLinear extends Linear {

    /**
     * A placeholder for a parameter whose shape is not known yet, like
     * {@code torch.nn.parameter.UninitializedParameter}: it has no values and no shape, and
     * prints as {@code <UninitializedParameter>}. Asking for its shape is an error, in PyTorch's
     * words. Its {@link #data()} is the placeholder itself, so a state dict taken before the first
     * forward holds the placeholders, as PyTorch's does.
     */
    public static final class UninitializedParameter extends Parameter {

        /** A new placeholder (given). */
        public UninitializedParameter() {
            super(Tensor.zeros(0));
        }

        private static IllegalStateException noShape() {
            return new IllegalStateException("Can't access the shape of an uninitialized parameter or buffer. "
                    + "Call `forward` to initialize the parameters before accessing their attributes: "
                    + "a LazyLinear learns its in_features from its first input, so run a forward pass first.");
        }

        /** Always fails: the shape is not known before the first forward. */
        @Override
        public Size shape() {
            throw noShape();
        }

        /** Always fails: the shape is not known before the first forward. */
        @Override
        public Size size() {
            throw noShape();
        }

        /** Always fails: the shape is not known before the first forward. */
        @Override
        public int size(int dim) {
            throw noShape();
        }

        /** Always fails: the shape is not known before the first forward. */
        @Override
        public int dim() {
            throw noShape();
        }

        /** Always fails: the shape is not known before the first forward. */
        @Override
        public int numel() {
            throw noShape();
        }

        /** Always fails: there are no values before the first forward. */
        @Override
        public float[] toArray() {
            throw noShape();
        }

        /** The placeholder itself, as PyTorch's state dict holds the placeholder. */
        @Override
        public Tensor data() {
            return this;
        }

        /** {@code <UninitializedParameter>}, as PyTorch prints it. */
        @Override
        public String toString() {
            return "<UninitializedParameter>";
        }
    }

    /**
     * A layer with {@code outFeatures} outputs and an input width still unknown, like
     * {@code nn.LazyLinear(out_features)}: {@code in_features} is 0, and {@code weight} then
     * {@code bias} are registered as {@link UninitializedParameter}s (given). Nothing is drawn
     * from the generator yet.
     *
     * @throws IllegalArgumentException if {@code outFeatures} is not positive
     */
    public LazyLinear(int outFeatures) {
        super(outFeatures, new UninitializedParameter(), new UninitializedParameter());
    }

    /**
     * Whether the parameters are still placeholders, like {@code has_uninitialized_params()}:
     * true until the first forward.
     */
    public boolean hasUninitializedParameters() {
        // TODO exercise 4.1 LazyLinear.hasUninitializedParameters: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.1 LazyLinear.hasUninitializedParameters");
    }

    /**
     * What the first forward does before computing, like {@code initialize_parameters(input)}:
     * take {@code in_features} from the input's last dimension, register a new weight
     * {@code [outFeatures, inFeatures]} and then a new bias {@code [outFeatures]} in place of the
     * placeholders ({@link #setParameters(int, Parameter, Parameter)}), and initialize them with {@link #resetParameters()} (weight first, then bias,
     * from the default generator at this moment: the same numbers as PyTorch for the same seed).
     * Does nothing if the parameters are already initialized.
     */
    public void initializeParameters(Tensor input) {
        // TODO exercise 4.1 LazyLinear.initializeParameters: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.1 LazyLinear.initializeParameters");
    }

    /**
     * Like PyTorch's {@code LazyLinear.reset_parameters()}: nothing while the parameters are
     * placeholders (there is nothing to draw yet), {@link Linear#resetParameters()} afterwards.
     */
    @Override
    public void resetParameters() {
        // TODO exercise 4.1 LazyLinear.resetParameters: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.1 LazyLinear.resetParameters");
    }

    /**
     * The first call initializes the parameters from {@code x} ({@link #initializeParameters});
     * every call then computes as {@link Linear#forward(Tensor)}, which refuses an input whose
     * width differs from the {@code in_features} inferred the first time.
     */
    @Override
    public Tensor forward(Tensor x) {
        // TODO exercise 4.1 LazyLinear.forward: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.1 LazyLinear.forward");
    }

    /**
     * {@code LazyLinear} before the first forward, {@code Linear} after it, because PyTorch turns
     * the module into an {@code nn.Linear} then.
     */
    @Override
    public String typeName() {
        // TODO exercise 4.1 LazyLinear.typeName: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.1 LazyLinear.typeName");
    }

    /**
     * The weight, as {@link Linear#weight()}, once the first forward has created it.
     *
     * @throws IllegalStateException before the first forward, saying that the parameter is
     *                               uninitialized (PyTorch: {@code Attempted to use an
     *                               uninitialized parameter}) and to run a forward pass first
     */
    @Override
    public Parameter weight() {
        // TODO exercise 4.2 LazyLinear.weight: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.2 LazyLinear.weight");
    }

    /**
     * The bias, as {@link Linear#bias()}, once the first forward has created it.
     *
     * @throws IllegalStateException before the first forward, as {@link #weight()}
     */
    @Override
    public Parameter bias() {
        // TODO exercise 4.2 LazyLinear.bias: write this part (its javadoc is the specification).
        throw new NotImplementedException("4.2 LazyLinear.bias");
    }

}

package org.paramlab.nn;

import org.paramlab.tensor.Tensor;

/**
 * A tensor that a {@link Module} owns and learns: a leaf of autograd that requires grad, like
 * {@code torch.nn.Parameter}.
 *
 * <p>From the notebook, section "Targeted Parameters": "each parameter is represented as an
 * instance of the parameter class. To do anything useful with the parameters, we first need to
 * access the underlying numerical values." In Java:
 * <pre>{@code
 * Linear out = net.get(Linear.class, 2);
 * out.bias();             // the Parameter:  Parameter containing:
 *                         //                 tensor([-0.3293], requires_grad=True)
 * out.bias().data();      // its values:     tensor([-0.3293])
 * out.weight().grad();    // null: no backward pass has run yet
 * }</pre>
 *
 * <p>Identity matters: two layers share a parameter only if they hold the <em>same object</em>
 * (this class does not override {@code equals}). {@link #data()} shares the parameter's storage,
 * so an edit through it changes the parameter, and autograd does not record it.
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 */
public class Parameter extends Tensor {

    /**
     * Wraps {@code data} as a parameter that shares its storage, like {@code nn.Parameter(data)}.
     *
     * @param data the initial values; not copied
     */
    public Parameter(Tensor data) {
        super(data, true);
    }

    /** PyTorch's repr: {@code Parameter containing:} on its own line, then the tensor. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}

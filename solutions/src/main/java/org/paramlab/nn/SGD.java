package org.paramlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.paramlab.tensor.Tensor;

/**
 * Plain stochastic gradient descent, like {@code torch.optim.SGD(params, lr)} without momentum,
 * dampening, weight decay or Nesterov:
 * <pre>{@code
 * opt = torch.optim.SGD(net.parameters(), lr=0.1)
 * for X, y in data:
 *     opt.zero_grad()
 *     loss = loss_fn(net(X), y)
 *     loss.backward()
 *     opt.step()          # p.data -= lr * p.grad, for every p with a gradient
 * }</pre>
 *
 * <p>A tied parameter is listed once by {@link Module#parameters()}, so it is updated once, with
 * the sum of the gradients of all its uses; it stays one object, so every place that uses it sees
 * the update. Build the optimizer after a lazy network's first forward (see {@link LazyLinear}).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html">torch.optim.SGD</a>
 */
public class SGD {

    private final List<Parameter> parameters;
    private final float lr;

    /**
     * An optimizer for {@code parameters} (kept in the given order, as the same objects) with
     * learning rate {@code lr}.
     *
     * @throws IllegalArgumentException if {@code parameters} is null or holds null, or {@code lr}
     *                                  is negative or not finite
     */
    public SGD(List<? extends Parameter> parameters, float lr) {
        if (parameters == null || parameters.stream().anyMatch(p -> p == null)) {
            throw new IllegalArgumentException("SGD needs a list of parameters without nulls, e.g. net.parameters()");
        }
        if (!(lr >= 0) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        this.lr = lr;
    }

    /** The learning rate. */
    public float lr() {
        return lr;
    }

    /** The parameters this optimizer updates, as given (a read-only view). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * One update, like {@code opt.step()}: for each parameter {@code p} whose {@code grad()} is not
     * null, {@code p.data -= lr * p.grad}, in place on {@link Parameter#data() data()} (autograd
     * does not record it, and {@code p} stays the same object). A parameter without a gradient is
     * left as it is.
     */
    public void step() {
        // BEGIN SOLUTION 5.3 SGD.step
        for (Parameter p : parameters) {
            Tensor grad = p.grad();
            if (grad != null) {
                p.data().sub_(grad.mul(lr));
            }
        }
        // END SOLUTION
    }

    /**
     * Clears every parameter's gradient, like {@code opt.zero_grad(set_to_none=True)} (the default
     * from PyTorch 2 on; as {@link Module#zeroGrad()}): afterwards each {@code grad()} is null.
     */
    public void zeroGrad() {
        // BEGIN SOLUTION 5.3 SGD.zeroGrad
        for (Parameter p : parameters) {
            p.setGrad(null);
        }
        // END SOLUTION
    }
}

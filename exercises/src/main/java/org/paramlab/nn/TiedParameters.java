package org.paramlab.nn;

import org.paramlab.exercise.NotImplementedException;

/**
 * The network of the notebook's section "Tied Parameters": one layer used at two places.
 *
 * <pre>{@code
 * # We need to give the shared layer a name so that we can refer to its
 * # parameters
 * shared = nn.Linear(8, 8)
 * net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared,
 *                     nn.ReLU(), nn.Linear(8, 1))
 * net(X)
 * # Check whether the parameters are the same
 * print(net[2].weight.data[0] == net[4].weight.data[0])
 * net[2].weight.data[0, 0] = 100
 * # Make sure that they are actually the same object rather than just having the
 * # same value
 * print(net[2].weight.data[0] == net[4].weight.data[0])
 * }</pre>
 *
 * <p>In Java, {@code net[2].weight.data[0, 0] = 100} is
 * {@code net.get(Linear.class, 2).weight().data().set(100, 0, 0)}, and afterwards
 * {@code net.get(4)}'s weight holds 100 too: positions 2 and 4 hold the <em>same object</em>
 * ({@code net.get(2) == net.get(4)}). Two {@code Linear(8, 8)} with equal values would not be tied:
 * the edit would change one of them only, each would get the gradient of its own use, and the
 * first optimizer step would pull them apart. With the same object, {@code backward()} adds the
 * gradients of both uses into the one weight, and {@code namedParameters()} lists it once
 * ({@code 2.weight}) while {@code stateDict()} has it under both paths ({@code 2.weight},
 * {@code 4.weight}).
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management, Tied Parameters</a>
 */
public final class TiedParameters {

    private TiedParameters() {
    }

    /**
     * The notebook's tied network: {@code Linear(4, 8)}, {@code ReLU}, {@code shared},
     * {@code ReLU}, {@code shared}, {@code ReLU}, {@code Linear(8, 1)}, with {@code shared} one
     * {@code Linear(8, 8)}. Build {@code shared} first, as the notebook does, so that the same seed
     * draws the same weights as PyTorch.
     */
    public static Sequential net() {
        // TODO exercise 5.1 TiedParameters.net: write this part (its javadoc is the specification).
        throw new NotImplementedException("5.1 TiedParameters.net");
    }

    /**
     * The same network with lazy layers, as the first notebook writes it:
     * <pre>{@code
     * shared = nn.LazyLinear(8)
     * net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(),
     *                     shared, nn.ReLU(),
     *                     shared, nn.ReLU(),
     *                     nn.LazyLinear(1))
     * }</pre>
     * "Here we need to run the forward propagation {@code net(X)} before accessing the
     * parameters." The first forward initializes the shared layer once, at position 2; at
     * position 4 it is already initialized.
     */
    public static Sequential lazyNet() {
        // TODO exercise 5.1 TiedParameters.lazyNet: write this part (its javadoc is the specification).
        throw new NotImplementedException("5.1 TiedParameters.lazyNet");
    }
}

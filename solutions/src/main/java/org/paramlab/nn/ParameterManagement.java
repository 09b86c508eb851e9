package org.paramlab.nn;

/**
 * The models of the notebook "Parameter Management", built with this package.
 *
 * <pre>{@code
 * net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
 *
 * def block1():
 *     return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())
 *
 * def block2():
 *     net = nn.Sequential()
 *     for i in range(4):
 *         net.add_module(f'block{i}', block1())
 *     return net
 *
 * rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
 * }</pre>
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 */
public final class ParameterManagement {

    private ParameterManagement() {
    }

    /** The notebook's {@code net}: {@code Linear(4, 8)}, {@code ReLU}, {@code Linear(8, 1)}. */
    public static Sequential net() {
        // BEGIN SOLUTION 1.6 ParameterManagement.net
        return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 1));
        // END SOLUTION
    }

    /** {@code block1()}: {@code Linear(4, 8)}, {@code ReLU}, {@code Linear(8, 4)}, {@code ReLU}. */
    public static Sequential block1() {
        // BEGIN SOLUTION 1.6 ParameterManagement.block1
        return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 4), new ReLU());
        // END SOLUTION
    }

    /**
     * {@code block2()}: an empty {@code Sequential} with four {@code block1()} added as {@code block0}
     * ... {@code block3}: four calls, so four distinct blocks, each with weights of its own.
     */
    public static Sequential block2() {
        // BEGIN SOLUTION 1.6 ParameterManagement.block2
        Sequential net = new Sequential();
        for (int i = 0; i < 4; i++) {
            net.addModule("block" + i, block1());
        }
        return net;
        // END SOLUTION
    }

    /** {@code rgnet}: {@code block2()} followed by {@code Linear(4, 1)}. */
    public static Sequential rgnet() {
        // BEGIN SOLUTION 1.6 ParameterManagement.rgnet
        return new Sequential(block2(), new Linear(4, 1));
        // END SOLUTION
    }
}

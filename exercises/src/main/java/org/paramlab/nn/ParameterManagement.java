package org.paramlab.nn;

import org.paramlab.exercise.NotImplementedException;

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
        // TODO exercise 1.6 ParameterManagement.net: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.6 ParameterManagement.net");
    }

    /** {@code block1()}: {@code Linear(4, 8)}, {@code ReLU}, {@code Linear(8, 4)}, {@code ReLU}. */
    public static Sequential block1() {
        // TODO exercise 1.6 ParameterManagement.block1: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.6 ParameterManagement.block1");
    }

    /**
     * {@code block2()}: an empty {@code Sequential} with four {@code block1()} added as {@code block0}
     * ... {@code block3}: four calls, so four distinct blocks, each with weights of its own.
     */
    public static Sequential block2() {
        // TODO exercise 1.6 ParameterManagement.block2: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.6 ParameterManagement.block2");
    }

    /** {@code rgnet}: {@code block2()} followed by {@code Linear(4, 1)}. */
    public static Sequential rgnet() {
        // TODO exercise 1.6 ParameterManagement.rgnet: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.6 ParameterManagement.rgnet");
    }
}

package org.paramlab.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Tensor;

/**
 * A chain of modules applied one after the other, like {@code torch.nn.Sequential}.
 *
 * <p>The constructor registers its arguments as children named {@code "0"}, {@code "1"}, ...;
 * {@link #addModule(String, Module)} appends a child with a name of your choice, as the
 * notebook's {@code block2()} does ({@code block0} ... {@code block3}). {@link #forward(Tensor)}
 * feeds each child's output to the next child, in registration order.
 *
 * <p>Indexing: PyTorch's {@code net[2]} is {@code net.get(2)}, and the notebook's nested
 * {@code rgnet[0][1][0]} is {@code rgnet.get(0, 1, 0)}: the position among the registered
 * children, whatever their names. Python does not need to know what {@code net[2]} is to write
 * {@code net[2].bias}; Java does, so say it with the class:
 * {@code net.get(Linear.class, 2).bias()}, {@code rgnet.get(Linear.class, 0, 1, 0).bias()}.
 * {@link #get(Class, int...)} checks the type; a wrong class is an IllegalArgumentException such as
 * {@code get(Linear.class, 1): the module at [1] is a ReLU, not a Linear}.
 *
 * <p>Prefer it to the unchecked {@link #get(int...)}, whose result type is whatever the code
 * around it asks for: {@code Linear layer = net.get(2);} compiles without a cast, and a wrong
 * guess fails there with a ClassCastException; but where no declared type fixes it (generic code
 * such as {@code List.of(net.get(0), net)}, {@code var m = net.get(0)}, a method argument whose
 * type is a type parameter), Java may infer a type the module does not have and the
 * ClassCastException comes from a line that has no cast in it. {@code net.get(Module.class, 0)}
 * never throws that way.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Sequential.html">torch.nn.Sequential</a>
 */
public class Sequential extends Module {

    /**
     * A chain of {@code modules}, registered as children {@code "0"}, {@code "1"}, ... in order.
     * The same module object may appear several times (a tied layer); each position is a child.
     */
    public Sequential(Module... modules) {
        // TODO exercise 1.4 Sequential(Module...): write this part (its javadoc is the specification).
        throw new NotImplementedException("1.4 Sequential(Module...)");
    }

    /**
     * The child at position {@code path[0]}, then, inside it (a {@code Sequential}), the child
     * at {@code path[1]}, and so on: {@code rgnet.get(0, 1, 0)} is PyTorch's
     * {@code rgnet[0][1][0]}. Negative positions count from the end, as in Python.
     *
     * @throws IndexOutOfBoundsException if a position is out of range; the message names the
     *                                   position and the number of children
     * @throws IllegalArgumentException  if the path is empty or goes into a module that is not
     *                                   a {@code Sequential}
     */
    @SuppressWarnings("unchecked")
    public <M extends Module> M get(int... path) {
        // TODO exercise 1.4 Sequential.get: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.4 Sequential.get");
    }

    /**
     * The module at {@code path}, as {@link #get(int...)} finds it, checked to be a {@code type}:
     * {@code net.get(Linear.class, 2).bias()} is the notebook's {@code net[2].bias}, without a
     * cast; {@code net.get(Module.class, 0)} is any module. Given code: it calls your
     * {@link #get(int...)}.
     *
     * @throws IllegalArgumentException if the module found is not a {@code type}; the message
     *                                  names the path, the expected and the actual class, e.g.
     *                                  {@code get(Linear.class, 1): the module at [1] is a ReLU, not a Linear}
     * @throws IndexOutOfBoundsException as {@link #get(int...)}
     */
    public <M extends Module> M get(Class<M> type, int... path) {
        if (type == null) {
            throw new IllegalArgumentException("get(type, path): type must not be null; use Module.class for any module");
        }
        Module found = this.<Module>get(path);
        if (!type.isInstance(found)) {
            String at = path == null ? "[]" : Arrays.toString(path);
            throw new IllegalArgumentException("get(" + type.getSimpleName() + ".class, " + at.substring(1, at.length() - 1)
                    + "): the module at " + at + " is a " + (found == null ? "null" : found.getClass().getSimpleName())
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(found);
    }

    /**
     * The number of registered children, like {@code len(net)}: every registration counts, so a
     * module registered at two positions (the tied network's shared layer) counts twice.
     */
    public int size() {
        // TODO exercise 1.4 Sequential.size: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.4 Sequential.size");
    }

    /** Applies every child in registration order, each to the previous one's output. */
    @Override
    public Tensor forward(Tensor x) {
        // TODO exercise 1.4 Sequential.forward: write this part (its javadoc is the specification).
        throw new NotImplementedException("1.4 Sequential.forward");
    }
}

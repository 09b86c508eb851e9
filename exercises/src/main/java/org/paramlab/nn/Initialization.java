package org.paramlab.nn;

import java.util.Map;
import java.util.function.Consumer;

import org.paramlab.exercise.NotImplementedException;
import org.paramlab.tensor.Tensor;

/**
 * The notebook's own initializers (section "Parameter Initialization"), one method per
 * Python function. Each takes one module and does nothing unless it is a {@link Linear}, so that
 * {@link Module#apply} can pass it every module of a network:
 * <pre>{@code
 * net.apply(init_normal)                  net.apply(Initialization::initNormal);
 * net.apply(init_constant)                net.apply(Initialization::initConstant);
 * net[0].apply(xavier)                    net.get(0).apply(Initialization::xavier);
 * net[2].apply(init_42)                   net.get(2).apply(Initialization::init42);
 * net.apply(my_init)                      net.apply(m -> Initialization.myInit(m, System.out::println));
 * net[0].weight.data[:] += 1              Initialization.directEdits(net.get(0));
 * net[0].weight.data[0, 0] = 42
 * }</pre>
 *
 * <p>Java note: the notebook tests {@code type(m) == nn.Linear}; here that is
 * {@code m instanceof Linear}, then a cast ({@code Linear linear = (Linear) m}, or the pattern
 * {@code if (m instanceof Linear linear)}) to reach {@code weight()} and {@code bias()}. (Strictly,
 * {@code instanceof} is also true for a subclass of {@code Linear}, where {@code type(m) ==} is
 * false; the notebook's networks have none.)
 *
 * @see Init
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Initialization</a>
 */
public final class Initialization {

    private Initialization() {
    }

    /**
     * The notebook's {@code init_normal}: for a {@link Linear}, the weight from N(0, 0.01²) and
     * the bias set to zero; any other module is left alone.
     * <pre>{@code
     * def init_normal(m):
     *     if type(m) == nn.Linear:
     *         nn.init.normal_(m.weight, mean=0, std=0.01)
     *         nn.init.zeros_(m.bias)
     * }</pre>
     */
    public static void initNormal(Module m) {
        // TODO exercise 3.5 Initialization.initNormal: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.initNormal");
    }

    /**
     * The notebook's {@code init_constant}: for a {@link Linear}, every weight 1 and the bias
     * zero; any other module is left alone.
     * <pre>{@code
     * def init_constant(m):
     *     if type(m) == nn.Linear:
     *         nn.init.constant_(m.weight, 1)
     *         nn.init.zeros_(m.bias)
     * }</pre>
     */
    public static void initConstant(Module m) {
        // TODO exercise 3.5 Initialization.initConstant: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.initConstant");
    }

    /**
     * The notebook's {@code xavier}: for a {@link Linear}, the weight from Xavier's uniform
     * distribution ({@link Init#xavierUniform_(Tensor)}); the bias and any other module are left
     * alone.
     * <pre>{@code
     * def xavier(m):
     *     if type(m) == nn.Linear:
     *         nn.init.xavier_uniform_(m.weight)
     * }</pre>
     */
    public static void xavier(Module m) {
        // TODO exercise 3.5 Initialization.xavier: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.xavier");
    }

    /**
     * The notebook's {@code init_42}: for a {@link Linear}, every weight 42; the bias and any
     * other module are left alone.
     * <pre>{@code
     * def init_42(m):
     *     if type(m) == nn.Linear:
     *         nn.init.constant_(m.weight, 42)
     * }</pre>
     */
    public static void init42(Module m) {
        // TODO exercise 3.5 Initialization.init42: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.init42");
    }

    /**
     * The notebook's custom {@code my_init}: for a {@link Linear}, first print the name and shape
     * of its first parameter, then draw the weight from U(-10, 10) and zero every weight whose
     * absolute value is below 5 (keeping those {@code >= 5}); any other module is left alone and
     * prints nothing.
     * <pre>{@code
     * def my_init(m):
     *     if type(m) == nn.Linear:
     *         print("Init", *[(name, param.shape) for name, param in m.named_parameters()][0])
     *         nn.init.uniform_(m.weight, -10, 10)
     *         m.weight.data *= m.weight.data.abs() >= 5
     * }</pre>
     * Python's {@code print("Init", name, shape)} joins its arguments with spaces, so the
     * notebook's {@code net.apply(my_init)} prints
     * <pre>
     * Init weight torch.Size([8, 4])
     * Init weight torch.Size([1, 8])
     * </pre>
     * ({@link Tensor#size()} prints as {@code torch.Size([8, 4])}). Java note: the line is handed,
     * without its line break, to {@code print} (for example {@code System.out::println}, or a
     * list's {@code add} to keep it), so that it can be checked.
     *
     * <p>The mask {@code data.abs() >= 5} is {@link Tensor#ge(float)} of {@link Tensor#abs()};
     * multiplying by it in place ({@link Tensor#mul_(Tensor)}) keeps the large weights and turns
     * the others into zeros ({@code -0.0} for negative ones, as PyTorch prints {@code -0.0000}).
     *
     * @param m     the module {@code apply} passes
     * @param print where the printed line goes
     */
    public static void myInit(Module m, Consumer<? super String> print) {
        // TODO exercise 3.5 Initialization.myInit: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.myInit");
    }

    /**
     * The notebook's direct edits of {@code net[0]}'s weight, through its {@code data}, so that
     * autograd does not record them:
     * <pre>{@code
     * net[0].weight.data[:] += 1
     * net[0].weight.data[0, 0] = 42
     * }</pre>
     * ({@link Tensor#add_(float)}, then {@link Tensor#set(float, int...)}).
     *
     * @param layer the notebook's {@code net[0]}
     */
    public static void directEdits(Linear layer) {
        // TODO exercise 3.5 Initialization.directEdits: write this part (its javadoc is the specification).
        throw new NotImplementedException("3.5 Initialization.directEdits");
    }
}

package org.paramlab.nn;

/**
 * How many numbers a module learns: the notebook's {@code sum(p.numel() for p in net.parameters())}.
 */
public final class ParameterCount {

    private ParameterCount() {
    }

    /**
     * The number of elements of every parameter of {@code module} and of its submodules, each parameter
     * counted once even where a layer is used at several places, like PyTorch's
     * {@code sum(p.numel() for p in module.parameters())}.
     *
     * @param module the module whose parameters are counted
     * @return the total number of elements of its parameters ({@link Module#parameters()})
     */
    public static long of(Module module) {
        // BEGIN SOLUTION 9.1 ParameterCount.of
        long count = 0;
        for (Parameter p : module.parameters()) {
            count += p.numel();
        }
        return count;
        // END SOLUTION
    }
}

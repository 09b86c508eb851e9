package org.paramlab.nn;

/**
 * Exercise 1 of the notebook: "Use the NestMLP model defined in Section 6.1 and access the
 * parameters of the various layers." The notebook mixes its custom models into one chimera:
 * <pre>{@code
 * chimera = nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP())
 * chimera(X)                  # X = torch.rand(size=(2, 4)); a scalar, e.g. tensor(-0.0063, ...)
 * chimera[0].state_dict()     # net.0.weight, net.0.bias, ..., linear.weight, linear.bias
 * chimera[2].state_dict()     # linear.weight, linear.bias: no rand_weight
 * }</pre>
 * In Java, {@code chimera[0]} is {@code chimera.get(0)}, and {@code chimera[0].net[0].weight} is
 * {@code chimera.get(NestMLP.class, 0).net().get(LazyLinear.class, 0).weight()}: a
 * {@link Sequential} knows its children only as {@link Module}s, so reaching a custom module's own
 * fields needs its class, given to {@link Sequential#get(Class, int...)} (no cast), or the names:
 * {@code chimera.getParameter("0.net.0.weight")}. {@code chimera[2].state_dict()} is
 * {@code chimera.get(Module.class, 2).stateDict()}.
 *
 * <p>Every layer is lazy: the first {@code chimera.forward(X)} initializes them, in the order the
 * data reaches them. Read the parameters after it.
 */
public final class CustomModels {

    private CustomModels() {
    }

    /**
     * The notebook's {@code chimera}: a {@code Sequential} of a {@link NestMLP}, a
     * {@code LazyLinear(20)} and a {@link FixedHiddenMLP}, built in this order (the
     * {@code FixedHiddenMLP} draws its {@code rand_weight} when it is built).
     */
    public static Sequential chimera() {
        // BEGIN SOLUTION 6.3 CustomModels.chimera
        return new Sequential(new NestMLP(), new LazyLinear(20), new FixedHiddenMLP());
        // END SOLUTION
    }

    /**
     * {@code chimera[0].net[0].weight}: the weight of the first layer of the {@code NestMLP} inside
     * {@code chimera}, the parameter itself (after the first forward it has shape
     * {@code [64, 4]} for the notebook's {@code X}).
     */
    public static Parameter nestFirstWeight(Sequential chimera) {
        // BEGIN SOLUTION 6.3 CustomModels.nestFirstWeight
        NestMLP nest = chimera.get(0);
        LazyLinear first = nest.net().get(0);
        return first.weight();
        // END SOLUTION
    }

    /**
     * {@code chimera[2].linear.bias}: the bias of the layer that the {@code FixedHiddenMLP} inside
     * {@code chimera} uses twice, the parameter itself.
     */
    public static Parameter fixedHiddenBias(Sequential chimera) {
        // BEGIN SOLUTION 6.3 CustomModels.fixedHiddenBias
        FixedHiddenMLP fixed = chimera.get(2);
        return fixed.linear().bias();
        // END SOLUTION
    }
}

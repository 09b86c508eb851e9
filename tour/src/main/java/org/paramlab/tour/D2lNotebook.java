package org.paramlab.tour;

import org.paramlab.nn.*;
import org.paramlab.nn.Module; // a single-type import wins over java.lang.Module, which nn.* would clash with
import org.paramlab.tensor.Tensor;

/**
 * The notebook of d2l.ai's "Parameter Management" with lazy layers ({@code seeds/000_*.txt}), cell by
 * cell. Each method is one cell; its body is what the tour shows beside the Python.
 */
final class D2lNotebook extends Notebook {

    Sequential net;
    Tensor X;
    Sequential chimera;

    @Override
    public String id() {
        return "d2l";
    }

    @Override
    protected void define() {
        cell("In [44]", "imports", this::imports);
        cell("In [3]", "lazyNet", this::lazyNet);
        cell("In [16]", "showNet", this::showNet, "In [3]");
        cell("In [15]", "firstStateDict", this::firstStateDict, "In [3]");
        cell("In [20]", "lastStateDict", this::lastStateDict, "In [3]");
        cell("In [21]", "targetedParameter", this::targetedParameter, "In [3]");
        cell("In [22]", "gradBeforeBackward", this::gradBeforeBackward, "In [3]");
        cell("In [33]", "allParameters", this::allParameters, "In [3]");
        cell("In [ ]", "tiedLazyNet", this::tiedLazyNet, "In [3]");
        cell("In [40]", "fixedHiddenMLP", this::fixedHiddenMLP);
        cell("In [46]", "chimera", this::chimera, "In [3]", "In [ ]");
        cell("In [47]", "chimeraFirstStateDict", this::chimeraFirstStateDict, "In [46]");
        cell("In [48]", "chimeraLastStateDict", this::chimeraLastStateDict, "In [46]");
    }

    Object imports(CellOutput out) {
        // import org.paramlab.nn.*;
        // import org.paramlab.nn.Module;   (nn.* alone makes Module ambiguous with java.lang.Module)
        // import org.paramlab.tensor.Tensor;
        return null;
    }

    Object lazyNet(CellOutput out) {
        net = new Sequential(new LazyLinear(8),
                             new ReLU(),
                             new LazyLinear(1));

        X = Tensor.rand(2, 4);
        return net.forward(X).shape();
    }

    Object showNet(CellOutput out) {
        return net;
    }

    Object firstStateDict(CellOutput out) {
        return net.get(0).stateDict();
    }

    Object lastStateDict(CellOutput out) {
        return net.get(2).stateDict();
    }

    Object targetedParameter(CellOutput out) {
        return tuple(net.get(Linear.class, 2).bias().getClass(), net.get(Linear.class, 2).bias().data());
    }

    Object gradBeforeBackward(CellOutput out) {
        return net.get(Linear.class, 2).weight().grad() == null;
    }

    Object allParameters(CellOutput out) {
        return net.namedParameters().entrySet().stream()
                .map(p -> tuple(p.getKey(), p.getValue()))
                .toList();
    }

    Object tiedLazyNet(CellOutput out) {
        // We need to give the shared layer a name so that we can refer to its
        // parameters
        LazyLinear shared = new LazyLinear(8);
        net = new Sequential(new LazyLinear(8), new ReLU(),
                             shared, new ReLU(),
                             shared, new ReLU(),
                             new LazyLinear(1));

        net.forward(X);
        // Check whether the parameters are the same
        out.print(net.get(Linear.class, 2).weight().data().select(0)
                .eq(net.get(Linear.class, 4).weight().data().select(0)));
        net.get(Linear.class, 2).weight().data().set(100, 0, 0);
        // Make sure that they are actually the same object rather than just having the
        // same value
        out.print(net.get(Linear.class, 2).weight().data().select(0)
                .eq(net.get(Linear.class, 4).weight().data().select(0)));
        return null;
    }

    Object fixedHiddenMLP(CellOutput out) {
        // class FixedHiddenMLP is yours: FixedHiddenMLP.java (exercise 6.2). Defining a class
        // draws nothing; its constructor draws rand_weight when chimera builds one.
        return null;
    }

    Object chimera(CellOutput out) {
        // class NestMLP is yours: NestMLP.java (exercise 6.1)
        chimera = new Sequential(new NestMLP(), new LazyLinear(20), new FixedHiddenMLP());
        return chimera.forward(X);
    }

    Object chimeraFirstStateDict(CellOutput out) {
        return chimera.get(0).stateDict(); // LazyLinear(64)
    }

    Object chimeraLastStateDict(CellOutput out) {
        return chimera.get(2).stateDict(); // LazyLinear(32)
    }
}

package org.paramlab.tour;

import org.paramlab.nn.*;
import org.paramlab.nn.Module; // a single-type import wins over java.lang.Module, which nn.* would clash with
import org.paramlab.tensor.Tensor;

/**
 * The notebook "Parameter Management" with eager layers ({@code seeds/004_*.txt}), cell by cell. Where
 * the notebook defines a function ({@code block1}, {@code init_normal}, {@code my_init}...), the Java
 * calls the learner's own version of it in {@code org.paramlab.nn}.
 */
final class EagerNotebook extends Notebook {

    Sequential net;
    Tensor X;
    Sequential rgnet;

    @Override
    public String id() {
        return "eager";
    }

    @Override
    protected void define() {
        cell("In [50]", "mlp", this::mlp);
        cell("In [8]", "printFirstStateDict", this::printFirstStateDict, "In [50]");
        cell("In [10]", "printLastStateDict", this::printLastStateDict, "In [50]");
        cell("In [13]", "targetedParameter", this::targetedParameter, "In [50]");
        cell("In [14]", "gradBeforeBackward", this::gradBeforeBackward, "In [50]");
        cell("In [22]", "namesAndShapes", this::namesAndShapes, "In [50]");
        cell("In [23]", "stateDictEntry", this::stateDictEntry, "In [50]");
        cell("In [28]", "rgnet", this::rgnet, "In [50]");
        cell("In [29]", "printRgnet", this::printRgnet, "In [28]");
        cell("In [30]", "nestedAccess", this::nestedAccess, "In [28]");
        cell("In [34]", "initNormal", this::initNormal, "In [50]", "In [28]");
        cell("In [36]", "initConstant", this::initConstant, "In [50]");
        cell("In [40]", "xavierAnd42", this::xavierAnd42, "In [34]");
        cell("In [46]", "myInit", this::myInit, "In [40]");
        cell("In [48]", "directEdits", this::directEdits, "In [46]");
        cell("In [51]", "tiedNet", this::tiedNet, "In [46]");
    }

    Object mlp(CellOutput out) {
        net = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 1));
        X = Tensor.rand(2, 4);
        return net.forward(X);
    }

    Object printFirstStateDict(CellOutput out) {
        out.print(net.get(0).stateDict());
        return null;
    }

    Object printLastStateDict(CellOutput out) {
        out.print(net.get(2).stateDict());
        return null;
    }

    Object targetedParameter(CellOutput out) {
        out.print(net.get(Linear.class, 2).bias().getClass());
        out.print(net.get(Linear.class, 2).bias());
        out.print(net.get(Linear.class, 2).bias().data());
        return null;
    }

    Object gradBeforeBackward(CellOutput out) {
        return net.get(Linear.class, 2).weight().grad() == null;
    }

    Object namesAndShapes(CellOutput out) {
        out.print(net.get(0).namedParameters().entrySet().stream()
                .map(p -> tuple(p.getKey(), p.getValue().shape())).toArray());
        out.print(net.namedParameters().entrySet().stream()
                .map(p -> tuple(p.getKey(), p.getValue().shape())).toArray());
        return null;
    }

    Object stateDictEntry(CellOutput out) {
        return net.stateDict().get("2.bias").data();
    }

    Object rgnet(CellOutput out) {
        // block1() and block2() are yours: ParameterManagement (exercise 1.6)
        rgnet = new Sequential(ParameterManagement.block2(), new Linear(4, 1));
        return rgnet.forward(X);
    }

    Object printRgnet(CellOutput out) {
        out.print(rgnet);
        return null;
    }

    Object nestedAccess(CellOutput out) {
        return rgnet.get(Linear.class, 0, 1, 0).bias().data();
    }

    Object initNormal(CellOutput out) {
        // init_normal is yours: Initialization.initNormal (exercise 3.5)
        net.apply(Initialization::initNormal);
        return tuple(net.get(Linear.class, 0).weight().data(), net.get(Linear.class, 0).bias().data().select(0));
    }

    Object initConstant(CellOutput out) {
        // init_constant is yours: Initialization.initConstant (exercise 3.5)
        net.apply(Initialization::initConstant);
        return tuple(net.get(Linear.class, 0).weight().data(), net.get(Linear.class, 0).bias().data());
    }

    Object xavierAnd42(CellOutput out) {
        // xavier and init_42 are yours: Initialization.xavier, Initialization.init42 (exercise 3.5)
        net.get(0).apply(Initialization::xavier);
        net.get(2).apply(Initialization::init42);

        out.print(net.get(Linear.class, 0).weight().data());
        out.print(net.get(Linear.class, 2).weight().data());
        return null;
    }

    Object myInit(CellOutput out) {
        // my_init is yours: Initialization.myInit (exercise 3.5); it prints through the function it is given
        net.apply((Module m) -> Initialization.myInit(m, out::print));
        return net.get(Linear.class, 0).weight();
    }

    Object directEdits(CellOutput out) {
        net.get(Linear.class, 0).weight().data().add_(1);
        net.get(Linear.class, 0).weight().data().set(42, 0, 0);
        return net.get(Linear.class, 0).weight().data();
    }

    Object tiedNet(CellOutput out) {
        // We need to give the shared layer a name so that we can refer to its
        // parameters
        Linear shared = new Linear(8, 8);
        net = new Sequential(new Linear(4, 8), new ReLU(), shared, new ReLU(), shared,
                             new ReLU(), new Linear(8, 1));
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
}

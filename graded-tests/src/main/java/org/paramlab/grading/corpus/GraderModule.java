package org.paramlab.grading.corpus;

import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * The grader's own stand-in for one module of a generated network: it registers its children and
 * parameters through the given registration API only, prints under PyTorch's class name with PyTorch's
 * {@code extra_repr}, and computes what the PyTorch module computes. Built from it, a network tests
 * one API of the student's {@code Module} (a walk, the state dict, {@code apply}) and nothing else of
 * theirs.
 */
public final class GraderModule extends Module {

    private final String kind;
    private final String type;
    private final String extra;

    /**
     * @param kind  {@code sequential}, {@code linear} (also a LazyLinear after its first forward), {@code relu}
     *              or {@code custom}: what {@link #forward} computes
     * @param type  PyTorch's class name, which this module prints as
     * @param extra PyTorch's {@code extra_repr()}
     */
    GraderModule(String kind, String type, String extra) {
        this.kind = kind;
        this.type = type;
        this.extra = extra;
    }

    void register(String name, Parameter parameter) {
        registerParameter(name, parameter);
    }

    @Override
    public String typeName() {
        return type;
    }

    @Override
    public String extraRepr() {
        return extra;
    }

    /**
     * As PyTorch: a {@code Sequential} runs every registered child in order; a {@code Linear} computes
     * {@code x W^T + b}; a {@code ReLU} {@code max(x, 0)}; a {@code Custom} runs every registered child, then
     * multiplies by each own 1-D parameter and by the transpose of each own 2-D parameter, in order.
     */
    @Override
    public Tensor forward(Tensor x) {
        switch (kind) {
            case "linear", "lazy":
                return x.matmul(registeredParameters().get("weight").t()).add(registeredParameters().get("bias"));
            case "relu":
                return x.relu();
            case "sequential", "custom":
                for (Module child : registeredModules().values()) {
                    x = child.forward(x);
                }
                for (Parameter p : registeredParameters().values()) {
                    x = p.dim() == 1 ? x.mul(p) : x.matmul(p.t());
                }
                return x;
            default:
                throw new IllegalStateException("unknown kind of module in the corpus: " + kind);
        }
    }
}

package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.Map;

import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * Copies PyTorch's weights into a student's model by PyTorch name ({@code 0.block1.2.weight}),
 * walking the given registration maps, so that forward passes can be compared with ONNX Runtime
 * without depending on the student's {@code loadStateDict} or {@code namedParameters}.
 */
public final class Weights {

    private Weights() {
    }

    /** Copies every parameter of {@code reference} into {@code model}; fails naming a path the model lacks. */
    public static void copy(ReferenceModel reference, Module model, String what) {
        for (Map.Entry<String, Tensor> e : reference.parameters().entrySet()) {
            Parameter target = find(model, e.getKey(), what, reference.fileName());
            if (!target.size().equals(e.getValue().size())) {
                fail(what + ": parameter " + e.getKey() + " has shape " + target.size() + " but PyTorch's has "
                        + e.getValue().size() + " (a Linear(in, out) weight is [out, in])");
            }
            target.data().copy_(e.getValue());
        }
    }

    /** The parameter at a PyTorch path, found through {@code registeredModules}/{@code registeredParameters}. */
    public static Parameter find(Module model, String name, String what, String referenceFile) {
        String[] parts = name.split("\\.");
        Module m = model;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            Module child = m.registeredModules().get(parts[i]);
            path.append(path.length() == 0 ? "" : ".").append(parts[i]);
            if (child == null) {
                fail(what + " has no module '" + path + "', but PyTorch's model (" + referenceFile
                        + ") has one: its children are registered as " + m.registeredModules().keySet());
            }
            m = child;
        }
        Parameter p = m.registeredParameters().get(parts[parts.length - 1]);
        if (p == null) {
            fail(what + " has no parameter '" + name + "', but PyTorch's model (" + referenceFile
                    + ") has one; that module registers " + m.registeredParameters().keySet());
        }
        return p;
    }
}

package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.paramlab.nn.LazyLinear;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;

/**
 * Compares a student's model with PyTorch's module tree through the given registration maps
 * only (no {@code toString}, no {@code namedParameters}): every module with its path and class,
 * every parameter with its path and shape, in registration order.
 */
public final class CustomStructure {

    private CustomStructure() {
    }

    /**
     * Fails unless {@code actual} registers the same modules and parameters as PyTorch's model,
     * in the same order. Run a forward pass first if the model has lazy layers: PyTorch's tree
     * was taken after its first forward, when a {@code LazyLinear} has become a {@code Linear}.
     */
    public static void assertSameAs(Module actual, ReferenceTree expected, String what, String hint) {
        List<String> actualLines = new ArrayList<>();
        describe(actual, "", actualLines);
        List<String> expectedLines = new ArrayList<>();
        describe(expected.root(), "", expectedLines);
        assertThat(actualLines)
                .as(what + ": every module (path: class) and parameter (path: shape) in registration order, "
                        + "compared with PyTorch's (a LazyLinear counts as the Linear PyTorch turns it into); " + hint)
                .containsExactlyElementsOf(expectedLines);
    }

    private static void describe(Module m, String path, List<String> out) {
        out.add("module '" + path + "': " + type(m));
        for (Map.Entry<String, Parameter> p : m.registeredParameters().entrySet()) {
            out.add("parameter '" + (path.isEmpty() ? "" : path + ".") + p.getKey() + "': " + p.getValue().size());
        }
        for (Map.Entry<String, Module> c : m.registeredModules().entrySet()) {
            describe(c.getValue(), path.isEmpty() ? c.getKey() : path + "." + c.getKey(), out);
        }
    }

    private static String type(Module m) {
        if (m instanceof ReferenceTree.Node node) {
            return node.pytorchType();
        }
        return m instanceof LazyLinear ? "Linear" : m.getClass().getSimpleName();
    }
}

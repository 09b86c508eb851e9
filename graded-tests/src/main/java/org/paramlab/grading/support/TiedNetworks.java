package org.paramlab.grading.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.tensor.Tensor;

/**
 * Checks for the tied network (group 5) that explain what a tie is: the same object at two
 * positions, not two objects with equal values. Every tied test starts with
 * {@link #assertTiedLike(ReferenceModel, Module, String, Exercise)}, so a "tie" made by copying
 * values loses the tied points with a message that says why.
 */
public final class TiedNetworks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a copy is not a tie, appended to the messages. */
    public static final String WHY_IDENTITY = "A tie is identity, not equal values: two Linear objects holding equal "
            + "values are not tied. An edit through one is not seen by the other, backward() gives each copy only "
            + "the gradient of its own use instead of adding both uses into one weight, and after the first SGD "
            + "step the copies drift apart. Build one layer (shared = new Linear(8, 8), or new LazyLinear(8)) and pass that same object "
            + "at both positions, as the notebook does.";

    private TiedNetworks() {
    }

    /**
     * Compares which children of {@code net} are the same object with PyTorch's root module in
     * {@code reference}'s {@code tree}: the children that PyTorch registers as one module
     * (positions 2 and 4) must be one object here, and the others distinct objects. Uses only
     * the given {@code registeredModules()}.
     */
    public static void assertTiedLike(ReferenceModel reference, Module net, String what, Exercise exercise) {
        List<String[]> expected = rootChildren(reference);
        List<Map.Entry<String, Module>> actual = new ArrayList<>(net.registeredModules().entrySet());
        List<String> expectedNames = new ArrayList<>();
        expected.forEach(c -> expectedNames.add(c[0]));
        List<String> actualNames = new ArrayList<>();
        actual.forEach(e -> actualNames.add(e.getKey()));
        if (!expectedNames.equals(actualNames)) {
            fail(what + ": the children must be registered as " + expectedNames + " (PyTorch's net has "
                    + expectedNames.size() + " positions) but they are " + actualNames + "; " + Hints.of(exercise));
        }
        Map<String, Integer> firstPosition = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            String path = expected.get(i)[1];
            Module module = actual.get(i).getValue();
            Integer first = firstPosition.putIfAbsent(path, i);
            if (first != null) {
                Module shared = actual.get(first).getValue();
                if (module != shared) {
                    fail(what + ": net.get(" + first + ") and net.get(" + i + ") must be the same object (in PyTorch, "
                            + "net[" + first + "] is net[" + i + "]), but they are two different objects: "
                            + Identity.describe(shared) + " and " + Identity.describe(module) + sameValuesNote(shared, module)
                            + ". " + WHY_IDENTITY + " " + Hints.of(exercise));
                }
            } else {
                for (int j = 0; j < i; j++) {
                    if (actual.get(j).getValue() == module) {
                        fail(what + ": net.get(" + j + ") and net.get(" + i + ") are the same object "
                                + Identity.describe(module) + ", but in PyTorch's network they are different layers "
                                + "(only positions " + sharedPositions(expected) + " share one); " + Hints.of(exercise));
                    }
                }
            }
        }
    }

    private static String sameValuesNote(Module a, Module b) {
        Parameter wa = a.registeredParameters().get("weight");
        Parameter wb = b.registeredParameters().get("weight");
        try {
            if (wa != null && wb != null && wa.size().equals(wb.size()) && wa.data().equal(wb.data())) {
                return " that merely hold equal values (a copy)";
            }
        } catch (RuntimeException e) {
            // a placeholder of a lazy layer has no shape yet: nothing to add
        }
        return "";
    }

    private static String sharedPositions(List<String[]> expected) {
        Map<String, List<Integer>> byPath = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            byPath.computeIfAbsent(expected.get(i)[1], k -> new ArrayList<>()).add(i);
        }
        List<String> groups = new ArrayList<>();
        byPath.values().stream().filter(l -> l.size() > 1).forEach(l -> groups.add(l.toString()));
        return String.join(", ", groups);
    }

    /** The root's children as {@code [name, path of the child object]}, from the reference's {@code tree}. */
    private static List<String[]> rootChildren(ReferenceModel reference) {
        try {
            JsonNode root = JSON.readTree(reference.metadata("tree")).get("");
            List<String[]> children = new ArrayList<>();
            for (JsonNode c : root.get("children")) {
                children.add(new String[] {c.get(0).asText(), c.get(1).asText()});
            }
            return children;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(reference.fileName() + ": metadata 'tree' is not valid JSON", e);
        }
    }

    /**
     * The mean squared error {@code ((out - y)^2).mean()}, PyTorch's {@code nn.MSELoss()}, built
     * from the given tensor library.
     */
    public static Tensor mse(Tensor out, Tensor y) {
        return out.sub(y).pow(2f).mean();
    }

    /** Every parameter of {@code net} under PyTorch's {@code named_parameters} names of {@code reference}, in that order. */
    public static Map<String, Parameter> parametersByPyTorchName(ReferenceModel reference, Module net, String what) {
        Map<String, Parameter> out = new java.util.LinkedHashMap<>();
        for (String name : reference.parameters().keySet()) {
            out.put(name, Weights.find(net, name, what, reference.fileName()));
        }
        return out;
    }
}

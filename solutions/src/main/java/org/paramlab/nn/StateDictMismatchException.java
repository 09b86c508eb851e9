package org.paramlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Module#loadStateDict(java.util.Map)} when the state dict does not fit the
 * module: keys the module has but the dict lacks, keys the dict has but the module lacks, and
 * tensors of the wrong shape, all reported at once as PyTorch's {@code load_state_dict} does.
 */
public class StateDictMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> missingKeys;
    private final List<String> unexpectedKeys;
    private final List<String> sizeMismatches;

    /**
     * @param moduleName     the class name of the module being loaded, e.g. {@code Sequential}
     * @param missingKeys    keys of the module's state dict absent from the given one
     * @param unexpectedKeys keys of the given dict the module does not have
     * @param sizeMismatches one line per key whose shape differs, e.g.
     *                       {@code "size mismatch for 0.weight: copying a param with shape torch.Size([8, 3]) from checkpoint, the shape in current model is torch.Size([8, 4])."}
     */
    public StateDictMismatchException(String moduleName, List<String> missingKeys, List<String> unexpectedKeys,
                                      List<String> sizeMismatches) {
        super(message(moduleName, missingKeys, unexpectedKeys, sizeMismatches));
        this.missingKeys = List.copyOf(missingKeys);
        this.unexpectedKeys = List.copyOf(unexpectedKeys);
        this.sizeMismatches = List.copyOf(sizeMismatches);
    }

    /** Keys the module expects but the state dict lacks, in the module's order. */
    public List<String> missingKeys() {
        return missingKeys;
    }

    /** Keys of the state dict the module does not have, in the dict's order. */
    public List<String> unexpectedKeys() {
        return unexpectedKeys;
    }

    /** One message per tensor whose shape does not match. */
    public List<String> sizeMismatches() {
        return sizeMismatches;
    }

    /** PyTorch's message, word for word: {@code Error(s) in loading state_dict for Sequential:} and one tab-indented line per problem. */
    private static String message(String moduleName, List<String> missing, List<String> unexpected,
                                  List<String> sizes) {
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (!unexpected.isEmpty()) {
            problems.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
        }
        problems.addAll(sizes);
        return "Error(s) in loading state_dict for " + moduleName + ":\n\t" + String.join("\n\t", problems);
    }

    private static String quoted(List<String> keys) {
        return keys.stream().map(k -> '"' + k + '"').collect(Collectors.joining(", "));
    }
}

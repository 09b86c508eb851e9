package org.paramlab.tour;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * Compares a cell's Java output with PyTorch's: the same text, the same up to Java's spelling of a
 * few things, or different (with a line diff).
 */
public final class OutputComparison {

    private static final Pattern JAVA_BOOLEAN = Pattern.compile("\\b(true|false|null)\\b");
    private static final Pattern PYTHON_CLASS = Pattern.compile("<class '(?:[\\w.]+\\.)?(\\w+)'>");
    private static final Pattern JAVA_CLASS = Pattern.compile("(?<![<\\w])class (?:[a-z]\\w*\\.)+([A-Z]\\w*)");

    private OutputComparison() {
    }

    /**
     * The verdict for one cell.
     *
     * @param status      {@link Status#SAME}, {@link Status#SAME_UP_TO_JAVA} or {@link Status#DIFFERS}
     * @param differences for "same up to Java", what was told apart ({@code true/True}, type names); for
     *                    "differs", the known cause when the tour recognizes it (a plain Java map where
     *                    PyTorch prints an {@code OrderedDict}, {@code AddBackward0} for {@code AddmmBackward0});
     *                    empty otherwise
     * @param diff        for "differs", a unified diff from PyTorch's output to Java's; empty otherwise
     */
    public record Verdict(Status status, List<String> differences, List<String> diff) {
    }

    /** Compares Java's output with PyTorch's. */
    public static Verdict compare(String pytorch, String java) {
        if (pytorch.isBlank() && java.isBlank()) {
            return new Verdict(Status.NOTHING_TO_COMPARE, List.of(), List.of());
        }
        if (pytorch.equals(java)) {
            return new Verdict(Status.SAME, List.of(), List.of());
        }
        Set<String> differences = new LinkedHashSet<>();
        String python = normalizePython(pytorch);
        String javaText = normalizeJava(java, differences);
        if (python.equals(javaText)) {
            return new Verdict(Status.SAME_UP_TO_JAVA, List.copyOf(differences), List.of());
        }
        return new Verdict(Status.DIFFERS, knownCauses(pytorch, java), diff(pytorch, java));
    }

    /** What a learner's correct code may print differently from PyTorch, and how to print as PyTorch does. */
    private static List<String> knownCauses(String pytorch, String java) {
        List<String> causes = new ArrayList<>();
        if (pytorch.contains("OrderedDict(") && !java.contains("OrderedDict(") && java.contains("{")) {
            causes.add("your stateDict() or namedParameters() returns a plain Java map, which prints as {key=value}:"
                    + " return an org.paramlab.tensor.OrderedDict (a LinkedHashMap) to print as PyTorch's OrderedDict"
                    + " (the grade is the same either way)");
        }
        if (pytorch.contains("AddmmBackward0") && java.contains("AddBackward0")) {
            causes.add("PyTorch's Linear computes bias + x W^T in one operation, addmm: Linear.forward can return"
                    + " Tensor.addmm(bias, x, weight.t()) to print grad_fn=<AddmmBackward0> (the grade is the same"
                    + " either way)");
        }
        return List.copyOf(causes);
    }

    private static String normalizePython(String text) {
        return PYTHON_CLASS.matcher(text).replaceAll("<class $1>");
    }

    private static String normalizeJava(String text, Set<String> differences) {
        Matcher classes = JAVA_CLASS.matcher(text);
        if (classes.find()) {
            differences.add("Java's type names (class org.paramlab.nn.Parameter for <class 'torch.nn.parameter.Parameter'>)");
        }
        String out = classes.replaceAll("<class $1>");
        Matcher words = JAVA_BOOLEAN.matcher(out);
        StringBuilder replaced = new StringBuilder();
        while (words.find()) {
            String word = words.group(1);
            String python = switch (word) {
                case "true" -> "True";
                case "false" -> "False";
                default -> "None";
            };
            differences.add(word + " for " + python);
            words.appendReplacement(replaced, python);
        }
        words.appendTail(replaced);
        return replaced.toString();
    }

    private static List<String> diff(String pytorch, String java) {
        List<String> a = pytorch.lines().toList();
        List<String> b = java.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("PyTorch", "Java", a, patch, 1);
        List<String> lines = new ArrayList<>(unified);
        if (lines.isEmpty()) {
            // same lines, different line breaks at the end
            lines.add("(the texts differ only in their line breaks: PyTorch's ends "
                    + (pytorch.endsWith("\n") ? "with" : "without") + " one, Java's "
                    + (java.endsWith("\n") ? "with" : "without") + " one)");
        }
        return lines;
    }
}

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
     * @param differences for "same up to Java", what was told apart ({@code true/True}, type names); empty
     *                    otherwise
     * @param diff        for "differs", a unified diff from PyTorch's output to Java's; empty otherwise
     */
    public record Verdict(Status status, List<String> differences, List<String> diff) {
    }

    /** Compares Java's output with PyTorch's. */
    public static Verdict compare(String pytorch, String java) {
        if (pytorch.equals(java)) {
            return new Verdict(Status.SAME, List.of(), List.of());
        }
        Set<String> differences = new LinkedHashSet<>();
        String python = normalizePython(pytorch);
        String javaText = normalizeJava(java, differences);
        if (python.equals(javaText)) {
            return new Verdict(Status.SAME_UP_TO_JAVA, List.copyOf(differences), List.of());
        }
        return new Verdict(Status.DIFFERS, List.of(), diff(pytorch, java));
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

package org.paramlab.courses;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names a submission may not hold, checked before any content is read: names with control characters
 * (they forge lines in reports and terminals), a name twice (a zip may hold one), and names that differ only
 * in case, files or folders ({@code relu.java} beside {@code ReLU.java}): on macOS and Windows one overwrites
 * the other, so the same submission would grade differently on an instructor's laptop.
 */
final class SubmissionNames {

    /** How many refused names are told at most. */
    static final int MAX_TOLD = 10;

    private SubmissionNames() {
    }

    /**
     * @param paths the submission's file paths, {@code /}-separated
     * @return a problem per refused name (at most {@value #MAX_TOLD}, then how many more); empty when all are fine
     */
    static List<String> problems(List<String> paths) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> byFolded = new HashMap<>();
        Set<String> told = new HashSet<>();
        for (String path : paths) {
            if (hasControl(path)) {
                problems.add("a file name in the submission holds a control character: \"" + visible(path)
                        + "\"; rename it");
                continue;
            }
            if (!seen.add(path)) {
                problems.add(path + " is in the submission twice: make a new zip of your repository");
                continue;
            }
            for (int end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
                String name = end < 0 ? path : path.substring(0, end);
                String other = byFolded.putIfAbsent(folded(name), name);
                if (other != null && !other.equals(name) && told.add(folded(name))) {
                    problems.add(other + " and " + name + " differ only in case: on macOS and Windows one overwrites"
                            + " the other, so the submission would grade differently there; keep one of them");
                }
                if (end < 0) {
                    break;
                }
            }
        }
        if (problems.size() > MAX_TOLD) {
            int more = problems.size() - MAX_TOLD;
            problems.subList(MAX_TOLD, problems.size()).clear();
            problems.add("... and " + more + " more names like these");
        }
        return problems;
    }

    /** @return the name as a case-insensitive file system that normalizes Unicode sees it */
    private static String folded(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static boolean hasControl(String path) {
        return path.chars().anyMatch(SubmissionNames::isControl);
    }

    /** Control characters, and the invisible marks that reorder or hide text. */
    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }

    /** @return the name with every control character written as {@code \}{@code uXXXX} */
    private static String visible(String path) {
        StringBuilder text = new StringBuilder();
        path.chars().forEach(c -> text.append(isControl(c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return text.toString();
    }
}

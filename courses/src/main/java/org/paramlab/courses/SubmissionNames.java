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
 * (they forge lines in reports and terminals), names over {@value #MAX_NAME} characters or
 * {@value #MAX_DEPTH} folders, a name twice (a zip may hold one), and names that differ only
 * in case, files or folders ({@code relu.java} beside {@code ReLU.java}): on macOS and Windows one overwrites
 * the other, so the same submission would grade differently on an instructor's laptop.
 */
final class SubmissionNames {

    /** How many refused names are told at most. */
    static final int MAX_TOLD = 10;
    /** The longest name, in characters (Windows' own limit is 260 unless long paths are enabled). */
    static final int MAX_NAME = 1024;
    /** The most folders a name may have (a repository needs about 12). */
    static final int MAX_DEPTH = 64;

    private SubmissionNames() {
    }

    /**
     * @param paths the submission's file paths, {@code /}-separated
     * @return a problem per refused name (at most {@value #MAX_TOLD}, then how many more); empty when all are fine
     */
    static List<String> problems(List<String> paths) {
        List<String> problems = new ArrayList<>();
        int refused = 0;
        Set<String> seen = new HashSet<>();
        Set<String> told = new HashSet<>();
        Map<String, Seen> byFolded = new HashMap<>();
        for (String path : paths) {
            if (hasControl(path)) {
                refused++;
                tell(problems, () -> "a file name in the submission holds a control character: \"" + visible(path)
                        + "\"; rename it");
                continue;
            }
            long depth = path.chars().filter(c -> c == '/').count();
            if (path.length() > MAX_NAME || depth > MAX_DEPTH) {
                refused++;
                tell(problems, () -> "a file name in the submission is " + path.length() + " characters and "
                        + depth + " folders long, more than " + MAX_NAME + " and " + MAX_DEPTH + ": \""
                        + path.substring(0, Math.min(path.length(), 80)) + "...\"; shorten it");
                continue;
            }
            if (!seen.add(path)) {
                refused++;
                tell(problems, () -> path + " is in the submission twice: make a new zip of your repository");
                continue;
            }
            // Walks the path one folder at a time, keyed by the parent's number: linear in the path's length.
            int parent = 0;
            for (int from = 0; from <= path.length(); ) {
                int end = path.indexOf('/', from);
                end = end < 0 ? path.length() : end;
                String segment = path.substring(from, end);
                Seen mine = new Seen(byFolded.size() + 1, segment, path, end);
                String key = parent + "/" + folded(segment);
                Seen first = byFolded.putIfAbsent(key, mine);
                if (first == null) {
                    parent = mine.id();
                } else {
                    if (!first.segment().equals(segment) && told.add(key + "/" + segment)) {
                        refused++;
                        int at = end;
                        tell(problems, () -> first.path().substring(0, first.end()) + " and " + path.substring(0, at)
                                + " differ only in case: on macOS and Windows one overwrites the other, so the"
                                + " submission would grade differently there; keep one of them");
                    }
                    parent = first.id();
                }
                from = end + 1;
            }
        }
        if (refused > problems.size()) {
            problems.add("... and " + (refused - problems.size()) + " more names like these");
        }
        return problems;
    }

    /** Adds a problem while fewer than {@value #MAX_TOLD} are told: a crafted zip may hold thousands. */
    private static void tell(List<String> problems, java.util.function.Supplier<String> problem) {
        if (problems.size() < MAX_TOLD) {
            problems.add(problem.get());
        }
    }

    /** The first file or folder seen under a folded name: its number, its own name, and where it ends in its path. */
    private record Seen(int id, String segment, String path, int end) {
    }

    /** @return the name as a case-insensitive file system that normalizes Unicode sees it */
    private static String folded(String name) {
        boolean ascii = name.chars().allMatch(c -> c < 0x80);
        return (ascii ? name : Normalizer.normalize(name, Normalizer.Form.NFC)).toLowerCase(Locale.ROOT);
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

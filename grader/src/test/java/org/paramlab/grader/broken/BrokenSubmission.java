package org.paramlab.grader.broken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately wrong submission: the solutions with one small change, and what grading it must
 * show.
 *
 * @param id       a short name, e.g. {@code "namedParameters-not-deduplicated"}
 * @param exercise the exercise the defect is in, e.g. {@code "2.2"}: it must lose points there, and the
 *                 feedback of each of its failing tests must name the concept
 * @param defect   what is wrong, in a student's terms
 * @param edits    the change: find/replace pairs on solution files, each find occurring exactly once
 * @param fails    the graded tests that must fail, as {@code "Class.method"}; every other graded test
 *                 that runs must pass
 * @param concept  a word or phrase (case-insensitive) the feedback of each failing test of
 *                 {@code exercise} must contain: the concept the student got wrong. Tests of other
 *                 exercises that fail because they build on the broken piece are listed in
 *                 {@code fails} but need not name it.
 * @param groups   the graded test classes to run: the chapter's ({@code SubmissionGrader.CHAPTER}), group 8's ({@code SubmissionGrader.BUFFERS}), or fewer when the defect cannot reach the others
 */
record BrokenSubmission(String id, String exercise, String defect, List<Edit> edits, Set<String> fails, String concept,
                        List<String> groups) {

    /** Replace {@code find} by {@code replace} in {@code file} (a file name in solutions' org/paramlab/nn). */
    record Edit(String file, String find, String replace) {
    }

    BrokenSubmission {
        edits = List.copyOf(edits);
        fails = Set.copyOf(fails);
        groups = List.copyOf(groups);
    }

    /**
     * @param solutions the solutions' sources by file name
     * @return the broken submission's sources
     * @throws IllegalStateException if a find does not occur exactly once: the catalogue went stale
     */
    Map<String, String> apply(Map<String, String> solutions) {
        Map<String, String> sources = new LinkedHashMap<>(solutions);
        for (Edit edit : edits) {
            String text = sources.get(edit.file());
            if (text == null) {
                throw new IllegalStateException(id + ": no solution file " + edit.file());
            }
            int at = text.indexOf(edit.find());
            if (at < 0 || text.indexOf(edit.find(), at + 1) >= 0) {
                throw new IllegalStateException(id + ": the text to replace must occur exactly once in " + edit.file()
                        + " (found " + (at < 0 ? "nowhere" : "more than once") + "): " + edit.find());
            }
            sources.put(edit.file(), text.substring(0, at) + edit.replace() + text.substring(at + edit.find().length()));
        }
        return sources;
    }

    @Override
    public String toString() {
        return id;
    }
}

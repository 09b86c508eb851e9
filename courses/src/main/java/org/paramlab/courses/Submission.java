package org.paramlab.courses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a student handed in, as the trusted grader sees it: only the {@code .java} files of
 * {@code org.paramlab.nn} are graded; every other file that differs from the template is listed as
 * ignored, and never compiled, copied or run.
 *
 * @param layout   how the submission was read, for example {@code "a repository"} or {@code "a folder of .java files"}
 * @param graded   the graded files, by file name ({@code Linear.java}), with their content
 * @param origins  where each graded file was in the submission, by file name
 * @param ignored  the other files that differ from the template, each with why it is not graded
 * @param problems what keeps the submission from being graded at all (no file found, a file that is not
 *                 UTF-8 text, a damaged zip, a limit, names that differ only in case, ...), each in words a
 *                 student can act on; empty when it can be graded
 */
public record Submission(String layout, Map<String, byte[]> graded, Map<String, String> origins,
                         List<Ignored> ignored, List<String> problems) {

    /** A file of the submission that is not graded, and why. */
    public record Ignored(String path, String why) {
    }

    /** Copies the collections, keeping their order. */
    public Submission {
        graded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(graded));
        origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
        ignored = List.copyOf(ignored);
        problems = List.copyOf(problems);
    }
}

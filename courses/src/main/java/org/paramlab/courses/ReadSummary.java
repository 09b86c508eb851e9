package org.paramlab.courses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reports say about a submission as it was read, without its content: kept by the grading process
 * as soon as the submission is read, so that the report of a run stopped later still lists it.
 *
 * @param layout      how the submission was read
 * @param gradedFiles the SHA-256 of every graded file, by its path in the submission
 * @param missing     the student files the submission lacks (their stubs are graded)
 * @param ignored     the other files that differ from the template, and why they are not graded
 * @param problems    what keeps the submission from being graded at all
 */
public record ReadSummary(String layout, Map<String, String> gradedFiles, List<String> missing,
                          List<Submission.Ignored> ignored, List<String> problems) {

    /** Copies the collections, keeping their order. */
    public ReadSummary {
        gradedFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gradedFiles));
        missing = List.copyOf(missing);
        ignored = List.copyOf(ignored);
        problems = List.copyOf(problems);
    }

    /** @return the summary of a submission read, whose missing files were filled from the stubs */
    static ReadSummary of(Submission read, List<String> missing) {
        Map<String, String> graded = new LinkedHashMap<>();
        read.graded().forEach((name, content) -> graded.put(read.origins().get(name), TemplateFiles.sha256(content)));
        return new ReadSummary(read.layout(), graded, missing, read.ignored(), read.problems());
    }

    /** @return the summary of a submission that was never read to its end, for this reason */
    static ReadSummary notRead(String why) {
        return new ReadSummary("not read", Map.of(), List.of(), List.of(), List.of(why));
    }
}

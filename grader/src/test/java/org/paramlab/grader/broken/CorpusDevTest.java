package org.paramlab.grader.broken;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CorpusDevTest {
    @Test
    @org.junit.jupiter.api.Timeout(600)
    void messages() {
        Map<String, String> sources = SubmissionGrader.solutionSources();
        for (String id : List.of("namedParameters-children-before-own", "directEdits-loops-over-8x4", "loadStateDict-copies-each-parameter-once", "sequential-get-uses-the-roots-size")) {
            BrokenSubmission b = ContractSubmissions.all().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            SubmissionGrader.Grading g = SubmissionGrader.grade(SubmissionGrader.compile(b.apply(sources)), List.of("GeneratedNetworksTest"));
            System.out.println("==== " + id);
            g.outcomes().forEach((k, v) -> { if (!v.passed()) System.out.println(k + " " + v.status() + "\n" + v.message()); });
        }
    }
}

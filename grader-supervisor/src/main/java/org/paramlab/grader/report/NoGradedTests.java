package org.paramlab.grader.report;

import java.util.List;

import org.paramlab.grader.protocol.MavenCommand;

/**
 * What the reports say when no graded test ran (the run's settings were invalid, or the test JVM could
 * not start), and what to check.
 */
public final class NoGradedTests {

    /** The one-line form, for an exception message. */
    public static final String HEADLINE = "no graded test ran, so there is no score";

    private NoGradedTests() {
    }

    /**
     * @param run a run in which no graded test ran
     * @return what to check, one paragraph per entry
     */
    public static List<String> reasons(GradingRun run) {
        if (!run.plan().errors().isEmpty()) {
            return List.of("Fix the error above and run `" + MavenCommand.MVN + " test` again.");
        }
        return List.of("Did your code compile? Look for COMPILATION ERROR above.",
                "Run Maven from the repository root (the folder with the top pom.xml): `" + MavenCommand.MVN + " test`.",
                "The test JVM's own output is in grader/target/paramlab/student-output.txt.");
    }
}

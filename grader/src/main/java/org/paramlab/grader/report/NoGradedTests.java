package org.paramlab.grader.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the reports say when no graded test ran ({@code plan.json} is missing), and why that may be.
 */
public final class NoGradedTests {

    /** The one-line form, for an exception message. */
    public static final String HEADLINE = "no graded test ran, so there is no score";

    private NoGradedTests() {
    }

    /**
     * @param reportDir the report folder
     * @param base      the current folder, to show paths relative to it
     * @return the explanation, one paragraph per entry
     */
    public static List<String> reasons(Path reportDir, Path base) {
        return List.of(
                Text.displayPath(reportDir.resolve(ReportFiles.PLAN), base)
                        + " does not exist: the graded tests did not start.",
                "Did your code compile? Look for COMPILATION ERROR above.",
                "Run Maven from the repository root (the folder with the top pom.xml): `mvn test`.",
                "Were the tests skipped (-DskipTests or -Dmaven.test.skip)?");
    }
}

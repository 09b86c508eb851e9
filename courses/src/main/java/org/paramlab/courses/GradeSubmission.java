package org.paramlab.courses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.paramlab.grader.supervisor.GradingRequest;

/**
 * Grades one untrusted submission with the pristine grader, and writes its reports
 * ({@link TrustedGrader}). Run it from the instructor's copy ({@code scripts/grade-submission.sh}).
 *
 * <pre>
 * GradeSubmission (--repository ROOT | --bundle DIR) --submission PATH --out DIR
 *                 [--id NAME] [--seed N] [--budget SECONDS] [--test-heap MB] [--run-as USER] [--work DIR]
 *                 [--assignment NAME] [--course FILE]   (the course file's assignment; its first by default)
 * </pre>
 *
 * It prints the score table and exits with 0 whenever a report was written, whatever the grade (a
 * submission that does not compile included); 2 for wrong arguments or a missing grader.
 */
public final class GradeSubmission {

    static final String USAGE = "usage: GradeSubmission (--repository ROOT | --bundle DIR) --submission PATH --out DIR"
            + " [--id NAME] [--seed N] [--budget SECONDS] [--test-heap MB] [--run-as USER] [--work DIR]"
            + " [--assignment NAME] [--course FILE]";

    private GradeSubmission() {
    }

    /** @param args the options above */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("ParamLab: " + e.getMessage());
            System.exit(2);
        }
    }

    static SubmissionReport run(String[] args) {
        CommandLine line = new CommandLine(USAGE, args, Set.of("repository", "bundle", "submission", "out", "id",
                "seed", "budget", "test-heap", "run-as", "work", "assignment", "course"), Set.of());
        GraderHome home = line.home();
        TrustedGrader grader = new TrustedGrader(home, line.has("course") ? line.path("course") : null,
                line.get("assignment"));
        Path submission = line.path("submission");
        if (!Files.exists(submission)) {
            throw new IllegalArgumentException(submission + " does not exist");
        }
        Path out = line.path("out");
        String id = line.has("id") ? line.get("id") : submission.getFileName().toString().replaceFirst("\\.zip$", "");
        Path work = line.has("work") ? line.path("work") : out.resolve(".work");
        TrustedGrader.Options options = TrustedGrader.Options.defaults().seed(line.seed())
                .budget(line.seconds("budget", GradingRequest.DEFAULT_BUDGET))
                .testJvm(runAs(line.get("run-as")), line.integer("test-heap", GradingRequest.DEFAULT_TEST_HEAP_MB))
                .environment(System.getenv()).echo(System.out);
        SubmissionReport report = grader.grade(id, submission, out, work, options);
        System.out.println("ParamLab: " + id + ": " + report.status() + ", " + report.score() + "/" + report.maxScore()
                + "; reports in " + out);
        return report;
    }

    /** @return the prefix that runs the test JVM as {@code user} ({@code runuser}, Linux), or none */
    static List<String> runAs(String user) {
        return user == null || user.isBlank() ? List.of() : List.of("runuser", "-u", user, "--");
    }
}

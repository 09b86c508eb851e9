package org.paramlab.courses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.paramlab.grader.protocol.ReportFiles;

/**
 * The stages of grading one submission, in order, as the grading process records them in its stage file,
 * so that whoever stops the process can say where it stopped: "compilation did not finish in 28 s".
 */
public enum GradingStage {
    /** Reading the zip or folder and keeping its graded files. */
    READING("reading the submission"),
    /** javac on the student's files. */
    COMPILING("compilation"),
    /** The rules gate and the test JVMs. */
    TESTS("the rules and the tests"),
    /** results.json, summary.md, report.html and the charts. */
    REPORTS("the reports");

    private final String label;

    GradingStage(String label) {
        this.label = label;
    }

    /** @return the stage in words, as the reports name it */
    public String label() {
        return label;
    }

    /** @return the sentence the report gives when this stage was stopped after {@code seconds} */
    public String didNotFinish(long seconds) {
        return label + " did not finish in " + seconds + " s";
    }

    /**
     * A stage and when it began.
     *
     * @param stage       the stage
     * @param startedAtMs when it began ({@link System#currentTimeMillis()}, comparable across processes)
     */
    public record Entered(GradingStage stage, long startedAtMs) {
    }

    /** Records, in {@code file}, that the grading enters {@code stage} now. */
    static void enter(Path file, GradingStage stage) {
        try {
            ReportFiles.writeAtomically(file, stage.name() + " " + System.currentTimeMillis() + "\n");
        } catch (IOException e) {
            // the stage is only for the report of a stopped run; grading goes on without it
        }
    }

    /** @return the last stage recorded in {@code file}, if any */
    static Optional<Entered> last(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            return Optional.of(new Entered(GradingStage.valueOf(parts[0]), Long.parseLong(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

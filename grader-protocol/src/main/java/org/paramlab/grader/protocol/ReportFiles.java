package org.paramlab.grader.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The files of the report folder ({@code grader/target/paramlab} in a Maven build) and the one
 * Jackson configuration that reads and writes them.
 */
public final class ReportFiles {

    /** What the run graded: {@link GradingPlan}, written by the supervisor. */
    public static final String PLAN = "plan.json";
    /** One {@link ProgressEvent} per line: the grader's own tests record fixtures' runs in it. */
    public static final String PROGRESS = "progress.jsonl";
    /** The score in Gradescope's autograder format, written by {@link ReportWriter}. */
    public static final String RESULTS = "results.json";
    /** The Markdown summary, written by {@link ReportWriter}. */
    public static final String SUMMARY = "summary.md";
    /** The visual report: the score table, the feedback and the charts, in one self-contained page. */
    public static final String HTML = "report.html";
    /** Everything the test JVMs printed (the student's output among it), capped, written by the supervisor. */
    public static final String OUTPUT = "student-output.txt";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ReportFiles() {
    }

    /** @return the shared mapper: unknown properties are ignored, so newer files stay readable */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value as indented JSON, through a temporary file and a rename, so a reader never sees
     * half a file.
     *
     * @param file  where to write it; its folder is created
     * @param value a record or map
     */
    public static void writeJson(Path file, Object value) {
        try {
            String json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator();
            writeAtomically(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes text (UTF-8) through a temporary file and a rename.
     *
     * @param file where to write it; its folder is created
     * @param text the whole content
     * @throws IOException if it cannot be written
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

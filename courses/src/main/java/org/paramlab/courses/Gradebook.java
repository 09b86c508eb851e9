package org.paramlab.courses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.report.Text;

/**
 * {@code gradebook.csv}: one row per submission, with its total, the points of every exercise, its status
 * ({@code graded}, {@code compile error}, {@code timed out}, {@code crashed}, ...), the seed of its inputs,
 * how long it took, the grader's fingerprint and a note. Written with Jackson's CSV module.
 */
final class Gradebook {

    /** One row. */
    record Row(String id, SubmissionReport report, String note) {
    }

    private Gradebook() {
    }

    /** @return the exercises that carry points, in report order: the gradebook's columns */
    static List<Exercise> scored() {
        List<Exercise> scored = new ArrayList<>();
        for (Exercise exercise : Exercise.values()) {
            if (!exercise.group().gate()) {
                scored.add(exercise);
            }
        }
        return scored;
    }

    /**
     * A text from outside the grader as a spreadsheet shows it: a cell that starts with {@code = + - @}, a
     * tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets (an id such as
     * {@code =HYPERLINK(...)}), so it gets a leading {@code '}, as OWASP's advice on CSV injection says;
     * control characters and bidirectional overrides go ({@link Text#clean(String)}).
     *
     * @param text a text, such as a submission id or a note
     * @return the cell
     */
    static String cell(String text) {
        String cleaned = Text.clean(text);
        return !cleaned.isEmpty() && "=+-@\t\r".indexOf(cleaned.charAt(0)) >= 0 ? "'" + cleaned : cleaned;
    }

    static void write(List<Row> rows, Path file) {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("id").addColumn("total");
        scored().forEach(e -> schema.addColumn(e.id()));
        schema.addColumn("status").addColumn("seed").addColumn("duration_s").addColumn("fingerprint").addColumn("note");
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> value = new LinkedHashMap<>();
            SubmissionReport report = row.report();
            value.put("id", cell(row.id()));
            value.put("total", report == null ? "" : Text.points(report.score()));
            for (Exercise exercise : scored()) {
                SubmissionReport.Points points = report == null ? null : report.exercises().get(exercise.id());
                value.put(exercise.id(), points == null ? (report == null ? "" : "0") : Text.points(points.earned()));
            }
            value.put("status", report == null ? SubmissionReport.CRASHED : report.status());
            value.put("seed", report == null || report.seed() == null ? "" : report.seed());
            value.put("duration_s", report == null ? "" : report.durationSeconds());
            value.put("fingerprint", report == null ? "" : report.fingerprint());
            value.put("note", row.note() == null ? "" : cell(row.note()));
            values.add(value);
        }
        try {
            new CsvMapper().writer(schema.build().withHeader()).writeValue(file.toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.paramlab.courses.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.courses.GraderHome;
import org.paramlab.courses.SubmissionReader;
import org.paramlab.courses.SubmissionReport;
import org.paramlab.courses.TrustedGrader;
import org.paramlab.grader.protocol.ReportFiles;

/**
 * Hostile submissions as input, not code (issue 18, item 3), graded end to end by the trusted grader: each
 * one must end in a complete report of 100 points in all, with the status it deserves, within its limit (a
 * hang guard, not a speed target). A row per attack goes to {@code target/course-attacks.md}.
 */
class SubmissionInputAttacksTest {

    private static final String NN = SubmissionReader.STUDENT_DIR;
    private static final int SIXTEEN_MB = 16 * 1024 * 1024;
    private static final List<String> LOG = new ArrayList<>();

    private static GraderHome home;
    private static Path repository;

    @TempDir
    Path temp;

    @BeforeAll
    static void pristineGrader() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("courses")) && Files.isDirectory(dir.resolve("grader"))) {
                repository = dir;
                break;
            }
        }
        home = GraderHome.fromRepository(repository);
    }

    @AfterAll
    static void writeLog() throws IOException {
        Path file = Path.of("target", "course-attacks.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "| attack | points | status | wall time | limit |\n| --- | --- | --- | --- | --- |\n"
                + String.join("\n", LOG) + "\n", StandardCharsets.UTF_8);
    }

    /** A complete graded submission, zipped as GitHub's "Download ZIP" does, with 31 entries of 16 MB of zeros. */
    @Test
    void aZipOfZerosIsStreamedAndTheHonestCodeBesideItIsGraded() throws IOException {
        Path zip = temp.resolve("zeros.zip");
        byte[] zeros = new byte[1024 * 1024];
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            zipped.setLevel(9);
            addSolutions(zipped, "paramlab-main/" + NN);
            for (int i = 0; i < 31; i++) {
                zipped.putNextEntry(new ZipEntry("paramlab-main/data/zeros-" + i + ".bin"));
                for (int mb = 0; mb < 16; mb++) {
                    zipped.write(zeros);
                }
                zipped.closeEntry();
            }
        }
        assertThat(Files.size(zip)).isLessThan(1024 * 1024);

        SubmissionReport report = attack("31 entries of 16 MB of zeros in a 0.5 MB zip, beside complete code", zip,
                SubmissionReport.GRADED, 100.0, Duration.ofMinutes(5));

        assertThat(report.ignored()).hasSize(31);
    }

    @Test
    void namesThatDifferOnlyInCaseAreRefusedByName() throws IOException {
        Path folder = solutions(temp.resolve("case"));
        Files.copy(folder.resolve("ReLU.java"), folder.resolve("relu.java"));

        SubmissionReport report = attack("relu.java beside ReLU.java", folder, SubmissionReport.BAD_SUBMISSION, 0,
                Duration.ofMinutes(2));

        assertThat(report.problems()).containsExactly("ReLU.java and relu.java differ only in case: on macOS and"
                + " Windows one overwrites the other, so the submission would grade differently there; keep one of them");
    }

    @Test
    void aCorruptZipIsABadSubmission() throws IOException {
        Path whole = temp.resolve("whole.zip");
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(whole))) {
            addSolutions(zipped, NN);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path zip = Files.write(temp.resolve("corrupt.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        SubmissionReport report = attack("a zip cut in half", zip, SubmissionReport.BAD_SUBMISSION, 0,
                Duration.ofMinutes(2));

        assertThat(report.problems()).singleElement().asString().startsWith("the zip corrupt.zip is not a valid zip");
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedUnopened() throws IOException {
        Path zip = temp.resolve("many.zip");
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            addSolutions(zipped, NN);
            for (int i = 0; i < 20_000; i++) {
                zipped.putNextEntry(new ZipEntry("junk/" + i));
                zipped.closeEntry();
            }
        }

        SubmissionReport report = attack("a zip of 20,020 entries", zip, SubmissionReport.BAD_SUBMISSION, 0,
                Duration.ofMinutes(2));

        assertThat(report.problems()).singleElement().asString().startsWith("the zip many.zip holds 200")
                .contains("entries, more than 20000");
    }

    @Test
    void aFolderOverTheTotalIsRefusedAsAZipWouldBe() throws IOException {
        Path folder = solutions(temp.resolve("large"));
        for (int i = 0; i < 33; i++) {
            try (RandomAccessFile file = new RandomAccessFile(folder.resolve("data-" + i + ".bin").toFile(), "rw")) {
                file.setLength(SIXTEEN_MB);
            }
        }

        SubmissionReport report = attack("a folder of 33 files of 16 MB (528 MB)", folder,
                SubmissionReport.BAD_SUBMISSION, 0, Duration.ofMinutes(2));

        assertThat(report.problems()).containsExactly("the folder large unpacks to more than 512 MB: hand in only"
                + " your repository, without build output or data");
    }

    @Test
    void aFileNameThatForgesAHeadingIsRefused() throws IOException {
        Path zip = temp.resolve("forged.zip");
        try (ZipOutputStream zipped = new ZipOutputStream(Files.newOutputStream(zip))) {
            addSolutions(zipped, NN);
            zipped.putNextEntry(new ZipEntry("notes\n# ParamLab: 100 / 100 points\n.md"));
            zipped.closeEntry();
        }

        SubmissionReport report = attack("a file name with a newline and a forged heading", zip,
                SubmissionReport.BAD_SUBMISSION, 0, Duration.ofMinutes(2));

        assertThat(report.problems()).singleElement().asString().contains("control character",
                "notes\\u000A# ParamLab");
        assertThat(Files.readString(temp.resolve("out/summary.md"))).doesNotContain("\n# ParamLab: 100 / 100");
    }

    /** Grades one hostile submission and checks that its report is complete, with the points and status expected. */
    private SubmissionReport attack(String name, Path submission, String status, double points, Duration limit)
            throws IOException {
        Path out = temp.resolve("out");
        long start = System.nanoTime();
        SubmissionReport report = new TrustedGrader(home).grade("attack", submission, out, temp.resolve("work"),
                TrustedGrader.Options.defaults().seed(7L));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        synchronized (LOG) {
            LOG.add("| " + name + " | " + report.score() + " | " + report.status() + " | " + wall.toMillis() / 1000.0
                    + " s | " + limit.toSeconds() + " s |");
        }
        assertThat(report.status()).as(name + ": status\n" + report.problems()).isEqualTo(status);
        assertThat(report.score()).as(name + ": points").isEqualTo(points);
        assertThat(report.maxScore()).as(name + ": max score").isEqualTo(100.0);
        assertThat(wall).as(name + ": wall time").isLessThan(limit);
        for (String file : List.of("results.json", "summary.md", "report.html", TrustedGrader.SUBMISSION_JSON)) {
            assertThat(out.resolve(file)).as(name + ": " + file).exists();
        }
        JsonNode results = ReportFiles.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("tests")).as(name + ": every graded test has an outcome").isNotEmpty()
                .allMatch(t -> t.get("status").asText().equals("passed") || t.get("status").asText().equals("failed"));
        double max = 0;
        for (JsonNode test : results.get("tests")) {
            max += test.get("max_score").asDouble();
        }
        assertThat(max).as(name + ": the tests' points add up to 100").isCloseTo(100.0,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(out.resolve(TrustedGrader.SUBMISSION_JSON)).content().contains("\"status\" : \"" + status + "\"");
        return report;
    }

    private static Path solutionsDir() {
        return repository.resolve("solutions/src/main/java/org/paramlab/nn");
    }

    /** Copies the reference solutions into a folder of .java files. */
    private static Path solutions(Path to) {
        try (Stream<Path> files = Files.list(solutionsDir())) {
            Files.createDirectories(to);
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addSolutions(ZipOutputStream zipped, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(solutionsDir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                zipped.putNextEntry(new ZipEntry(prefix + file.getFileName()));
                zipped.write(Files.readAllBytes(file));
                zipped.closeEntry();
            }
        }
    }
}

package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paramlab.grader.integrity.Fingerprint;

/**
 * Trusted grading of one submission with the pristine grader (this repository): complete, stub and broken
 * submissions, a student repository that tampered with everything but its own files, and bad input.
 */
class TrustedGraderTest {

    private static GraderHome home;

    @TempDir
    Path temp;

    @BeforeAll
    static void pristineGrader() {
        home = Fixtures.home();
    }

    private SubmissionReport grade(Path submission) {
        return new TrustedGrader(home).grade("s", submission, temp.resolve("out"), temp.resolve("work"),
                TrustedGrader.Options.defaults().seed(7L));
    }

    @Test
    void aCompleteSubmissionScoresFullMarks() throws IOException {
        SubmissionReport report = grade(Fixtures.copy(Fixtures.solutions(), temp.resolve("solutions")));

        assertThat(report.status()).isEqualTo(SubmissionReport.GRADED);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.seed()).isEqualTo(7L);
        assertThat(report.fingerprint()).isEqualTo(Fingerprint.of(Fixtures.repository()).value());
        assertThat(report.gradedFiles()).containsKey("Linear.java").allSatisfy((path, sha) -> assertThat(sha).hasSize(64));
        JsonNode written = Fixtures.json(temp.resolve("out").resolve(TrustedGrader.SUBMISSION_JSON));
        assertThat(written.get("status").asText()).isEqualTo("graded");
        assertThat(written.get("max_score").asDouble()).isEqualTo(100.0);
        assertThat(written.get("test_jvms").get(0).asText()).startsWith("1: exit 0, ended normally");
        assertThat(temp.resolve("out").resolve("results.json")).exists();
        assertThat(temp.resolve("out").resolve(TrustedGrader.CONSOLE)).content().contains("TOTAL", "100/100");
        assertThat(temp.resolve("work")).doesNotExist();
    }

    @Test
    void theStubsInAZipScoreZeroWithACompleteReport() throws IOException {
        Path zip = Fixtures.zip(Fixtures.stubs(), "paramlab-main/exercises/src/main/java/org/paramlab/nn/",
                temp.resolve("stubs.zip"));
        SubmissionReport report = grade(zip);

        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(100.0);
        assertThat(report.layout()).isEqualTo("a repository");
        assertThat(report.missingFiles()).isEmpty();
        JsonNode results = Fixtures.json(temp.resolve("out").resolve("results.json"));
        assertThat(results.get("tests").size()).isGreaterThanOrEqualTo(88);
    }

    @Test
    void aSubmissionThatDoesNotCompileScoresZeroWithTheCompilersMessages() throws IOException {
        Path folder = Fixtures.copy(Fixtures.solutions(), temp.resolve("broken"));
        Path linear = folder.resolve("Linear.java");
        Files.writeString(linear, Files.readString(linear).replaceFirst("return ", "return return "));
        SubmissionReport report = grade(folder);

        assertThat(report.status()).isEqualTo(SubmissionReport.COMPILE_ERROR);
        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(100.0);
        String console = Files.readString(temp.resolve("out").resolve(TrustedGrader.CONSOLE));
        assertThat(console).contains("ERROR: your code does not compile", "Linear.java:", "illegal start of expression")
                .doesNotContain(temp.toString());
        JsonNode results = Fixtures.json(temp.resolve("out").resolve("results.json"));
        assertThat(results.get("tests").size()).isGreaterThanOrEqualTo(88);
        assertThat(results.get("tests").get(0).get("output").asText()).startsWith("failed: not graded: your code does"
                + " not compile");
    }

    static Stream<Arguments> tampering() {
        Map<String, Consumer<Path>> cases = new java.util.LinkedHashMap<>();
        cases.put(".mvn/maven.config", repo -> Fixtures.write(repo.resolve(".mvn/maven.config"),
                "-DskipTests -Dparamlab.budget=1 -DargLine=-javaagent:evil.jar\n"));
        cases.put("grader/target/paramlab/results.json", repo -> Fixtures.write(
                repo.resolve("grader/target/paramlab/results.json"), "{\"score\": 100}\n"));
        cases.put(".mvn/jvm.config", repo -> Fixtures.write(repo.resolve(".mvn/jvm.config"), "-javaagent:evil.jar\n"));
        cases.put("exercises/pom.xml", repo -> Fixtures.write(repo.resolve("exercises/pom.xml"),
                "<project><build><sourceDirectory>../graded-tests/src/main/java</sourceDirectory></build></project>\n"));
        cases.put("reference-models/pom.xml", repo -> Fixtures.write(repo.resolve("reference-models/pom.xml"),
                "<project><dependencies><dependency>evil</dependency></dependencies></project>\n"));
        cases.put("graded-tests/src/main/java/org/paramlab/grading/ModulesTest.java", repo -> Fixtures.write(
                repo.resolve("graded-tests/src/main/java/org/paramlab/grading/ModulesTest.java"), "class ModulesTest { }\n"));
        cases.put("graded-tests/src/main/java/target/org/paramlab/grading/support/Inputs.java", repo -> Fixtures.write(
                repo.resolve("graded-tests/src/main/java/target/org/paramlab/grading/support/Inputs.java"), "class I { }\n"));
        cases.put("graded-tests/src/main/java/.hidden/Shadow.java", repo -> Fixtures.write(
                repo.resolve("graded-tests/src/main/java/.hidden/Shadow.java"), "class Shadow { }\n"));
        cases.put("exercises/src/main/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener",
                repo -> Fixtures.write(repo.resolve("exercises/src/main/resources/META-INF/services/"
                        + "org.junit.platform.launcher.TestExecutionListener"), "org.paramlab.nn.Linear\n"));
        cases.put("tensor/src/main/resources/junit-platform.properties", repo -> Fixtures.write(
                repo.resolve("tensor/src/main/resources/junit-platform.properties"), "x=1\n"));
        cases.put("reference-models/models/manifest.json", repo -> Fixtures.write(
                repo.resolve("reference-models/models/manifest.json"), "{\"files\": {}}\n"));
        cases.put("reference-models/models/net.onnx", repo -> Fixtures.write(
                repo.resolve("reference-models/models/net.onnx"), "edited\n"));
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    void tamperingWithTheRepositoryGainsNothingAndIsListed(String path, Consumer<Path> tamper) {
        Path repo = Fixtures.studentRepository(temp.resolve("repo"));
        tamper.accept(repo);
        SubmissionReport report = grade(repo);

        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(100.0);
        assertThat(report.status()).isEqualTo(SubmissionReport.GRADED);
        assertThat(report.ignored()).extracting(Submission.Ignored::path).containsExactly(path);
        assertThat(temp.resolve("out").resolve("summary.md")).content().contains(path + ": ", "ignored: not graded");
    }

    /**
     * The Maven Wrapper of a submission (its {@code mvnw}, {@code mvnw.cmd} and {@code .mvn/}: the JVM's and
     * Maven's options, and a distribution URL pointing at an attacker's Maven) is neither read as settings nor
     * run: the grading is the same, test by test, as that of the same files without them.
     */
    @Test
    void theSubmissionsMavenWrapperAndMavenSettingsAreNeverRunAndChangeNothing() throws IOException {
        Path plain = submissionWithSomeSolvedFiles(temp.resolve("plain"));
        SubmissionReport expected = new TrustedGrader(home).grade("s", plain, temp.resolve("out-plain"),
                temp.resolve("work-plain"), TrustedGrader.Options.defaults().seed(7L));
        Path marker = temp.resolve("the-wrapper-ran");
        Path hostile = submissionWithSomeSolvedFiles(temp.resolve("hostile"));
        Fixtures.write(hostile.resolve("mvnw"), "#!/bin/sh\necho pwned > '" + marker + "'\nexit 0\n")
                .toFile().setExecutable(true);
        Fixtures.write(hostile.resolve("mvnw.cmd"), "@echo pwned > \"" + marker + "\"\r\n");
        Fixtures.write(hostile.resolve(".mvn/jvm.config"), "-javaagent:evil.jar -Dparamlab.budget=1\n");
        Fixtures.write(hostile.resolve(".mvn/maven.config"), "-DskipTests -Dparamlab.seed=1 -Dexercise=1.1\n");
        Fixtures.write(hostile.resolve(".mvn/wrapper/maven-wrapper.properties"),
                "distributionUrl=" + marker.toUri() + "-evil-bin.zip\ndistributionSha256Sum=\n");
        SubmissionReport report = grade(hostile);

        assertThat(marker).doesNotExist();
        assertThat(expected.score()).isGreaterThan(0.0).isLessThan(100.0);
        assertThat(report.score()).isEqualTo(expected.score());
        assertThat(report.status()).isEqualTo(SubmissionReport.GRADED).isEqualTo(expected.status());
        assertThat(report.gradedFiles()).isEqualTo(expected.gradedFiles());
        assertThat(outcomes(temp.resolve("out"))).isEqualTo(outcomes(temp.resolve("out-plain")));
        assertThat(expected.ignored()).isEmpty();
        assertThat(report.ignored()).extracting(Submission.Ignored::path).containsExactlyInAnyOrder(".mvn/jvm.config",
                ".mvn/maven.config", ".mvn/wrapper/maven-wrapper.properties", "mvnw", "mvnw.cmd");
    }

    /** A student repository where some exercises are done: partial points, so that any change shows. */
    private static Path submissionWithSomeSolvedFiles(Path to) throws IOException {
        Path repo = Fixtures.studentRepository(to);
        Path nn = repo.resolve("exercises/src/main/java/org/paramlab/nn");
        for (String file : List.of("Linear.java", "ReLU.java", "Sequential.java", "Init.java")) {
            Files.copy(Fixtures.solutions().resolve(file), nn.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return repo;
    }

    /** Each graded test's name, score and status in a results.json. */
    private static List<String> outcomes(Path out) {
        List<String> outcomes = new java.util.ArrayList<>();
        Fixtures.json(out.resolve("results.json")).get("tests").forEach(test -> outcomes.add(test.get("name").asText()
                + " " + test.get("score").asText() + "/" + test.get("max_score").asText() + " " + test.path("status").asText()));
        return outcomes;
    }

    @Test
    void anUntouchedRepositoryHasNothingIgnored() {
        SubmissionReport report = grade(Fixtures.studentRepository(temp.resolve("repo")));
        assertThat(report.ignored()).isEmpty();
        assertThat(report.missingFiles()).isEmpty();
        assertThat(report.layout()).isEqualTo("a repository");
    }

    // --- bad input -------------------------------------------------------------------------------

    @Test
    void anEmptySubmissionIsToldAndScoresZero() throws IOException {
        SubmissionReport report = grade(Files.createDirectories(temp.resolve("empty")));
        assertThat(report.status()).isEqualTo(SubmissionReport.BAD_SUBMISSION);
        assertThat(report.problems()).singleElement().asString()
                .startsWith("no .java file of org.paramlab.nn was found in the submission");
        assertThat(report.maxScore()).isEqualTo(100.0);
        assertThat(temp.resolve("out").resolve(TrustedGrader.CONSOLE)).content().contains("ERROR: no .java file");
    }

    @Test
    void aZipWithAnotherLayoutIsToldAndScoresZero() throws IOException {
        Path folder = Fixtures.write(temp.resolve("other/docs/notes.txt"), "my notes\n").getParent().getParent();
        Fixtures.write(folder.resolve("src/Main.py"), "print('hello')\n");
        SubmissionReport report = grade(Fixtures.zip(folder, "", temp.resolve("other.zip")));
        assertThat(report.status()).isEqualTo(SubmissionReport.BAD_SUBMISSION);
        assertThat(report.problems().get(0)).contains("holds 2 files, such as docs/notes.txt, src/Main.py");
    }

    @Test
    void aFileThatIsNotUtf8IsToldAndScoresZero() throws IOException {
        Path folder = Fixtures.copy(Fixtures.solutions(), temp.resolve("latin1"));
        Files.write(folder.resolve("Init.java"), "// caf\u00e9\nclass X { }\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SubmissionReport report = grade(folder);
        assertThat(report.status()).isEqualTo(SubmissionReport.BAD_SUBMISSION);
        assertThat(report.problems()).containsExactly("Init.java is not UTF-8 text (line 1 has the byte 0xE9): save it"
                + " as UTF-8");
        assertThat(report.score()).isZero();
    }

    @Test
    void aClassInAnotherPackageIsRefusedByTheRules() {
        Path folder = Fixtures.copy(Fixtures.solutions(), temp.resolve("package"));
        Fixtures.write(folder.resolve("Helper.java"), "package org.paramlab.tensor;\n\npublic class Helper {\n}\n");
        SubmissionReport report = grade(folder);
        assertThat(report.score()).isZero();
        assertThat(Fixtures.json(temp.resolve("out").resolve("results.json")).toString())
                .contains("Helper.java (org/paramlab/tensor/Helper.class) declares package org.paramlab.tensor");
    }

    @Test
    void aModuleDeclarationIsIgnoredAndAPackageInfoIsGraded() {
        Path folder = Fixtures.copy(Fixtures.solutions(), temp.resolve("declarations"));
        Fixtures.write(folder.resolve("module-info.java"), "module evil {\n}\n");
        Fixtures.write(folder.resolve("package-info.java"), "/** Mine. */\npackage org.paramlab.nn;\n");
        SubmissionReport report = grade(folder);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.ignored()).containsExactly(new Submission.Ignored("module-info.java",
                "a module declaration is not graded"));
        assertThat(report.gradedFiles()).containsKey("package-info.java");
    }

    @Test
    void aSymbolicLinkIsNeverRead() throws IOException {
        Path folder = Fixtures.copy(Fixtures.solutions(), temp.resolve("links"));
        Files.delete(folder.resolve("ReLU.java"));
        Files.createSymbolicLink(folder.resolve("ReLU.java"), Path.of("/etc/passwd"));
        SubmissionReport report = grade(folder);
        assertThat(report.ignored()).containsExactly(new Submission.Ignored("ReLU.java",
                "a symbolic link or special file: never read"));
        assertThat(report.missingFiles()).containsExactly("ReLU.java");
        assertThat(Files.readString(temp.resolve("out").resolve("summary.md"))).doesNotContain("root:");
    }

    @Test
    void aZipWithUnsafeNamesIsReadSafely() throws IOException {
        Path zip = temp.resolve("unsafe.zip");
        try (var zipped = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            zipped.putNextEntry(new java.util.zip.ZipEntry("../../evil.java"));
            zipped.write("class Evil { }".getBytes());
            zipped.closeEntry();
        }
        SubmissionReport report = grade(zip);
        assertThat(report.status()).isEqualTo(SubmissionReport.BAD_SUBMISSION);
        assertThat(report.ignored()).containsExactly(new Submission.Ignored("../../evil.java",
                "an unsafe name in the zip: never read"));
        assertThat(temp.resolve("evil.java")).doesNotExist();
        assertThat(List.of(temp.getParent().resolve("evil.java"))).allMatch(p -> !Files.exists(p));
    }
}

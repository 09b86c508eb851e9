package org.paramlab.grader.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class FingerprintTest {

    @TempDir
    Path repo;

    @BeforeEach
    void aSmallRepository() throws IOException {
        write("pom.xml", "<project/>\n");
        write(".mvn/jvm.config", "-Xmx1g\n");
        write("README.md", "not a build input\n");
        write("scripts/x.sh", "not a build input\n");
        write("grader/pom.xml", "<project>grader</project>\n");
        write("grader/src/main/java/A.java", "class A {\n}\n");
        write("grader/src/test/java/org/paramlab/grading/ATest.java", "class ATest {\n}\n");
        write("grader/src/test/java/org/paramlab/grader/Unit.java", "a unit test\n");
        write("reference-models/pom.xml", "<project>references</project>\n");
        write("reference-models/models/manifest.json", "{}\n");
        Files.write(repo.resolve("reference-models/models/net.onnx"), new byte[] {1, 13, 10, 2});
        write("tensor/pom.xml", "<project>tensor</project>\n");
        write("tensor/src/main/java/T.java", "class T {}\n");
        write("exercises/pom.xml", "<project>exercises</project>\n");
        write("exercises/src/main/java/org/paramlab/nn/S.java", "student code, not covered\n");
        write("solutions/src/main/java/org/paramlab/nn/S.java", "not in the template\n");
        write("grader/target/classes/A.class", "build output, not covered");
        write("grader/target-x/classes/A.class", "build output, not covered");
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void theGradersModulesAndTheGradedTestsAreAllInTheGraderPart() throws IOException {
        for (String module : List.of("grader-protocol", "grader-test-jvm", "grader-supervisor", "graded-tests")) {
            write(module + "/pom.xml", "<project>" + module + "</project>\n");
            write(module + "/src/main/java/B.java", "class B {\n}\n");
            write(module + "/target/classes/B.class", "build output, not covered");
        }
        String before = Fingerprint.of(repo).value();

        assertThat(Fingerprint.of(repo).files().get("grader")).containsKeys("graded-tests/pom.xml",
                "graded-tests/src/main/java/B.java", "grader-test-jvm/src/main/java/B.java",
                "grader-supervisor/src/main/java/B.java", "grader-protocol/src/main/java/B.java")
                .doesNotContainKeys("graded-tests/target/classes/B.class");
        write("graded-tests/src/main/java/B.java", "class B { /* always passes */ }\n");
        assertThat(Fingerprint.of(repo).differingParts(before)).containsExactly("grader");
    }

    @Test
    void isStableAndNamesItsParts() {
        String value = Fingerprint.of(repo).value();
        assertThat(value).matches("PLF2(-[0-9a-f]{16}){5}").isEqualTo(Fingerprint.of(repo.resolve("grader/..")).value());
        assertThat(Fingerprint.of(repo).differingParts(value)).isEmpty();
        assertThat(Fingerprint.of(repo).files().get("build")).containsOnlyKeys("pom.xml", ".mvn/jvm.config");
        assertThat(Fingerprint.of(repo).files().get("grader")).containsOnlyKeys("grader/pom.xml",
                "grader/src/main/java/A.java", "grader/src/test/java/org/paramlab/grading/ATest.java",
                "grader/src/test/java/org/paramlab/grader/Unit.java");
        assertThat(Fingerprint.of(repo).files().get("exercises")).containsOnlyKeys("exercises/pom.xml");
    }

    @Test
    void windowsLineEndingsGiveTheSameFingerprintButBinaryFilesKeepTheirBytes() throws IOException {
        String value = Fingerprint.of(repo).value();
        write("grader/src/main/java/A.java", "class A {\r\n}\r\n");
        assertThat(Fingerprint.of(repo).value()).isEqualTo(value);
        Files.write(repo.resolve("reference-models/models/net.onnx"), new byte[] {1, 10, 2});
        assertThat(Fingerprint.of(repo).differingParts(value)).containsExactly("references");
    }

    @Test
    void theStudentsOwnFilesAndNonInputsChangeNothing() throws IOException {
        String value = Fingerprint.of(repo).value();
        write("exercises/src/main/java/org/paramlab/nn/S.java", "changed student code\n");
        write("exercises/src/main/java/org/paramlab/nn/NewHelper.java", "a new student file\n");
        write("README.md", "notes\n");
        write("grader/target/paramlab/results.json", "{}\n");
        write("solutions/pom.xml", "<project/>\n");
        assertThat(Fingerprint.of(repo).value()).isEqualTo(value);
    }

    @Test
    void everyOtherBuildInputIsTold() throws IOException {
        String value = Fingerprint.of(repo).value();
        for (String path : List.of(".mvn/maven.config", ".mvn/extensions.xml", "exercises/pom.xml",
                "exercises/src/main/resources/META-INF/services/x", "exercises/src/main/java/org/paramlab/tensor/X.java",
                "exercises/src/main/java/org/paramlab/nn/notes.txt", "exercises/src/main/java/org/paramlab/nn/sub/X.java",
                "grader/src/test/java/target/Shadow.java", "grader/src/test/java/.hidden/Shadow.java",
                "reference-models/models/extra.onnx", "tensor/src/main/resources/x", "extra/pom.xml")) {
            Path file = repo.resolve(path);
            String before = Files.exists(file) ? Files.readString(file) : null;
            write(path, "added\n");
            assertThat(Fingerprint.of(repo).value()).as(path).isNotEqualTo(value);
            if (before == null) {
                Files.delete(file);
            } else {
                write(path, before);
            }
        }
        assertThat(Fingerprint.of(repo).value()).isEqualTo(value);
        write("extra/pom.xml", "<project/>\n");
        String withModule = Fingerprint.of(repo).value();
        write("extra/src/main/java/X.java", "class X {}\n");
        assertThat(Fingerprint.of(repo).value()).isNotEqualTo(withModule);
        Files.delete(repo.resolve("extra/src/main/java/X.java"));
        Files.delete(repo.resolve("extra/pom.xml"));
        write("grader/src/test/java/org/paramlab/grading/ATest.java", "class ATest { /* always passes */ }\n");
        write("tensor/src/main/java/T.java", "class T { }\n");
        write(".mvn/jvm.config", "-javaagent:evil.jar\n");
        assertThat(Fingerprint.of(repo).differingParts(value)).containsExactly("build", "grader", "tensor");
    }

    @Test
    void aMalformedFingerprintIsRefused() {
        assertThatThrownBy(() -> Fingerprint.of(repo).differingParts("PLF2-abc"))
                .hasMessage("'PLF2-abc' is not a PLF2 fingerprint (PLF2- and 5 groups of 16 hex digits)");
    }

    @Test
    void theInstructorsScriptComputesTheSameValue() throws Exception {
        Path script = Path.of("..", "scripts", "CheckFingerprint.java");
        assertThat(script).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), script.toString(), repo.toString(),
                Fingerprint.of(repo).value()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("MATCH");
        assertThat(process.exitValue()).isZero();

        write("grader/src/main/java/A.java", "class A { int edited; }\n");
        process = new ProcessBuilder(java.toString(), script.toString(), repo.toString(),
                "PLF2" + "-0000000000000000".repeat(5)).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("DIFFERS:", "build differs", "grader differs");
        assertThat(process.exitValue()).isEqualTo(1);

        Path template = repo.resolveSibling(repo.getFileName() + "-template");
        Files.createDirectories(template);
        process = new ProcessBuilder(java.toString(), script.toString(), repo.toString(), template.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("grader: added grader/src/main/java/A.java", "build: added .mvn/jvm.config")
                .doesNotContain("nn/S.java");
    }
}

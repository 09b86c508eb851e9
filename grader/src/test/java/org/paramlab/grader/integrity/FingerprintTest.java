package org.paramlab.grader.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @TempDir
    Path repo;

    @BeforeEach
    void aSmallRepository() throws IOException {
        write("pom.xml", "<project/>\n");
        write("grader/pom.xml", "<project>grader</project>\n");
        write("grader/src/main/java/A.java", "class A {\n}\n");
        write("grader/src/test/java/org/paramlab/grading/ATest.java", "class ATest {\n}\n");
        write("grader/src/test/java/org/paramlab/grader/Unit.java", "not covered\n");
        write("reference-models/models/manifest.json", "{}\n");
        Files.write(repo.resolve("reference-models/models/net.onnx"), new byte[] {1, 13, 10, 2});
        write("tensor/src/main/java/T.java", "class T {}\n");
        write("exercises/src/main/java/S.java", "student code, not covered\n");
        write("grader/target/classes/A.class", "build output, not covered");
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void isStableAndNamesItsParts() {
        String value = Fingerprint.of(repo).value();
        assertThat(value).matches("PLF1(-[0-9a-f]{16}){4}").isEqualTo(Fingerprint.of(repo.resolve("grader/..")).value());
        assertThat(Fingerprint.of(repo).differingParts(value)).isEmpty();
        assertThat(Fingerprint.of(repo).files().get("tests")).containsOnlyKeys(
                "grader/src/test/java/org/paramlab/grading/ATest.java");
        assertThat(Fingerprint.of(repo).files().get("grader")).containsOnlyKeys("pom.xml", "grader/pom.xml",
                "grader/src/main/java/A.java");
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
    void anEditedGradedTestOrAStudentFileIsTold() throws IOException {
        String value = Fingerprint.of(repo).value();
        write("exercises/src/main/java/S.java", "changed student code\n");
        assertThat(Fingerprint.of(repo).value()).isEqualTo(value);
        write("grader/src/test/java/org/paramlab/grading/ATest.java", "class ATest { /* always passes */ }\n");
        write("tensor/src/main/java/T.java", "class T { }\n");
        assertThat(Fingerprint.of(repo).differingParts(value)).containsExactly("tests", "tensor");
    }

    @Test
    void aMalformedFingerprintIsRefused() {
        assertThatThrownBy(() -> Fingerprint.of(repo).differingParts("PLF1-abc"))
                .hasMessage("'PLF1-abc' is not a PLF1 fingerprint (PLF1- and 4 groups of 16 hex digits)");
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
                Fingerprint.of(repo.resolve("nowhere")).value()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("DIFFERS:", "grader differs", "tests differs");
        assertThat(process.exitValue()).isEqualTo(1);
    }
}

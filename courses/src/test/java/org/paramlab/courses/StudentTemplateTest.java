package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scripts/make-student-template.sh} makes one template per platform: only the legacy GitHub workflow's
 * template carries that workflow and the instructors' tools it runs; every template grades the same way.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StudentTemplateTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"classroom50", "gradescope", "self"})
    void aTemplateForAnotherPlatformCarriesNoWorkflowAndNoInstructorsTools(String platform) throws Exception {
        Path template = temp.resolve("t");
        Result result = make(Fixtures.repository(), "--platform", platform, template.toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(template.resolve(".github")).doesNotExist();
        assertThat(template.resolve("scripts")).doesNotExist();
        assertThat(template.resolve("courses")).doesNotExist();
        assertThat(template.resolve("solutions")).doesNotExist();
        assertThat(template.resolve(".ci")).doesNotExist();
        assertThat(template.resolve("exercises/src/main/java/org/paramlab/nn/Linear.java")).isRegularFile();
        assertThat(template.resolve("mvnw")).isExecutable();
        assertThat(template.resolve("README.md")).hasSameTextualContentAs(
                Fixtures.repository().resolve(TemplateFiles.STUDENT_README));
        assertThat(result.output()).contains("student template for " + platform);
    }

    @Test
    void theGithubActionsTemplateCarriesItsWorkflowAndThePristineGradersScripts() throws Exception {
        Path template = temp.resolve("t");
        Result result = make(Fixtures.repository(), "--platform", "github-actions", template.toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(template.resolve(TemplateFiles.WORKFLOW_IN_TEMPLATE)).hasSameTextualContentAs(
                Fixtures.repository().resolve(TemplateFiles.WORKFLOW));
        assertThat(template.resolve("scripts/classroom-grade.sh")).isRegularFile();
        assertThat(template.resolve("courses/pom.xml")).isRegularFile();
        assertThat(template.resolve("scripts/make-student-template.sh")).doesNotExist();
        try (Stream<Path> files = Files.walk(template)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> TemplateFiles.relative(template, p)))
                    .as("every file of the largest template is in the list a submission is compared with")
                    .allMatch(TemplateFiles.of(Fixtures.repository())::containsKey);
        }
    }

    @Test
    void aRelativeTargetIsRelativeToWhereTheScriptRuns() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Result result = run(elsewhere, List.of("bash", script().toString(), "--platform", "self", "out/template"));

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(elsewhere.resolve("out/template/pom.xml")).isRegularFile();
        assertThat(Fixtures.repository().resolve("out")).doesNotExist();
    }

    @Test
    void aMissingOrUnknownPlatformIsRefusedWithTheChoices() throws Exception {
        Result missing = make(Fixtures.repository(), temp.resolve("a").toString());
        Result unknown = make(Fixtures.repository(), "--platform", "moodle", temp.resolve("b").toString());

        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("which platform", "github-actions|classroom50|gradescope|self");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.output()).contains("'moodle' is not a platform");
        assertThat(temp.resolve("a")).doesNotExist();
        assertThat(temp.resolve("b")).doesNotExist();
    }

    private record Result(int status, String output) {
    }

    private static Path script() {
        return Fixtures.repository().resolve("scripts/make-student-template.sh");
    }

    private static Result make(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script().toString()));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}

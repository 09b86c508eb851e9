package org.paramlab.courses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Maven {@code scripts/classroom-grade.sh} builds the grader with: the pristine grader's own
 * {@code ./mvnw}, never the submission's {@code mvnw}; without a pristine grader the runner's {@code mvn}, so that
 * the submission's script does not run then either. Each Maven here is a stand-in that leaves a mark and fails,
 * which stops the script right after its build step: only the choice is under test.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the GitHub Classroom step is a bash script on Linux runners")
class ClassroomMavenChoiceTest {

    @TempDir
    Path temp;

    private Path marks;

    /** A stand-in Maven at {@code file}: it writes its name into the marks folder and fails. */
    private void standIn(Path file, String name) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\necho \"$*\" > '" + marks.resolve(name) + "'\nexit 3\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
    }

    private Path repositoryWithWrapper(String name, String mark) throws IOException {
        Path dir = temp.resolve(name);
        standIn(dir.resolve("mvnw"), mark);
        Fixtures.write(dir.resolve(".mvn/wrapper/maven-wrapper.properties"),
                "distributionUrl=https://attacker.example/maven.zip\n");
        return dir;
    }

    private int classroomGrade(Path workspace, Path pathDir, String... grader) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                Fixtures.repository().resolve("scripts/classroom-grade.sh").toString()));
        command.addAll(List.of(grader));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true);
        builder.environment().put("GITHUB_WORKSPACE", workspace.toString());
        builder.environment().put("RUNNER_TEMP", temp.toString());
        builder.environment().put("PATH", pathDir + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().remove("PARAMLAB_GRADER_BUILT");
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    @Test
    void thePristineGradersWrapperBuildsItAndTheSubmissionsNeverRuns() throws Exception {
        marks = Files.createDirectories(temp.resolve("marks"));
        Path submission = repositoryWithWrapper("submission", "submission-mvnw");
        Path pristine = repositoryWithWrapper("submission/.paramlab-grader", "pristine-mvnw");
        Path bin = temp.resolve("bin");
        standIn(bin.resolve("mvn"), "runner-mvn");

        assertThat(classroomGrade(submission, bin, pristine.toString())).isNotZero();

        assertThat(marks.resolve("pristine-mvnw")).content().contains("-Pcourses process-test-classes");
        assertThat(marks.resolve("submission-mvnw")).doesNotExist();
        assertThat(marks.resolve("runner-mvn")).doesNotExist();
    }

    @Test
    void withoutAPristineGraderTheRunnersMavenBuildsAndTheSubmissionsWrapperDoesNotRun() throws Exception {
        marks = Files.createDirectories(temp.resolve("marks"));
        Path submission = repositoryWithWrapper("submission", "submission-mvnw");
        Path bin = temp.resolve("bin");
        standIn(bin.resolve("mvn"), "runner-mvn");

        assertThat(classroomGrade(submission, bin)).isNotZero();

        assertThat(marks.resolve("runner-mvn")).content().contains("-Pcourses process-test-classes");
        assertThat(marks.resolve("submission-mvnw")).doesNotExist();
    }
}

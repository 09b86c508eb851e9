package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.report.NextStep;

/**
 * A local run grades the student's files as they are now: Maven's classes only when they are those of the files,
 * else the files compiled here, and when they do not compile a refusal with the compiler's messages (issue 21:
 * never a stale report).
 */
class StudentBuildTest {

    private static final String LINEAR = "package org.paramlab.nn;\n\npublic class Linear {\n    public int width() {\n"
            + "        return 3;\n    }\n}\n";
    private static final String BROKEN = "package org.paramlab.nn;\n\npublic class Linear {\n    public Tensr width() {\n"
            + "        return 3;\n    }\n}\n";

    @TempDir
    Path temp;

    private Path sources() throws IOException {
        return Files.createDirectories(temp.resolve("exercises/src/main/java"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = Files.createDirectories(sources().resolve("org/paramlab/nn")).resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path classFile(String name, FileTime time) throws IOException {
        Path file = Files.createDirectories(temp.resolve("classes/org/paramlab/nn")).resolve(name);
        Files.write(file, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(file, time);
        return file;
    }

    @Test
    void classesWrittenAfterEverySaveAreUpToDateAndPackageInfoNeedsNone() throws IOException {
        Path linear = write("Linear.java", LINEAR);
        write("package-info.java", "/** docs */\npackage org.paramlab.nn;\n");
        Files.setLastModifiedTime(linear, FileTime.fromMillis(1_000_000));
        classFile("Linear.class", FileTime.fromMillis(2_000_000));

        assertThat(StudentBuild.upToDate(sources(), temp.resolve("classes"))).isTrue();
    }

    @Test
    void aMissingClassOrAFileSavedAfterItsClassIsNotUpToDate() throws IOException {
        Path linear = write("Linear.java", LINEAR);
        Files.setLastModifiedTime(linear, FileTime.fromMillis(3_000_000));
        // Maven's compiler deletes the classes when a file does not compile: none at all
        assertThat(StudentBuild.upToDate(sources(), temp.resolve("classes"))).isFalse();
        // an interrupted build, or a save during the build: the class is older than the file
        classFile("Linear.class", FileTime.fromMillis(2_000_000));
        assertThat(StudentBuild.upToDate(sources(), temp.resolve("classes"))).isFalse();
    }

    @Test
    void codeThatDoesNotCompileRefusesTheRunWithTheFileAndLine() throws IOException {
        write("Linear.java", BROKEN);
        GradingRequest request = request();

        GradingRequest current = StudentBuild.current(request, List.of(), temp.resolve("compiled"));

        assertThat(current.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal).startsWith(NextStep.COMPILE_ERROR).contains("Linear.java:4: error: cannot find symbol")
                    .contains("public Tensr width() {").doesNotContain(temp.toString());
        });
    }

    @Test
    void staleClassesAreReplacedByTheFilesCompiledNow() throws IOException {
        write("Linear.java", LINEAR);
        classFile("Linear.class", FileTime.fromMillis(0));
        GradingRequest request = request();

        GradingRequest current = StudentBuild.current(request, List.of(), temp.resolve("compiled"));

        assertThat(current.refusals()).isEmpty();
        assertThat(current.code().compiled()).isEqualTo(temp.resolve("compiled"));
        assertThat(temp.resolve("compiled/org/paramlab/nn/Linear.class")).isRegularFile();
        assertThat(current.code().sources()).isEqualTo(request.code().sources());
    }

    @Test
    void upToDateClassesAreGradedAsMavenWroteThem() throws IOException {
        Path linear = write("Linear.java", LINEAR);
        Files.setLastModifiedTime(linear, FileTime.fromMillis(1_000_000));
        classFile("Linear.class", FileTime.fromMillis(2_000_000));
        GradingRequest request = request();

        assertThat(StudentBuild.current(request, List.of(), temp.resolve("compiled"))).isSameAs(request);
        assertThat(temp.resolve("compiled")).doesNotExist();
    }

    @Test
    void aFirstBuildWhoseCodeDoesNotCompileIsReportedWithoutTheTestJvmClasspathFile() throws IOException {
        write("Linear.java", BROKEN);
        Map<String, String> options = options(temp.resolve("graded-tests/target/paramlab-test-jvm.classpath"));

        GradingRequest request = GradeMain.current(options, RunSettings.requested(name -> null));

        assertThat(request.refusals()).singleElement().asString().startsWith(NextStep.COMPILE_ERROR);
    }

    @Test
    void codeThatCompilesStillNeedsTheTestJvmClasspathFile() throws IOException {
        write("Linear.java", LINEAR);
        Path missing = temp.resolve("graded-tests/target/paramlab-test-jvm.classpath");

        assertThatThrownBy(() -> GradeMain.current(options(missing), RunSettings.requested(name -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    private Map<String, String> options(Path classpathFile) throws IOException {
        return Map.of("student", "paramlab-exercises", "student-module", temp.resolve("exercises").toString(),
                "student-classes", temp.resolve("classes").toString(), "test-classes", temp.resolve("tests").toString(),
                "classpath", "@" + classpathFile, "references", temp.resolve("models").toString(),
                "report-dir", temp.resolve("report").toString(), "work-dir", temp.resolve("work").toString(),
                "compile-classpath", String.join(File.pathSeparator, BuiltGrader.repository()
                        .resolve("tensor/target/classes").toString()));
    }

    private GradingRequest request() throws IOException {
        Path classpath = temp.resolve("test-jvm.classpath");
        Files.writeString(classpath, "\n");
        return GradeMain.request(options(classpath), RunSettings.requested(name -> null));
    }
}

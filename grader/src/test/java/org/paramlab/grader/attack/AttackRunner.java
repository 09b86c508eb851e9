package org.paramlab.grader.attack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.supervisor.GradingRequest;
import org.paramlab.grader.supervisor.Supervisor;

/**
 * Grades a {@link Submission} with the real grader, as {@code mvn test} does: the module is compiled
 * (javac, {@code --release 17}, against the tensor library), its resources are copied into the build
 * output as Maven's resources plugin would, and the {@link Supervisor} grades it in a test JVM of its own.
 */
public final class AttackRunner {

    /** What a grading left behind. */
    public record Graded(Supervisor.Result result, String console, Duration wall, Path reportDir, Path module) {

        double earned() {
            return result.book().earned();
        }

        double max() {
            return result.book().max();
        }

        String output() throws IOException {
            return Files.readString(reportDir.resolve(ReportFiles.OUTPUT), StandardCharsets.ISO_8859_1);
        }

        String summary() throws IOException {
            return Files.readString(reportDir.resolve(ReportFiles.SUMMARY), StandardCharsets.UTF_8);
        }

        public String results() throws IOException {
            return Files.readString(reportDir.resolve(ReportFiles.RESULTS), StandardCharsets.UTF_8);
        }

        /** @return every message of every outcome, one per line */
        String messages() {
            StringBuilder text = new StringBuilder();
            result.run().outcomes().forEach(o -> text.append(o.test().shortName()).append(": ")
                    .append(o.status().label()).append(": ").append(o.message()).append('\n'));
            result.run().plan().errors().forEach(e -> text.append("ERROR ").append(e).append('\n'));
            return text.toString();
        }
    }

    private final Path temp;
    private Duration budget = Duration.ofSeconds(120);
    private Duration testTimeout = GradingRequest.DEFAULT_TEST_TIMEOUT;
    private Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
    private ExerciseSelection selection = ExerciseSelection.all();
    private org.paramlab.grader.assignment.Assignment assignment;

    public AttackRunner(Path temp) {
        this.temp = temp;
    }

    public AttackRunner budget(Duration value) {
        budget = value;
        return this;
    }

    AttackRunner testTimeout(Duration value) {
        testTimeout = value;
        return this;
    }

    AttackRunner environment(Map<String, String> value) {
        environment = value;
        return this;
    }

    AttackRunner selection(String spec) {
        selection = ExerciseSelection.parse(spec);
        return this;
    }

    /** Grades this assignment (its exercises narrowed by the selection), with its instructor-only checks. */
    AttackRunner assignment(org.paramlab.grader.assignment.Assignment value) {
        assignment = value;
        return this;
    }

    /** Compiles and grades the submission. */
    public Graded grade(String name, Submission submission) throws IOException {
        Path module = temp.resolve(name).resolve("module");
        submission.writeTo(module);
        Path classes = module.resolve("target/classes");
        compile(module.resolve("src/main/java"), classes);
        copyResources(module.resolve("src/main/resources"), classes);
        Path reportDir = temp.resolve(name).resolve("report");
        // Without an assignment of its own, as a student's ./mvnw test: the course file's first assignment (the
        // chapter's 100 points), not group 8's.
        org.paramlab.grader.assignment.Assignment graded = assignment != null ? assignment
                : CourseFile.read(Submission.repository().resolve("course.json")).assignment(null);
        GradingRequest request = new GradingRequest(name,
                new StudentClasses.Location(Supervisor.STUDENT_PACKAGE, module.resolve("src/main/java"),
                        module.resolve("src/main/resources"), classes),
                testClasses(), trustedClasspath(), Submission.repository().resolve("reference-models/models"),
                reportDir, temp.resolve(name).resolve("work"),
                new RunSettings(42L, Provider.CPU, graded.select(selection), List.of()), budget, testTimeout, false,
                null, environment).withAssignment(graded);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Supervisor.Result result = new Supervisor(request, new PrintStream(console, true, StandardCharsets.UTF_8),
                temp).grade();
        return new Graded(result, console.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start),
                reportDir, module);
    }

    private static void compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-d",
                classes.toString(), "-cp", tensorClasses().toString()));
        args.addAll(files);
        StringWriter errors = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, err, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the attack does not compile:\n" + err.toString(StandardCharsets.UTF_8)
                    + errors);
        }
    }

    private static void copyResources(Path resources, Path classes) throws IOException {
        if (!Files.isDirectory(resources)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(resources)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** @return the surefire JVM's classpath entries: the grader, its tests and every library */
    private static List<Path> classpathEntries() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static Path testClasses() {
        return BuiltGrader.gradedTests();
    }

    private static Path tensorClasses() {
        return classpathEntries().stream().filter(p -> Files.isDirectory(p.resolve("org/paramlab/tensor"))
                || p.getFileName().toString().startsWith("paramlab-tensor")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no tensor library on the classpath"));
    }

    /** @return the test JVM's classpath, as mvn test gives it: no graded implementation, no reference */
    private static List<Path> trustedClasspath() {
        return BuiltGrader.testJvmClasspath();
    }
}

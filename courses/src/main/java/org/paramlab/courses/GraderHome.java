package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.integrity.Fingerprint;
import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.supervisor.ClasspathFile;

/**
 * Where the pristine grader is: the instructor's own copy, never the student's. It is either the
 * instructor's built repository ({@link #fromRepository}) or a self-contained folder made from it for a
 * course platform ({@link #fromBundle}, written by {@link HomeBuilder}).
 *
 * @param testClasses      the compiled graded tests ({@code org/paramlab/grading/**})
 * @param sandboxClasspath the test JVM's trusted classpath: the grader, the tensor library, JUnit, ONNX Runtime, ...
 * @param compileClasspath what the student's files are compiled against: the tensor library alone
 * @param references       the reference files and their manifest
 * @param stubs            the template's own {@code nn/*.java} files, graded in place of files a submission lacks
 * @param templateFiles    the template's files (path to SHA-256), to tell which files of a submission differ
 * @param fingerprint      the grader fingerprint of the pristine repository
 * @param course           the course file ({@code course.json}: the assignments); it may not exist
 */
public record GraderHome(Path testClasses, List<Path> sandboxClasspath, List<Path> compileClasspath, Path references,
                         Path stubs, Map<String, String> templateFiles, String fingerprint, Path course) {

    /** The test JVM's classpath in a built repository, written by {@code graded-tests/}. */
    public static final String TEST_JVM_CLASSPATH = "graded-tests/target/paramlab-test-jvm.classpath";

    /** The description of a bundle's layout, in its root. */
    public static final String PROPERTIES = "home.properties";

    /** Copies the collections. */
    public GraderHome {
        sandboxClasspath = List.copyOf(sandboxClasspath);
        compileClasspath = List.copyOf(compileClasspath);
        templateFiles = Map.copyOf(templateFiles);
    }

    /**
     * The instructor's repository, built with {@code mvn -Pcourses process-test-classes} (which writes the
     * test JVM's classpath to {@value #TEST_JVM_CLASSPATH}: the test JVM's side of the grader, the protocol, the
     * tensor library and their libraries, nothing of the supervisor's).
     *
     * @param repository the repository root
     * @return its grader
     * @throws IllegalStateException naming what is missing and the command that builds it
     */
    public static GraderHome fromRepository(Path repository) {
        Path root = repository.toAbsolutePath().normalize();
        Path classpathFile = root.resolve(TEST_JVM_CLASSPATH);
        Path testClasses = root.resolve("graded-tests/target/classes");
        for (Path needed : List.of(classpathFile, testClasses.resolve("org/paramlab/grading"),
                root.resolve("grader-test-jvm/target/classes"), root.resolve("tensor/target/classes"))) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: build the grader first, in " + root
                        + ": " + MavenCommand.MVN + " -Pcourses process-test-classes");
            }
        }
        List<Path> sandbox;
        try {
            sandbox = new ArrayList<>(ClasspathFile.read(classpathFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GraderHome(testClasses, sandbox, List.of(root.resolve("tensor/target/classes")),
                root.resolve("reference-models/models"), root.resolve("exercises/src/main/java/org/paramlab/nn"),
                TemplateFiles.of(root), Fingerprint.of(root).value(), root.resolve(CourseFile.NAME));
    }

    /**
     * A folder written by {@link HomeBuilder}, with its libraries in {@code lib/}.
     *
     * @param bundle the folder
     * @return its grader
     * @throws IllegalStateException naming what is missing
     */
    public static GraderHome fromBundle(Path bundle) {
        Path root = bundle.toAbsolutePath().normalize();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(PROPERTIES))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(root.resolve(PROPERTIES) + " cannot be read: is " + root
                    + " a grader bundle? (" + e.getMessage() + ")", e);
        }
        List<Path> libraries = jars(root.resolve("lib"));
        if (libraries.isEmpty()) {
            throw new IllegalStateException(root.resolve("lib") + " holds no library: fetch them first"
                    + " (python3 fetch_libraries.py, as the bundle's README says)");
        }
        List<Path> sandbox = new ArrayList<>(List.of(root.resolve(HomeBuilder.TEST_JVM_CLASSES),
                root.resolve(HomeBuilder.PROTOCOL_CLASSES), root.resolve(HomeBuilder.TENSOR_CLASSES)));
        sandbox.addAll(testJvmLibraries(root, libraries));
        return new GraderHome(root.resolve(HomeBuilder.GRADED_TESTS), sandbox,
                List.of(root.resolve(HomeBuilder.TENSOR_CLASSES)), root.resolve(HomeBuilder.REFERENCES),
                root.resolve(HomeBuilder.STUBS), TemplateFiles.read(root.resolve(HomeBuilder.TEMPLATE_FILES)),
                properties.getProperty("fingerprint", "unknown"), root.resolve(CourseFile.NAME));
    }

    /** @return the libraries of {@code lib/} that {@value HomeBuilder#TEST_JVM_LIBRARIES} names, each checked */
    private static List<Path> testJvmLibraries(Path root, List<Path> libraries) {
        List<Path> chosen = new ArrayList<>();
        for (String name : read(root.resolve(HomeBuilder.TEST_JVM_LIBRARIES)).split("\n")) {
            Path jar = root.resolve("lib").resolve(name.strip()).normalize();
            if (name.isBlank()) {
                continue;
            }
            if (!libraries.contains(jar)) {
                throw new IllegalStateException(jar + " is missing: the test JVM needs it (fetch the libraries again"
                        + " with python3 fetch_libraries.py, as the bundle's README says)");
            }
            chosen.add(jar);
        }
        return chosen;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

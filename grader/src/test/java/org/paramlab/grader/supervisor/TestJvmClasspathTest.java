package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.tools.ToolProvider;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.protocol.TestStatus;

/**
 * The test JVM's classpath holds only what runs there. A graded test written for the purpose prints the
 * classpath its own JVM got, graded by the real supervisor from the options {@code mvn test} passes
 * ({@code grader/pom.xml}); every class of every entry is then listed, and none may be the supervisor's, nor
 * of a library only the supervisor uses (the packages its classes call that the test JVM's side never does).
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class TestJvmClasspathTest {

    private static final String MARK = "TEST-JVM-CLASSPATH=";

    @TempDir
    Path temp;

    @Test
    void theTestJvmGetsTheGradedTestsTheTestJvmsSideTheProtocolAndTheirLibrariesOnly() throws IOException {
        List<Path> classpath = classpathSeenByATestJvm();
        Set<String> supervisorClasses = classNames(module("grader-supervisor"));
        Set<String> supervisorOnlyPackages = supervisorOnlyLibraryPackages();
        assertThat(supervisorOnlyPackages).as("the supervisor's own libraries, read from its classes' calls")
                .contains("com.tngtech.archunit", "org.knowm.xchart", "org.owasp.encoder");

        List<String> offending = new ArrayList<>();
        for (Path entry : classpath) {
            for (String name : classesIn(entry)) {
                String prefix = prefix(name);
                if (supervisorClasses.contains(name) || supervisorOnlyPackages.contains(prefix)) {
                    offending.add(entry.getFileName() + ": " + name);
                }
            }
        }
        assertThat(offending).as("supervisor classes on the test JVM's classpath %s", classpath).isEmpty();
        // each module as its classes folder, or as its jar after a build that packaged it (mvn install)
        for (String module : List.of("grader-test-jvm", "grader-protocol", "tensor")) {
            assertThat(classpath).as("the test JVM's side, the protocol and the tensor library are there")
                    .anyMatch(p -> p.startsWith(BuiltGrader.repository().resolve(module)));
        }
        assertThat(classpath).noneMatch(p -> p.startsWith(BuiltGrader.repository().resolve("grader-supervisor")))
                .doesNotContain(module("grader").resolve("test-classes"));
    }

    /** Grades a test that prints {@code java.class.path}, and returns what it printed. */
    private List<Path> classpathSeenByATestJvm() throws IOException {
        Path sources = temp.resolve("src/org/paramlab/grading/fixture/ClasspathTest.java");
        Files.createDirectories(sources.getParent());
        Files.writeString(sources, """
                package org.paramlab.grading.fixture;

                import org.junit.jupiter.api.Test;
                import org.paramlab.grader.Graded;
                import org.paramlab.grader.protocol.Exercise;

                class ClasspathTest {
                    @Test
                    @Graded(exercise = Exercise.E1_1, points = 1)
                    void printsItsClasspath() {
                        System.out.println("%s" + System.getProperty("java.class.path"));
                    }
                }
                """.formatted(MARK));
        Path tests = temp.resolve("test-classes");
        String compileClasspath = BuiltGrader.testJvmClasspath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tests.toString(), "-cp",
                compileClasspath, sources.toString())).isZero();

        Path repository = BuiltGrader.repository();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("student", "paramlab-solutions");
        options.put("student-module", repository.resolve("solutions").toString());
        options.put("student-classes", repository.resolve("solutions/target/classes").toString());
        options.put("test-classes", tests.toString());
        options.put("classpath", "@" + BuiltGrader.testJvmClasspathFile());
        options.put("references", repository.resolve("reference-models/models").toString());
        options.put("report-dir", temp.resolve("report").toString());
        options.put("work-dir", temp.resolve("work").toString());
        GradingRequest request = GradeMain.request(options,
                new RunSettings(1L, Provider.CPU, ExerciseSelection.all(), List.of()));
        Supervisor.Result result = new Supervisor(request, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), temp).grade();
        assertThat(result.run().outcomes()).filteredOn(o -> o.test().methodName().equals("printsItsClasspath"))
                .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(TestStatus.PASSED));

        String output = Files.readString(temp.resolve("report").resolve(ReportFiles.OUTPUT), StandardCharsets.UTF_8);
        String line = output.lines().filter(l -> l.startsWith(MARK)).findFirst()
                .orElseThrow(() -> new AssertionError("the test JVM printed no classpath:\n" + output));
        return Arrays.stream(line.substring(MARK.length()).split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
    }

    /** @return the packages (three segments) the supervisor's classes call and the test JVM's side never does */
    private static Set<String> supervisorOnlyLibraryPackages() {
        Set<String> supervisor = calledPackages(new ClassFileImporter().importPath(module("grader-supervisor")));
        supervisor.removeAll(calledPackages(new ClassFileImporter().importPath(module("grader-test-jvm"))));
        supervisor.removeAll(calledPackages(new ClassFileImporter().importPath(module("grader-protocol"))));
        return supervisor;
    }

    private static Set<String> calledPackages(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            javaClass.getDirectDependenciesFromSelf().forEach(d -> {
                String name = d.getTargetClass().getBaseComponentType().getName();
                if (!name.startsWith("java") && !name.startsWith("org.paramlab.") && name.contains(".")) {
                    packages.add(prefix(name));
                }
            });
        }
        return packages;
    }

    private static String prefix(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", Arrays.asList(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    private static Set<String> classNames(Path folder) throws IOException {
        return new TreeSet<>(classesIn(folder));
    }

    /** @return the binary names of the classes in a folder or a jar */
    private static List<String> classesIn(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> walk = Files.walk(entry)) {
                walk.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> names.add(name(entry.relativize(p).toString().replace(File.separatorChar, '/'))));
            }
        } else if (Files.isRegularFile(entry)) {
            try (ZipFile jar = new ZipFile(entry.toFile())) {
                jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(n -> names.add(name(n)));
            }
        }
        return names;
    }

    private static String name(String path) {
        String name = path.startsWith("META-INF/versions/") ? path.replaceFirst("META-INF/versions/[0-9]+/", "") : path;
        return name.substring(0, name.length() - ".class".length()).replace('/', '.');
    }

    private static Path module(String name) {
        return BuiltGrader.repository().resolve(name).resolve("target").resolve(name.equals("grader") ? "" : "classes")
                .normalize();
    }
}

package org.paramlab.courses;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.paramlab.grader.integrity.Fingerprint;
import org.paramlab.grader.protocol.MavenCommand;

/**
 * Writes a self-contained pristine grader, for a course platform (Classroom 50, Gradescope), from the
 * instructor's built repository: the grader's, the tensor library's and the course tools' classes, the
 * graded tests alone (no solution, no grader unit test), the references, the template's stubs, the
 * template's file list ({@link TemplateFiles}), the fingerprint, and the list of libraries
 * ({@value #LIBRARIES}: Maven Central path and SHA-256 of each jar), which {@code fetch_libraries.py}
 * downloads into {@code lib/}, checking every hash. The libraries themselves (ONNX Runtime's jar is 54 MB)
 * are copied only when asked for.
 *
 * <pre>
 * HomeBuilder --repository ROOT --out DIR [--maven-repo DIR] [--with-libraries]
 * </pre>
 */
public final class HomeBuilder {

    /** The classes of the grader's protocol (on both processes' classpaths), in a bundle. */
    public static final String PROTOCOL_CLASSES = "classes/grader-protocol";
    /** The classes of the grader's test JVM side, in a bundle. */
    public static final String TEST_JVM_CLASSES = "classes/grader-test-jvm";
    /** The supervisor's classes, in a bundle: never on the test JVM's classpath. */
    public static final String SUPERVISOR_CLASSES = "classes/grader-supervisor";
    /** The tensor library's classes, in a bundle. */
    public static final String TENSOR_CLASSES = "classes/tensor";
    /** The course tools' classes, in a bundle. */
    public static final String COURSES_CLASSES = "classes/courses";
    /** The graded tests' classes, in a bundle. */
    public static final String GRADED_TESTS = "graded-tests";
    /** The reference files, in a bundle. */
    public static final String REFERENCES = "references";
    /** The template's {@code nn/*.java} stubs, in a bundle. */
    public static final String STUBS = "stubs";
    /** The template's files and their hashes, in a bundle. */
    public static final String TEMPLATE_FILES = "template-files.json";
    /** The file names of the libraries in {@code lib/} that go on the test JVM's classpath, one per line. */
    public static final String TEST_JVM_LIBRARIES = "test-jvm-libraries.txt";
    /** The libraries to fetch: one line each, {@code <path in Maven Central> <sha256>}. */
    public static final String LIBRARIES = "libraries.txt";
    /** Maven Central, where the libraries come from. */
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private HomeBuilder() {
    }

    /**
     * @param args {@code --repository ROOT --out DIR [--maven-repo DIR] [--with-libraries]}
     * @throws IOException if a file cannot be copied
     */
    public static void main(String[] args) throws IOException {
        Path repository = null;
        Path out = null;
        Path mavenRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        boolean withLibraries = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repository" -> repository = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--maven-repo" -> mavenRepo = Path.of(args[++i]);
                case "--with-libraries" -> withLibraries = true;
                default -> throw new IllegalArgumentException("usage: HomeBuilder --repository ROOT --out DIR"
                        + " [--maven-repo DIR] [--with-libraries]; unknown: " + args[i]);
            }
        }
        if (repository == null || out == null) {
            throw new IllegalArgumentException("usage: HomeBuilder --repository ROOT --out DIR [--maven-repo DIR]"
                    + " [--with-libraries]");
        }
        build(repository, out, mavenRepo, withLibraries);
        System.out.println("pristine grader written to " + out);
    }

    /**
     * @param repository    the instructor's repository, built with {@code mvn -Pcourses process-test-classes}
     * @param out           the folder to write; must not exist or be empty
     * @param mavenRepo     the local Maven repository the libraries were resolved into
     * @param withLibraries whether to copy the libraries into {@code lib/} too
     * @throws IOException if a file cannot be copied
     */
    public static void build(Path repository, Path out, Path mavenRepo, boolean withLibraries) throws IOException {
        Path root = repository.toAbsolutePath().normalize();
        GraderHome.fromRepository(root); // checks that everything is built
        Files.createDirectories(out);
        copyTree(root.resolve("grader-protocol/target/classes"), out.resolve(PROTOCOL_CLASSES));
        copyTree(root.resolve("grader-test-jvm/target/classes"), out.resolve(TEST_JVM_CLASSES));
        copyTree(root.resolve("grader-supervisor/target/classes"), out.resolve(SUPERVISOR_CLASSES));
        copyTree(root.resolve("tensor/target/classes"), out.resolve(TENSOR_CLASSES));
        copyTree(root.resolve("courses/target/classes"), out.resolve(COURSES_CLASSES));
        copyTree(root.resolve("graded-tests/target/classes/org/paramlab/grading"),
                out.resolve(GRADED_TESTS).resolve("org/paramlab/grading"));
        copyTree(root.resolve("reference-models/models"), out.resolve(REFERENCES));
        copyTree(root.resolve("exercises/src/main/java/org/paramlab/nn"), out.resolve(STUBS));
        TemplateFiles.write(TemplateFiles.of(root), out.resolve(TEMPLATE_FILES));
        Files.writeString(out.resolve(GraderHome.PROPERTIES), "# the pristine grader of ParamLab (courses/HomeBuilder)\n"
                + "fingerprint=" + Fingerprint.of(root).value() + "\n", StandardCharsets.UTF_8);
        List<Path> jars = libraries(root);
        Path maven = mavenRepo.toAbsolutePath().normalize();
        StringBuilder list = new StringBuilder();
        for (Path jar : jars) {
            Path absolute = jar.toAbsolutePath().normalize();
            if (!absolute.startsWith(maven)) {
                throw new IllegalStateException(jar + " is not in the local Maven repository " + maven
                        + ": pass --maven-repo");
            }
            list.append(TemplateFiles.relative(maven, absolute)).append(' ').append(TemplateFiles.sha256(absolute))
                    .append('\n');
            if (withLibraries) {
                Files.createDirectories(out.resolve("lib"));
                Files.copy(absolute, out.resolve("lib").resolve(absolute.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(out.resolve(LIBRARIES), list.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(TEST_JVM_LIBRARIES), testJvmLibraries(root), StandardCharsets.UTF_8);
        Path fetch = root.resolve("courses/python/fetch_libraries.py");
        if (Files.isRegularFile(fetch)) {
            Files.copy(fetch, out.resolve("fetch_libraries.py"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the file names of the jars on the test JVM's classpath, one per line */
    static String testJvmLibraries(Path root) {
        StringBuilder names = new StringBuilder();
        for (Path jar : jarsIn(root.resolve(GraderHome.TEST_JVM_CLASSPATH))) {
            names.append(jar.getFileName()).append('\n');
        }
        return names.toString();
    }

    /** @return the jars of the test JVM's and the course tools' classpaths, each once, the reactor's own left out */
    static List<Path> libraries(Path root) {
        Set<Path> jars = new LinkedHashSet<>();
        jars.addAll(jarsIn(root.resolve(GraderHome.TEST_JVM_CLASSPATH)));
        jars.addAll(jarsIn(root.resolve("courses/target/paramlab-courses.classpath")));
        return new ArrayList<>(jars);
    }

    /** @return the jars a classpath file names, the reactor's own left out */
    private static List<Path> jarsIn(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first with " + MavenCommand.MVN + " -Pcourses process-test-classes");
        }
        List<Path> jars = new ArrayList<>();
        try {
            for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName().toString();
                if (name.endsWith(".jar") && !name.startsWith("paramlab-")) {
                    jars.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException(from + " is missing: build first with " + MavenCommand.MVN + " -Pcourses process-test-classes");
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** @return the libraries of a bundle as written in {@value #LIBRARIES}: Maven Central path to SHA-256 */
    static Map<String, String> listed(Path bundle) throws IOException {
        Map<String, String> listed = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(bundle.resolve(LIBRARIES))) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 2) {
                listed.put(fields[0], fields[1]);
            }
        }
        return listed;
    }
}

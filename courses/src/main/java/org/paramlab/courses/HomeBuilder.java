package org.paramlab.courses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.paramlab.grader.assignment.Assignment;
import org.paramlab.grader.assignment.CourseFile;
import org.paramlab.grader.integrity.Fingerprint;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.supervisor.AssignmentGrading;
import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.supervisor.ClasspathFile;

/**
 * Writes a self-contained pristine grader, for a course platform (Classroom 50, Gradescope), from the
 * instructor's built repository: the grader's, the tensor library's and the course tools' classes, the
 * graded tests alone (no solution, no grader unit test), the references, the template's stubs, the
 * template's file list ({@link TemplateFiles}), the fingerprint, and the list of libraries
 * ({@value #LIBRARIES}: Maven Central path and SHA-256 of each jar), which {@code fetch_libraries.py}
 * downloads into {@code lib/}, checking every hash. The libraries themselves (ONNX Runtime's jar is 54 MB)
 * are copied only when asked for.
 *
 * <p>With {@code --mirror DIR}, every library is also copied into DIR, the files a course uploads as its own
 * mirror (a GitHub Release of its template), together with a linux-x64-only ONNX Runtime jar ({@link #slimJar}:
 * 11 MB instead of 54 MB, since GitHub's runners are linux-x64), made deterministically from the Central
 * jar and pinned by its own SHA-256 on ONNX Runtime's line of {@value #LIBRARIES}:
 * {@code <central path> <central sha256> linux-x64 <slim file name> <slim sha256>}. Maven Central has no such
 * jar: there the full one, with the Central hash, stays the fallback.
 *
 * <pre>
 * HomeBuilder --repository ROOT --out DIR [--maven-repo DIR] [--with-libraries] [--mirror DIR]
 *             [--assignment NAME [--course FILE]]   (a bundle that grades that assignment of the course file)
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
    /**
     * The libraries to fetch: one line each, {@code <path in Maven Central> <sha256>}, optionally followed by a
     * platform's slim variant that only a course's mirror serves, {@code <platform> <file name> <sha256>}.
     */
    public static final String LIBRARIES = "libraries.txt";
    /** The platform of the slim ONNX Runtime jar: GitHub's runners'. */
    public static final String SLIM_PLATFORM = "linux-x64";
    /** Where ONNX Runtime's jar keeps its native libraries, one folder per platform. */
    private static final String ORT_NATIVE = "ai/onnxruntime/native/";
    /** The entries' time in a slim jar, so that it is the same bytes every time it is made. */
    private static final LocalDateTime SLIM_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);
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
        Path mirror = null;
        String assignment = null;
        Path course = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--assignment" -> assignment = args[++i];
                case "--course" -> course = Path.of(args[++i]);
                case "--repository" -> repository = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--maven-repo" -> mavenRepo = Path.of(args[++i]);
                case "--with-libraries" -> withLibraries = true;
                case "--mirror" -> mirror = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: HomeBuilder --repository ROOT --out DIR"
                        + " [--maven-repo DIR] [--with-libraries] [--mirror DIR] [--assignment NAME [--course FILE]];"
                        + " unknown: " + args[i]);
            }
        }
        if (repository == null || out == null) {
            throw new IllegalArgumentException("usage: HomeBuilder --repository ROOT --out DIR [--maven-repo DIR]"
                    + " [--with-libraries] [--mirror DIR]");
        }
        build(repository, out, mavenRepo, withLibraries, mirror);
        courseFile(repository.toAbsolutePath().normalize(), course, assignment, out);
        System.out.println("pristine grader written to " + out + (mirror == null ? "" : "; its libraries' mirror to "
                + mirror) + (assignment == null ? "" : " (assignment " + assignment + ")"));
    }

    /**
     * Writes the bundle's course file: the repository's ({@code course} if given), or, for {@code --assignment},
     * a course file of that assignment alone, so that the platform grades it. The assignment is checked against
     * the bundle's graded tests, as trusted grading will (its points can be shared, its instructor-only checks are
     * there).
     */
    static void courseFile(Path repository, Path course, String assignment, Path out) throws IOException {
        Path from = course != null ? course : repository.resolve(CourseFile.NAME);
        if (assignment == null && course == null) {
            if (Files.exists(from)) {
                Files.copy(from, out.resolve(CourseFile.NAME), StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        Assignment chosen = CourseFile.read(from).assignment(assignment);
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReportFiles.mapper().readTree(from.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode one = ReportFiles.mapper().createArrayNode();
        for (com.fasterxml.jackson.databind.JsonNode node : root.path("assignments")) {
            if (chosen.name().equals(node.path("name").asText())) {
                one.add(node);
            }
        }
        root.set("assignments", one);
        ReportFiles.writeJson(out.resolve(CourseFile.NAME), root);
        AssignmentGrading.check(chosen, out.resolve(GRADED_TESTS), true);
    }

    /**
     * @param repository    the instructor's repository, built with {@code mvn -Pcourses process-test-classes}
     * @param out           the folder to write; must not exist or be empty
     * @param mavenRepo     the local Maven repository the libraries were resolved into
     * @param withLibraries whether to copy the libraries into {@code lib/} too
     * @throws IOException if a file cannot be copied
     */
    public static void build(Path repository, Path out, Path mavenRepo, boolean withLibraries) throws IOException {
        build(repository, out, mavenRepo, withLibraries, null);
    }

    /**
     * @param repository    the instructor's repository, built with {@code mvn -Pcourses process-test-classes}
     * @param out           the folder to write; must not exist or be empty
     * @param mavenRepo     the local Maven repository the libraries were resolved into
     * @param withLibraries whether to copy the libraries into {@code lib/} too
     * @param mirror        where to write the files of the course's mirror (every library, and the slim ONNX
     *                      Runtime jar, listed in {@value #LIBRARIES}); null for none
     * @throws IOException if a file cannot be copied
     */
    public static void build(Path repository, Path out, Path mavenRepo, boolean withLibraries, Path mirror)
            throws IOException {
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
        courseFile(root, null, null, out);
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
            list.append(TemplateFiles.relative(maven, absolute)).append(' ').append(TemplateFiles.sha256(absolute));
            if (mirror != null) {
                Files.createDirectories(mirror);
                Files.copy(absolute, mirror.resolve(absolute.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                if (isOnnxRuntime(absolute)) {
                    Path slim = mirror.resolve(slimName(absolute));
                    slimJar(absolute, slim);
                    list.append(' ').append(SLIM_PLATFORM).append(' ').append(slim.getFileName()).append(' ')
                            .append(TemplateFiles.sha256(slim));
                }
            }
            list.append('\n');
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

    /** @return whether a jar is ONNX Runtime's (the CPU one: {@code onnxruntime-VERSION.jar}) */
    static boolean isOnnxRuntime(Path jar) {
        return jar.getFileName().toString().matches("onnxruntime-[0-9][^-]*\\.jar");
    }

    /** @return the slim jar's file name: {@code onnxruntime-1.29.0.jar} gives {@code onnxruntime-1.29.0-linux-x64.jar} */
    static String slimName(Path jar) {
        String name = jar.getFileName().toString();
        return name.substring(0, name.length() - ".jar".length()) + "-" + SLIM_PLATFORM + ".jar";
    }

    /**
     * Writes ONNX Runtime's jar with the native libraries of {@value #SLIM_PLATFORM} alone: every entry of the
     * original in its order, except those under {@code ai/onnxruntime/native/PLATFORM/} for another platform,
     * each with the time 1980-02-01 00:00 (a DOS time alone, no time zone, no extended timestamp: 1980-01-01
     * 00:00 is the JDK's mark for "before 1980" and would add one, in the local zone) and default compression, so that the
     * same jar gives the same bytes every time.
     *
     * @param full the jar from Maven Central
     * @param slim where to write the slim jar
     * @throws IOException if a jar cannot be read or written
     */
    static void slimJar(Path full, Path slim) throws IOException {
        Path partial = slim.resolveSibling(slim.getFileName() + ".part");
        try (ZipFile in = new ZipFile(full.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(ORT_NATIVE) && name.length() > ORT_NATIVE.length()
                        && !name.startsWith(ORT_NATIVE + SLIM_PLATFORM + "/")) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTimeLocal(SLIM_TIME);
                out.putNextEntry(copy);
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(partial, slim, StandardCopyOption.REPLACE_EXISTING);
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
            for (Path path : ClasspathFile.read(file)) {
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

    /**
     * @return the libraries of a bundle as written in {@value #LIBRARIES}: Maven Central path to SHA-256 (a slim
     *         variant's fields, after these two, left out)
     */
    static Map<String, String> listed(Path bundle) throws IOException {
        Map<String, String> listed = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(bundle.resolve(LIBRARIES))) {
            String[] fields = line.strip().split(" +");
            if (fields.length == 2 || fields.length == 5) {
                listed.put(fields[0], fields[1]);
            }
        }
        return listed;
    }
}

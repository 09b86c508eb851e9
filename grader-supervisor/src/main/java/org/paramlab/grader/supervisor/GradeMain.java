package org.paramlab.grader.supervisor;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.paramlab.grader.protocol.MavenCommand;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.purity.StudentClasses;

/**
 * The supervisor's command line; Maven runs it in its own JVM ({@code exec:java} in
 * {@code grader/pom.xml}) after compiling, so {@code mvn test} grades through it.
 *
 * <pre>
 * GradeMain --student NAME --student-module DIR --student-classes DIR --test-classes DIR
 *           --classpath PATHS --references DIR --report-dir DIR --work-dir DIR
 *           [--require-full-marks true|false] [--repository DIR] [--cache-dir DIR]
 *           [--compile-classpath PATHS]   (watch mode: what the student's files compile against)
 *           [--course FILE]   (the course file: the assignment graded is -Dassignment=NAME, else its first)
 * </pre>
 *
 * The run's settings are the system properties {@code paramlab.seed}, {@code paramlab.provider} and
 * {@code exercise} (Maven passes {@code -D} options on), and {@code paramlab.budget}, the whole run's
 * limit in seconds (300 by default). It never calls {@code System.exit}.
 */
public final class GradeMain {

    /** The system property of the whole run's time limit, in seconds. */
    public static final String BUDGET_PROPERTY = "paramlab.budget";

    private static final Set<String> REQUIRED = Set.of("student", "student-module", "student-classes",
            "test-classes", "classpath", "references", "report-dir", "work-dir");
    private static final Set<String> OPTIONAL = Set.of("require-full-marks", "repository", "cache-dir",
            "compile-classpath", "course");

    private GradeMain() {
    }

    /** In {@code --classpath}, an entry {@code @FILE} stands for the classpath written in {@code FILE}. */
    static final String FROM_FILE = "@";

    /** {@code -Dparamlab.classSharing=off|background|now}: the test JVM's class-data sharing (default background). */
    static final String CLASS_SHARING_PROPERTY = "paramlab.classSharing";

    /**
     * @param args the options above
     * @throws IllegalArgumentException naming a missing, unknown or invalid option
     * @throws org.paramlab.grader.report.FullMarksRequiredException when full marks are required and missing
     */
    public static void main(String[] args) {
        Trace.mark("exec:java: GradeMain started");
        Map<String, String> options = parse(args);
        AssignmentGrading.Chosen chosen = assignment(options, System::getProperty);
        GradingRequest request = current(options, chosen.settings()).withAssignment(chosen.assignment());
        new Supervisor(request, System.out, Path.of("")).grade();
    }

    /**
     * @param options  the command line: {@code --course} names the course file
     * @param property the system properties ({@code -Dassignment}, {@code -Dexercise}, {@code -Dparamlab.seed}, ...)
     * @return the assignment ({@code -Dassignment}, else the course file's first) and the run's settings
     */
    static AssignmentGrading.Chosen assignment(Map<String, String> options,
                                               java.util.function.Function<String, String> property) {
        return AssignmentGrading.choose(options.containsKey("course") ? Path.of(options.get("course")) : null,
                property.apply(org.paramlab.grader.assignment.CourseFile.ASSIGNMENT_PROPERTY),
                RunSettings.requested(property), AssignmentGrading.seedAsked(property),
                Path.of(options.get("test-classes")), false);
    }

    /**
     * The request for the student's files as they are now ({@link StudentBuild}): when they do not compile, the
     * run is refused with the compiler's messages and still reports, even on a checkout's first build, which then
     * has no test JVM classpath file yet (Maven skipped the graded tests' module after the student's).
     */
    static GradingRequest current(Map<String, String> options, RunSettings settings) {
        GradingRequest request;
        IllegalArgumentException unreadable = null;
        try {
            request = request(options, settings);
        } catch (UnreadableClasspathFile e) {
            unreadable = e;
            request = request(options, settings, List.of());
        }
        if (options.containsKey("compile-classpath")) {
            request = StudentBuild.current(request, classpath(options.get("compile-classpath")),
                    Path.of(options.get("work-dir")).resolveSibling("paramlab-compiled"));
        }
        if (unreadable != null && request.refusals().isEmpty()) {
            throw unreadable;
        }
        return request;
    }

    /** The request the options describe, for the run's {@code settings}. */
    static GradingRequest request(Map<String, String> options, RunSettings settings) {
        return request(options, settings, classpath(options.get("classpath")));
    }

    private static GradingRequest request(Map<String, String> options, RunSettings settings, List<Path> classpath) {
        Path module = Path.of(options.get("student-module"));
        StudentClasses.Location code = new StudentClasses.Location(Supervisor.STUDENT_PACKAGE,
                module.resolve("src/main/java"), module.resolve("src/main/resources"),
                Path.of(options.get("student-classes")));
        GradingRequest request = new GradingRequest(options.get("student"), code, Path.of(options.get("test-classes")),
                classpath, Path.of(options.get("references")), Path.of(options.get("report-dir")),
                Path.of(options.get("work-dir")), settings,
                budget(System.getProperty(BUDGET_PROPERTY)), GradingRequest.DEFAULT_TEST_TIMEOUT,
                Boolean.parseBoolean(options.getOrDefault("require-full-marks", "false")),
                options.containsKey("repository") ? Path.of(options.get("repository")) : null, System.getenv());
        if (options.containsKey("cache-dir")) {
            // a student's loop: the test JVM's classes come from a class-data sharing archive after the first run
            request = request.withCacheDir(Path.of(options.get("cache-dir"))).withClassSharing(
                    GradingRequest.ClassSharing.valueOf(System.getProperty(CLASS_SHARING_PROPERTY, "background")
                            .toUpperCase(java.util.Locale.ROOT)));
        }
        return request;
    }

    /**
     * The test JVM's classpath: {@code PATHS}, where an entry {@code @FILE} stands for the classpath written in
     * {@code FILE}: {@code graded-tests/target/paramlab-test-jvm.classpath}, which that module's build writes from
     * its own runtime classpath (the test JVM's side of the grader, the protocol, the tensor library, JUnit,
     * ONNX Runtime), so that nothing of the supervisor's reaches the test JVM.
     */
    static List<Path> classpath(String paths) {
        List<Path> classpath = new ArrayList<>();
        for (String entry : paths.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!entry.startsWith(FROM_FILE)) {
                classpath.add(Path.of(entry));
                continue;
            }
            Path file = Path.of(entry.substring(FROM_FILE.length()));
            List<Path> written;
            try {
                written = ClasspathFile.read(file);
            } catch (IOException e) {
                throw new UnreadableClasspathFile("the test JVM's classpath file " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + "): the first build of a checkout writes it; run "
                        + MavenCommand.MVN + " clean test", e);
            }
            for (Path path : written) {
                if (!classpath.contains(path)) {
                    classpath.add(path);
                }
            }
        }
        return List.copyOf(classpath);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !REQUIRED.contains(name) && !OPTIONAL.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: GradeMain --student NAME --student-module DIR"
                        + " --student-classes DIR --test-classes DIR --classpath PATHS --references DIR --report-dir"
                        + " DIR --work-dir DIR [--require-full-marks true|false] [--repository DIR] [--cache-dir DIR]; '" + args[i]
                        + "' is not one of them or has no value");
            }
            options.put(name, args[i + 1]);
        }
        for (String name : REQUIRED) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("GradeMain needs --" + name);
            }
        }
        return options;
    }

    /**
     * @param seconds the value of {@value #BUDGET_PROPERTY}, or {@code null}
     * @return the whole run's limit
     * @throws IllegalArgumentException for anything but a positive whole number of seconds
     */
    static Duration budget(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return GradingRequest.DEFAULT_BUDGET;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value > 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + "=" + seconds + " is not a time limit: use a"
                + " positive whole number of seconds, such as -D" + BUDGET_PROPERTY + "=300");
    }

    /** The test JVM's classpath file cannot be read. */
    static final class UnreadableClasspathFile extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnreadableClasspathFile(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package org.paramlab.grader.broken;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.paramlab.grader.Graded;
import org.paramlab.grader.GradedTestClassList;
import org.paramlab.grader.OutcomeClassifier;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.tensor.Tensor;

/**
 * Grades a submission that is the solutions with one textual change, with the real graded tests,
 * in this JVM: the changed sources are compiled in memory, and a child-first class loader defines
 * them ({@code org.paramlab.nn}) together with the graded tests ({@code org.paramlab.grading}), so
 * that the tests bind to the broken classes. Everything else (JUnit, the grader, the tensor library,
 * the reference models and their cache) is shared with this JVM.
 */
final class SubmissionGrader {

    static final String STUDENT_PACKAGE = "org.paramlab.nn";
    static final String GRADED_PACKAGE = "org.paramlab.grading";

    /** Checks of single promises that prove a broken submission is broken ({@code ContractSurvey}): linked as the graded tests. */
    static final String WITNESS_PACKAGE = "org.paramlab.grader.broken.witness";

    /** The record of identity and message checks, one for all submissions graded in this JVM. */
    static final String SHARED_SITES = "org.paramlab.grading.support.AssertionSites";

    /**
     * Every graded test class, found as the grader finds them ({@link GradedTestClassList}): one per exercise group,
     * in report order, then those whose tests belong to several groups (the whole domain of inputs, the networks
     * PyTorch generated, the invariants on networks Java generates).
     */
    static final List<String> EVERY_CLASS = GradedTestClassList.simpleNames();

    /**
     * The chapter's graded test classes, those with tests of groups 0 to 7: the chapter's 100 points, and what the
     * catalogue's chapter entries are graded with. Group 8 ({@link #BUFFERS}) is an assignment of its own.
     */
    static final List<String> CHAPTER = GradedTestClassList.simpleNames(group -> group <= 7);

    /** Group 8, buffers: beyond the notebook, graded in its own assignment ({@code buffers} in course.json). */
    static final List<String> BUFFERS = GradedTestClassList.simpleNames(group -> group == 8);

    private SubmissionGrader() {
    }

    /**
     * How one graded test ended.
     *
     * @param exercise the id of the exercise the test grades, e.g. {@code "2.2"}
     * @param points  what the test is worth
     * @param status  how it ended
     * @param message the feedback a student would read, {@code null} when it passed
     */
    record Outcome(String exercise, double points, TestStatus status, String message) {

        boolean passed() {
            return status == TestStatus.PASSED;
        }
    }

    /** The outcome of every graded test that ran, by {@code "Class.method"}, in execution order. */
    record Grading(Map<String, Outcome> outcomes) {

        double points() {
            return outcomes.values().stream().mapToDouble(Outcome::points).sum();
        }

        /** The points of the tests whose exercise's group {@code groups} accepts ({@code group -> group <= 7}: the chapter). */
        double points(java.util.function.IntPredicate groups) {
            return outcomes.values().stream()
                    .filter(o -> o.exercise().indexOf('.') > 0
                            && groups.test(Integer.parseInt(o.exercise().substring(0, o.exercise().indexOf('.')))))
                    .mapToDouble(Outcome::points).sum();
        }

        double earned() {
            return outcomes.values().stream().filter(Outcome::passed).mapToDouble(Outcome::points).sum();
        }

        List<String> failed() {
            return outcomes.entrySet().stream().filter(e -> !e.getValue().passed()).map(Map.Entry::getKey).toList();
        }
    }

    /** The solutions' sources, by file name ({@code "Module.java"}). */
    static Map<String, String> solutionSources() {
        return sources(solutionsDir());
    }

    /** The {@code .java} files of a folder, by file name, in name order. */
    static Map<String, String> sources(Path dir) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** {@code solutions/src/main/java/org/paramlab/nn}, found from the working directory upwards. */
    static Path solutionsDir() {
        Path relative = Path.of("solutions", "src", "main", "java", "org", "paramlab", "nn");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("solutions/ not found above " + Path.of("").toAbsolutePath()
                + ": the broken submissions are the solutions with one change (run them with mvn -Psolutions test)");
    }

    /**
     * Compiles {@code sources} in memory against the tensor library.
     *
     * @return the class files by binary name
     * @throws IllegalStateException with javac's diagnostics if they do not compile
     */
    static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (a JRE instead of a JDK?)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((file, text) -> units.add(
                new SimpleJavaFileObject(URI.create("mem:///org/paramlab/nn/" + file), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
        List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-g",
                "-classpath", codeLocation(Tensor.class).toString());
        boolean ok = javac.getTask(null, manager, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder text = new StringBuilder("the broken submission does not compile:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                text.append("\n  ").append(d);
            }
            throw new IllegalStateException(text.toString());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static Path codeLocation(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the given graded test classes against the compiled submission.
     *
     * @param classes     compiled {@code org.paramlab.nn} classes, by binary name
     * @param testClasses simple names of graded test classes, e.g. {@code "ModulesTest"}
     */
    static Grading grade(Map<String, byte[]> classes, List<String> testClasses) {
        SubmissionLoader loader = new SubmissionLoader(classes, SubmissionGrader.class.getClassLoader());
        List<Class<?>> tests = new ArrayList<>();
        Map<String, Graded> points = new LinkedHashMap<>();
        for (String simpleName : testClasses) {
            Class<?> test = loader.load(GRADED_PACKAGE + "." + simpleName);
            tests.add(test);
            for (java.lang.reflect.Method m : test.getDeclaredMethods()) {
                Graded graded = m.getAnnotation(Graded.class);
                if (graded != null) {
                    points.put(simpleName + "." + m.getName(), graded);
                }
            }
        }
        Recorder recorder = new Recorder(points);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestExecutionListeners(recorder)
                .build());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(tests.stream().map(c -> selectClass(c)).toList())
                    .build());
        } finally {
            thread.setContextClassLoader(previous);
        }
        return recorder.grading();
    }

    /** Records each graded test's outcome as the grader would classify it. */
    private static final class Recorder implements TestExecutionListener {

        private final Map<String, Graded> points;
        private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
        private TestPlan plan;

        Recorder(Map<String, Graded> points) {
            this.points = points;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                key(id).ifPresent(key -> {
                    OutcomeClassifier.Verdict verdict = OutcomeClassifier.classify(result);
                    outcomes.put(key, outcome(key, verdict.status(), verdict.message()));
                });
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                // A class whose setup failed: its tests did not run, and each of them scores nothing.
                OutcomeClassifier.Verdict verdict = OutcomeClassifier.classify(result);
                for (TestIdentifier test : plan.getDescendants(id)) {
                    if (test.isTest()) {
                        key(test).ifPresent(key -> outcomes.putIfAbsent(key,
                                outcome(key, TestStatus.FAILED, verdict.message())));
                    }
                }
            }
        }

        private Outcome outcome(String key, TestStatus status, String message) {
            Graded graded = points.get(key);
            return graded == null ? new Outcome("?", 0, status, message)
                    : new Outcome(graded.exercise().id(), graded.points(), status, message);
        }

        private static Optional<String> key(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(s -> s.getClassName().substring(s.getClassName().lastIndexOf('.') + 1) + "." + s.getMethodName());
        }

        Grading grading() {
            for (String key : points.keySet()) {
                outcomes.putIfAbsent(key, outcome(key, TestStatus.FAILED, "did not run"));
            }
            return new Grading(outcomes);
        }
    }

    /**
     * Child first for the submission ({@code org.paramlab.nn}, from memory) and the graded tests
     * ({@code org.paramlab.grading}, re-defined from the parent's class files so that they link
     * against the submission); parent first for everything else.
     */
    static final class SubmissionLoader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> submission;

        SubmissionLoader(Map<String, byte[]> submission, ClassLoader parent) {
            super("broken-submission", parent);
            this.submission = submission;
        }

        Class<?> load(String name) {
            try {
                return loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            // AssertionSites is shared: it gathers what every broken submission's checks did.
            if (!name.startsWith(STUDENT_PACKAGE + ".") && !name.startsWith(GRADED_PACKAGE + ".")
                    && !name.startsWith(WITNESS_PACKAGE + ".") || name.startsWith(SHARED_SITES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = submission.get(name);
                    if (bytes == null && name.startsWith(STUDENT_PACKAGE + ".")) {
                        throw new ClassNotFoundException(name + " is not part of the submission");
                    }
                    if (bytes == null) {
                        bytes = parentBytes(name);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private byte[] parentBytes(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}

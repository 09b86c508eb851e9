package org.paramlab.grader.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.attack.Attacks.blocked;
import static org.paramlab.grader.attack.Attacks.complete;
import static org.paramlab.grader.attack.Attacks.evil;
import static org.paramlab.grader.attack.Attacks.hook;
import static org.paramlab.grader.attack.Attacks.inLinear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.protocol.TestStatus;

/**
 * Hostile submissions, each graded by the real grader ({@link AttackRunner}: compiled as Maven would,
 * graded by the supervisor in a test JVM of its own). A student who may change only the files of
 * {@code exercises/src/main/java/org/paramlab/nn/} (and, through Maven, its resources) tries to forge
 * the report, escape the rules gate, hang the run, change the run's settings, read the answers, reach
 * the CI job, or flood the reports. Each must gain nothing: the stubs keep 0 and the solutions their
 * honest score, the report is complete (every graded test has an outcome, the maximum stays 100), and
 * the run ends within its time limit. The points and wall time of each attack go to
 * {@code grader/target/attacks.md}.
 *
 * <p>Long on purpose: a catalogue of attacks on the grader, one test each, every one kept as a test when it was
 * found; they share the submission harness above them.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class AttacksTest {

    @TempDir
    Path temp;

    private AttackRunner runner() {
        return new AttackRunner(temp);
    }

    @AfterAll
    static void writeFigures() throws IOException {
        Attacks.writeLog();
    }

    // --- forged reports --------------------------------------------------------------------------

    /** Writes forged "passed" lines into the report folder's progress file, through file-name constructors. */
    @Test
    void forgeTheProgressFileByName() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "Evil.forge();").withNn("Evil", evil("""
                    static void forge() {
                        String line = "{\\"event\\":\\"finished\\",\\"status\\":\\"PASSED\\"}";
                        try (java.io.PrintStream out = new java.io.PrintStream("target/paramlab/progress.jsonl");
                             java.io.PrintWriter writer = new java.io.PrintWriter("target/paramlab/plan.json");
                             java.util.Formatter formatter = new java.util.Formatter("target/paramlab/results.json")) {
                            out.println(line);
                            writer.println(line);
                            formatter.format("%s", line);
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }"""));
        blocked("forge-progress-file", runner().grade("forge-file", attack), "no-files",
                "java.io.PrintStream.<init>(java.lang.String)", "java.io.PrintWriter.<init>(java.lang.String)",
                "java.util.Formatter.<init>(java.lang.String)");
    }

    /** Prints forged events, a forged score table and GitHub workflow commands: allowed, and read by nobody. */
    @Test
    void forgeResultsOnStandardOutput() throws IOException {
        Submission attack = hook(Submission.stubs(), "ReLU", "public Tensor forward(Tensor x)", "Evil.forge();")
                .withNn("Evil", evil("""
                    static void forge() {
                        for (java.io.PrintStream out : new java.io.PrintStream[] {System.out, System.err}) {
                            out.println("{\\"type\\":\\"event\\",\\"event\\":{\\"event\\":\\"finished\\",\\"status\\":\\"PASSED\\"}}");
                            out.println("       TOTAL                                                  100/100  100%");
                            out.println("::set-output name=result::eyJzdGF0dXMiOiJwYXNzIn0=");
                            out.println("::add-mask::secret");
                            out.write(new byte[] {0, 0, 0, 5, '{', '}', 0, 0, 0}, 0, 9);
                            out.flush();
                        }
                    }"""));
        AttackRunner.Graded graded = complete("forge-on-stdout", runner().grade("forge-stdout", attack), 0,
                Duration.ofSeconds(90));
        assertThat(graded.console()).doesNotContain("100/100").doesNotContain("add-mask");
        assertThat(graded.console().lines()).noneMatch(line -> line.stripLeading().startsWith("::"));
        assertThat(graded.output()).contains("::set-output name=result::");
        assertThat(graded.result().tampering()).isEmpty();
    }

    /** Opens a socket to every port the supervisor might listen on. */
    @Test
    void connectToTheSupervisor() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "Evil.connect();").withNn("Evil", evil("""
                    static void connect() {
                        for (int port = 32768; port < 61000; port++) {
                            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                                socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 'x'});
                            } catch (java.io.IOException e) {
                                // next
                            }
                        }
                    }"""));
        blocked("connect-to-supervisor", runner().grade("connect", attack), "no-network", "java.net.Socket");
    }

    // --- code outside the student's package ------------------------------------------------------

    /** A file in nn/ that declares another package, from which a shutdown hook would rewrite the report. */
    @Test
    void declareAnotherPackage() throws IOException {
        Submission attack = Submission.stubs().with(Submission.NN + "Hook.java", """
                package org.paramlab.tensor.internal;

                public final class Hook {
                    static {
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("forged")));
                        System.exit(0);
                    }
                }
                """);
        AttackRunner.Graded graded = blocked("foreign-package", runner().grade("foreign", attack), "your-files-only",
                "Hook.java", "declares package org.paramlab.tensor.internal");
        assertThat(graded.result().run().outcomes()).anyMatch(o -> o.test().methodName().equals("no-exit")
                && o.status() == TestStatus.FAILED);
    }

    /** Classes named like JUnit's engine and the grader's input generator, to replace them. */
    @Test
    void shadowJUnitAndTheGrader() throws IOException {
        Submission attack = Submission.stubs().with(Submission.NN + "JupiterTestEngine.java", """
                package org.junit.jupiter.engine;

                public class JupiterTestEngine {
                }
                """).with(Submission.NN + "Inputs.java", """
                package org.paramlab.grading.support;

                public final class Inputs {
                }
                """);
        blocked("shadow-junit-and-grader", runner().grade("shadow", attack), "your-files-only",
                "declares package org.junit.jupiter.engine", "already exists in junit-jupiter-engine",
                "declares package org.paramlab.grading.support");
    }

    // --- resources -------------------------------------------------------------------------------

    /** META-INF/services files that would register a listener, and JUnit settings that enable autodetection. */
    @Test
    void registerJUnitPluginsThroughResources() throws IOException {
        Submission attack = Submission.stubs()
                .with("src/main/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener",
                        "org.paramlab.nn.Linear\n")
                .with("src/main/resources/META-INF/services/org.junit.jupiter.api.extension.Extension",
                        "org.paramlab.nn.Linear\n")
                .with("src/main/resources/junit-platform.properties",
                        "junit.jupiter.extensions.autodetection.enabled=true\n");
        blocked("services-and-junit-properties", runner().grade("services", attack), "your-files-only",
                "META-INF/services/org.junit.platform.launcher.TestExecutionListener: resources are not allowed",
                "junit-platform.properties");
    }

    /** Class files copied into the build through resources: one in the student's package, one replacing JUnit's. */
    @Test
    void strayClassFiles() throws IOException {
        byte[] sneaky = compileElsewhere("Sneaky", "package org.paramlab.nn; public class Sneaky { }");
        byte[] launcher = compileElsewhere("LauncherFactory",
                "package org.junit.platform.launcher.core; public class LauncherFactory { }");
        Submission attack = Submission.stubs()
                .withBytes("src/main/resources/org/paramlab/nn/Sneaky.class", sneaky)
                .withBytes("src/main/resources/org/junit/platform/launcher/core/LauncherFactory.class", launcher);
        blocked("stray-class-files", runner().grade("stray", attack), "your-files-only",
                "org/paramlab/nn/Sneaky.class was not compiled from a .java file",
                "declares package org.junit.platform.launcher.core");
    }

    /** A class file ArchUnit cannot read: the gate fails closed. */
    @Test
    void unreadableClassFile() throws IOException {
        Submission attack = Submission.stubs().withBytes("src/main/resources/org/paramlab/nn/Broken.class",
                new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3});
        blocked("unreadable-class-file", runner().grade("unreadable", attack), "your-files-only",
                "org/paramlab/nn/Broken.class cannot be read");
    }

    private byte[] compileElsewhere(String name, String source) throws IOException {
        Path dir = temp.resolve("elsewhere-" + name);
        Path file = dir.resolve(name + ".java");
        Files.createDirectories(dir);
        Files.writeString(file, source);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), file.toString());
        assertThat(status).isZero();
        try (var walk = Files.walk(dir)) {
            return Files.readAllBytes(walk.filter(p -> p.getFileName().toString().equals(name + ".class"))
                    .findFirst().orElseThrow());
        }
    }

    // --- hangs -----------------------------------------------------------------------------------

    /** An exception whose getMessage() never returns, thrown where most tests reach it. */
    @Test
    void anExceptionWhoseMessageNeverReturns() throws IOException {
        Submission attack = hook(inLinear(Submission.stubs(), "if (Evil.spin()) throw new Evil.Stuck();"), "ReLU",
                "public Tensor forward(Tensor x)", "if (Evil.spin()) throw new Evil.Stuck();").withNn("Evil", evil("""
                    static final class Stuck extends RuntimeException {
                        @Override
                        public String getMessage() {
                            while (Evil.spin()) {
                                Math.sqrt(2);
                            }
                            return "never";
                        }
                    }

                    static boolean spin() {
                        return true;
                    }"""));
        AttackRunner.Graded graded = complete("message-never-returns", runner().budget(Duration.ofSeconds(60))
                .testTimeout(Duration.ofSeconds(2)).grade("message", attack), 0, Duration.ofSeconds(90));
        assertThat(graded.messages()).contains("Evil$Stuck, and its getMessage(), getCause() or toString() did not"
                + " return within 2 s");
    }

    /** An exception whose getCause() makes a new exception on every call. */
    @Test
    void anExceptionWhoseCausesNeverEnd() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "if (this != null) throw new Evil.Endless();")
                .withNn("Evil", evil("""
                    static final class Endless extends RuntimeException {
                        @Override
                        public synchronized Throwable getCause() {
                            return new Endless();
                        }
                    }"""));
        complete("cause-never-ends", runner().grade("cause", attack), 0, Duration.ofSeconds(90));
    }

    /** The quiz's enum whose static initializer never ends: only the tests that reach it lose their points. */
    @Test
    void anEnumWhoseStaticInitializerNeverEnds() throws IOException {
        String source = Submission.solutions().source("WhyShareParameters");
        Submission attack = Submission.solutions().withNn("WhyShareParameters", source.replace(
                "public enum Option { A, B, C, D }", """
                public enum Option { A, B, C, D;
                        static {
                            while (Spin.forever()) {
                                Math.sqrt(2);
                            }
                        }
                    }""")).withNn("Spin", "package org.paramlab.nn;\n\nfinal class Spin {\n"
                + "    private Spin() {\n    }\n\n    static boolean forever() {\n        return true;\n    }\n}\n");
        AttackRunner.Graded graded = complete("enum-initializer-loops", runner().testTimeout(Duration.ofSeconds(3))
                .grade("enum", attack), 97, Duration.ofSeconds(120));
        assertThat(graded.result().run().outcomes()).filteredOn(o -> o.test().exercise().equals("7.2"))
                .allMatch(o -> o.status() == TestStatus.TIMED_OUT);
    }

    /** A constructor that loops forever, ignoring interrupts: the whole run's time limit ends it. */
    @Test
    void aLoopInEveryTestHitsTheWholeRunsLimit() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "while (Evil.spin()) { Math.sqrt(2); }")
                .withNn("Evil", evil("    static boolean spin() {\n        return true;\n    }"));
        AttackRunner.Graded graded = complete("endless-loop-in-every-test", runner().budget(Duration.ofSeconds(25))
                .testTimeout(Duration.ofSeconds(2)).grade("loop", attack), 0, Duration.ofSeconds(50));
        assertThat(graded.messages()).contains("not run: grading stopped after").contains("timed out");
    }

    /** Every test waits just under its limit: the whole run's limit still ends the run. */
    @Test
    void slowTestsUnderTheirLimitHitTheWholeRunsLimit() throws IOException {
        String wait = "long end = System.nanoTime() + 1_500_000_000L; while (System.nanoTime() < end) { Math.sqrt(2); }";
        Submission attack = hook(inLinear(Submission.stubs(), wait), "ReLU", "public Tensor forward(Tensor x)", wait);
        AttackRunner.Graded graded = complete("slow-under-the-limit", runner().budget(Duration.ofSeconds(20))
                .testTimeout(Duration.ofSeconds(2)).grade("slow", attack), 0, Duration.ofSeconds(45));
        assertThat(graded.messages()).contains("not run: grading stopped after");
    }

    // --- the run's settings ----------------------------------------------------------------------

    /** Changes the seed, the provider (and so the tolerance) and the output streams part-way. */
    @Test
    void changeTheRunsSettings() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "Evil.settings();").withNn("Evil", evil("""
                    static void settings() {
                        System.setProperty("paramlab.seed", "1");
                        System.setProperty("paramlab.provider", "cuda");
                        System.getProperties().put("exercise", "0");
                        System.clearProperty("paramlab.report.dir");
                        System.setOut(System.err);
                    }"""));
        blocked("change-settings", runner().grade("settings", attack), "no-global-state",
                "java.lang.System.setProperty", "java.lang.System.getProperties", "java.lang.System.setOut");
    }

    // --- the answers -----------------------------------------------------------------------------

    /** Reads the references (and their stored training answers) as resources, through Module, Class and ClassLoader. */
    @Test
    void readTheReferencesAsResources() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.read();").withNn("Evil", evil("""
                    static byte[] read() {
                        String name = "/paramlab/reference-models/shared_training.onnx";
                        try (java.io.InputStream a = Evil.class.getModule().getResourceAsStream(name);
                             java.io.InputStream b = Evil.class.getResourceAsStream(name);
                             java.io.InputStream c = ClassLoader.getSystemResourceAsStream(name.substring(1))) {
                            return a == null ? null : a.readAllBytes();
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    }"""));
        blocked("read-references-as-resources", runner().grade("resources", attack), "no-reflection",
                "java.lang.Module.getResourceAsStream", "java.lang.Class.getResourceAsStream", "ClassLoader");
    }

    /** Reads the reference files from disk. */
    @Test
    void readTheReferencesFromDisk() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.read();").withNn("Evil", evil("""
                    static byte[] read() {
                        try {
                            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                                    "../reference-models/models/shared_training.onnx"));
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    }"""));
        blocked("read-references-from-disk", runner().grade("disk", attack), "no-files", "java.nio.file.Files");
    }

    // --- the CI job ------------------------------------------------------------------------------

    /** Appends a forged score to the step summary GitHub Actions names in the environment. */
    @Test
    void writeTheStepSummary() throws IOException {
        Path summary = temp.resolve("step-summary.md");
        Files.writeString(summary, "");
        Submission attack = inLinear(Submission.stubs(), "Evil.summary();").withNn("Evil", evil("""
                    static void summary() {
                        try (java.io.FileWriter out = new java.io.FileWriter(System.getenv("GITHUB_STEP_SUMMARY"), true)) {
                            out.write("# Score: 100/100\\n");
                        } catch (java.io.IOException | RuntimeException e) {
                            // no step summary here
                        }
                    }"""));
        blocked("write-step-summary", runner().environment(Map.of("GITHUB_STEP_SUMMARY", summary.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin"))).grade("summary", attack), "no-files",
                "java.io.FileWriter");
        assertThat(summary).content().startsWith("# ParamLab: 0 / 100 points").doesNotContain("# Score: 100/100");
    }

    /** Prints the environment: the test JVM has none of the CI's variables. */
    @Test
    void theTestJvmSeesNoCiVariables() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "System.out.println(\"ENV \" + System.getenv().keySet());");
        Path summary = temp.resolve("ci-summary.md");
        AttackRunner.Graded graded = complete("read-ci-environment", runner().environment(Map.of(
                "GITHUB_STEP_SUMMARY", summary.toString(), "GITHUB_ENV", "/tmp/env", "GITHUB_OUTPUT", "/tmp/out",
                "GITHUB_TOKEN", "ghs_secret", "AWS_SECRET_ACCESS_KEY", "secret", "ACTIONS_RUNTIME_TOKEN", "secret",
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin"))).grade("environment", attack), 100,
                Duration.ofSeconds(90));
        assertThat(graded.output()).contains("ENV [").doesNotContain("GITHUB").doesNotContain("AWS")
                .doesNotContain("ACTIONS").doesNotContain("secret");
        assertThat(summary).content().startsWith("# ParamLab: 100 / 100 points");
    }

    // --- floods and control characters -----------------------------------------------------------

    /** A 49 MB free-text answer full of control characters. */
    @Test
    void aHugeAnswerWithControlCharacters() throws IOException {
        String source = Submission.solutions().source("WhyShareParameters");
        int at = source.indexOf("public static String inYourOwnWords()");
        int brace = source.indexOf('{', at) + 1;
        Submission attack = Submission.solutions().withNn("WhyShareParameters", source.substring(0, brace)
                + "\n        if (WhyShareParameters.class != null) return \"\\u001b[2J\\u0007\\u202eforged\\r\\n::set-env"
                + " name=X::1\\n\" + \"y\".repeat(49_000_000);"
                + source.substring(brace));
        AttackRunner.Graded graded = complete("huge-answer", runner().grade("answer", attack), 100,
                Duration.ofSeconds(90));
        assertThat(Files.size(graded.reportDir().resolve("results.json"))).isLessThan(200_000L);
        assertThat(graded.summary()).contains("[truncated: ");
        for (String text : List.of(graded.summary(), graded.results(), graded.console())) {
            assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                    .doesNotContain("\\u001b").doesNotContain("\\u0007").doesNotContain("\\u202e");
        }
    }

    /** Twenty megabytes of output: kept to a megabyte, and the run goes on. */
    @Test
    void floodTheOutput() throws IOException {
        Submission attack = hook(Submission.solutions(), "ReLU", "public Tensor forward(Tensor x)",
                "for (int i = 0; i < 200; i++) { System.out.println(\"z\".repeat(1000)); }");
        AttackRunner.Graded graded = complete("flood-output", runner().grade("flood", attack), 100,
                Duration.ofSeconds(90));
        assertThat(Files.size(graded.reportDir().resolve("student-output.txt"))).isLessThan(1024 * 1024 + 1000);
        assertThat(graded.output()).contains("[truncated: ");
    }

    /** Exception messages of ten million characters, with escape sequences, bells and workflow commands. */
    @Test
    void hugeMessagesWithControlCharacters() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "if (this != null) throw new IllegalStateException(\"\\u001b]0;pwned\\u0007\\r"
                + "::error::forged\\n\" + \"x\".repeat(10_000_000));");
        AttackRunner.Graded graded = complete("huge-control-messages", runner().grade("messages", attack), 0,
                Duration.ofSeconds(90));
        assertThat(Files.size(graded.reportDir().resolve("results.json"))).isLessThan(2_000_000L);
        for (String text : List.of(graded.summary(), graded.results(), graded.console())) {
            assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\\u001b");
        }
        assertThat(graded.console().lines()).noneMatch(line -> line.stripLeading().startsWith("::"));
    }

    // --- found beyond the list -------------------------------------------------------------------

    /** Deleting a class the graded tests name, so that JUnit cannot load their class and they vanish from the plan. */
    @Test
    void makeGradedTestsVanish() throws IOException {
        Submission attack = Submission.stubs().without(Submission.NN + "CustomModels.java")
                .without(Submission.NN + "SharedLayerTraining.java").without(Submission.NN + "TiedParameters.java");
        AttackRunner.Graded graded = complete("vanishing-tests", runner().grade("vanish", attack), 0,
                Duration.ofSeconds(90));
        assertThat(graded.result().run().outcomes()).filteredOn(o -> o.test().exercise().startsWith("6."))
                .isNotEmpty().noneMatch(o -> o.status() == TestStatus.PASSED);
    }

    /** A finalizer, a Cleaner, the common ForkJoinPool: code that would run later, in another thread. */
    @Test
    void runCodeInOtherThreads() throws IOException {
        Submission attack = inLinear(Submission.stubs(), "Evil.later();").withNn("Evil", """
                package org.paramlab.nn;

                final class Evil {
                    static void later() {
                        new Evil();
                        java.lang.ref.Cleaner.create().register(new Object(), () -> System.out.println("later"));
                        new java.util.concurrent.ConcurrentHashMap<String, String>().forEach(1L, (k, v) -> { });
                    }

                    @Override
                    @SuppressWarnings({"deprecation", "removal"})
                    protected void finalize() {
                        System.out.println("finalizer");
                    }
                }
                """);
        blocked("other-threads", runner().grade("threads", attack), "no-threads", "overrides finalize()",
                "java.lang.ref.Cleaner", "ConcurrentHashMap.forEach(long");
    }

    /** Fills the heap for good: each test runs out of memory, and the run still ends with a complete report. */
    @Test
    void exhaustTheHeapForGood() throws IOException {
        Submission attack = inLinear(Submission.solutions(), "Evil.hog();").withNn("Evil", evil("""
                    private static final java.util.List<long[]> HOG = new java.util.ArrayList<>();

                    static void hog() {
                        HOG.add(new long[16 * 1024 * 1024]);
                    }"""));
        AttackRunner.Graded graded = runner().grade("hog", attack);
        Attacks.log("heap-exhausted", graded, "");
        assertThat(graded.max()).isEqualTo(100.0);
        assertThat(graded.earned()).isLessThan(100.0);
        assertThat(graded.wall()).isLessThan(Duration.ofSeconds(150));
        assertThat(graded.messages()).contains("ran out of memory");
        assertThat(graded.result().tampering()).isEmpty();
    }
}

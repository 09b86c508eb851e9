package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.BuiltGrader;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ProviderRequest;
import org.paramlab.grader.protocol.ReportFiles;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.protocol.TestOutcome;
import org.paramlab.grader.protocol.TestStatus;
import org.paramlab.grader.purity.StudentClasses;
import org.paramlab.grader.reference.CudaStatus;

/**
 * What the supervisor does when a test JVM dies, hangs where JUnit's timeout cannot reach, or leaves a
 * runaway thread behind: graded test classes written for the purpose (trusted code, so no rule stops
 * them) are compiled here and graded by the real supervisor, over the solutions.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class SupervisorTest {

    @TempDir
    Path temp;

    /** A compiled class to delete before grading, so that the classes that name it cannot be loaded. */
    private String compileOnly;

    private static final String HEADER = """
            package org.paramlab.grading.fixture;

            import org.junit.jupiter.api.Test;
            import org.paramlab.grader.protocol.Exercise;
            import org.paramlab.grader.Graded;

            """;

    private Supervisor.Result grade(Map<String, String> testSources, Duration budget) throws IOException {
        return new Supervisor(request(testSources, budget), quiet(), temp).grade();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private GradingRequest request(Map<String, String> testSources, Duration budget) throws IOException {
        Path tests = temp.resolve("test-classes");
        Path sources = temp.resolve("test-sources");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : testSources.entrySet()) {
            Path file = sources.resolve(source.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, HEADER + source.getValue());
            files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", tests.toString(), "-cp", String.join(File.pathSeparator,
                classpath().stream().map(Path::toString).toList())));
        args.addAll(files);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        if (compileOnly != null) {
            Files.delete(tests.resolve(compileOnly));
        }
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path solutions = repository.resolve("solutions");
        GradingRequest request = new GradingRequest("fixtures",
                new StudentClasses.Location(Supervisor.STUDENT_PACKAGE, solutions.resolve("src/main/java"),
                        solutions.resolve("src/main/resources"), solutions.resolve("target/classes")),
                // the test JVM's classpath as mvn test gives it: the solutions stand in for the student's classes
                tests, BuiltGrader.testJvmClasspath(),
                repository.resolve("reference-models/models"), temp.resolve("report"), temp.resolve("work"),
                new RunSettings(1L, Provider.CPU, ExerciseSelection.all(), List.of()), budget, Duration.ofSeconds(2),
                false, null, Map.of());
        return request;
    }

    @Test
    void aSpareTestJvmStartedAheadGradesTheNextRunAndOneThatDoesNotFitIsEnded() throws IOException {
        GradingRequest request = request(Map.of("org/paramlab/grading/fixture/PassesTest", "class PassesTest {\n"
                + graded("a", "") + graded("b", "") + "}\n"), Duration.ofSeconds(60));
        Supervisor first = new Supervisor(request, quiet(), temp);
        first.grade();
        Supervisor.Spare spare = first.startSpare();
        Supervisor.Result second = new Supervisor(request, quiet(), temp).withSpare(spare).grade();
        assertThat(byMethod(second).get("b").status()).isEqualTo(TestStatus.PASSED);
        assertThat(second.testJvms()).containsExactly("1: exit 0, ended normally");
        assertThat(spare.exitStatus(Duration.ofSeconds(10))).as("the spare ran the run and ended by itself").hasValue(0);

        Supervisor.Spare unfit = new Supervisor(request, quiet(), temp).startSpare();
        Supervisor.Result third = new Supervisor(request.withTestJvm(List.of(), 200), quiet(), temp).withSpare(unfit)
                .grade();
        assertThat(byMethod(third).get("a").status()).isEqualTo(TestStatus.PASSED);
        assertThat(unfit.exitStatus(Duration.ofSeconds(10))).as("a spare started with another heap is ended, not used")
                .isPresent().isNotEqualTo(java.util.OptionalInt.of(0));
    }

    private static List<Path> classpath() {
        return Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static Map<String, TestOutcome> byMethod(Supervisor.Result result) {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        for (TestOutcome outcome : result.run().outcomes()) {
            outcomes.put(outcome.test().methodName(), outcome);
        }
        return outcomes;
    }

    private static String graded(String method, String body) {
        return "    @Test\n    @Graded(exercise = Exercise.E1_1, points = 1)\n    void " + method + "() {\n        "
                + body + "\n    }\n\n";
    }

    @Test
    void aTestJvmThatDiesCostsOnlyTheTestThatKilledIt() throws IOException {
        Supervisor.Result result = grade(Map.of("org/paramlab/grading/fixture/DiesTest", "class DiesTest {\n"
                + graded("a", "") + graded("dies", "Runtime.getRuntime().halt(3);") + graded("z", "") + "}\n"),
                Duration.ofSeconds(60));
        Map<String, TestOutcome> outcomes = byMethod(result);
        assertThat(outcomes.get("dies").status()).isEqualTo(TestStatus.CRASHED);
        assertThat(outcomes.get("dies").message()).startsWith("the test JVM stopped during this test");
        assertThat(outcomes.get("a").status()).isEqualTo(TestStatus.PASSED);
        assertThat(outcomes.get("z").status()).isEqualTo(TestStatus.PASSED);
        assertThat(result.tampering()).isEmpty();
    }

    @Test
    void aClassWhoseSetupNeverEndsCostsOnlyItsTests() throws IOException {
        Supervisor.Result result = grade(Map.of(
                "org/paramlab/grading/fixture/HangsTest", "class HangsTest {\n    static {\n"
                        + "        while (Boolean.TRUE) {\n            Thread.onSpinWait();\n        }\n    }\n\n"
                        + graded("h1", "") + graded("h2", "") + "}\n",
                "org/paramlab/grading/fixture/FineTest", "class FineTest {\n" + graded("fine", "") + "}\n"),
                Duration.ofSeconds(60));
        Map<String, TestOutcome> outcomes = byMethod(result);
        assertThat(outcomes.get("h1").status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(outcomes.get("h2").message()).startsWith("the setup of HangsTest did not finish within 7 s");
        assertThat(outcomes.get("fine").status()).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void aLoopThatIgnoresInterruptsIsLeftBehindInAnOldJvm() throws IOException {
        Supervisor.Result result = grade(Map.of("org/paramlab/grading/fixture/LoopsTest", "class LoopsTest {\n"
                + graded("a", "") + graded("loops", "while (Boolean.TRUE) { Thread.interrupted(); }")
                + graded("b", "") + graded("c", "") + "}\n"), Duration.ofSeconds(60));
        Map<String, TestOutcome> outcomes = byMethod(result);
        assertThat(outcomes.get("loops").status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(outcomes.values()).filteredOn(o -> !o.test().methodName().equals("loops"))
                .allMatch(o -> o.status() == TestStatus.PASSED);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void aGradedTestClassJUnitCannotLoadStillCountsItsTests() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("org/paramlab/grading/fixture/Gone", "class Gone {\n}\n");
        sources.put("org/paramlab/grading/fixture/UnloadableTest", "class UnloadableTest {\n"
                + graded("u1", "") + graded("u2", "") + "    static void use(Gone gone) {\n    }\n}\n");
        sources.put("org/paramlab/grading/fixture/FineTest", "class FineTest {\n" + graded("fine", "") + "}\n");
        compileOnly = "org/paramlab/grading/fixture/Gone.class";
        Supervisor.Result result = grade(sources, Duration.ofSeconds(60));
        Map<String, TestOutcome> outcomes = byMethod(result);
        assertThat(outcomes.get("fine").status()).isEqualTo(TestStatus.PASSED);
        assertThat(outcomes.get("u1").status()).isEqualTo(TestStatus.FAILED);
        assertThat(outcomes.get("u2").message()).startsWith("this graded test could not be loaded, so it scores 0");
        assertThat(result.book().max()).isEqualTo(3.0);
    }

    @Test
    void theWholeRunsLimitStopsEverythingAndTheReportIsComplete() throws IOException {
        StringBuilder tests = new StringBuilder("class SlowTest {\n");
        for (int i = 0; i < 10; i++) {
            tests.append(graded("slow" + i, "long end = System.nanoTime() + 1_500_000_000L;"
                    + " while (System.nanoTime() < end) { Thread.onSpinWait(); }"));
        }
        long start = System.nanoTime();
        Supervisor.Result result = grade(Map.of("org/paramlab/grading/fixture/SlowTest", tests + "}\n"),
                Duration.ofSeconds(8));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.run().outcomes()).filteredOn(o -> o.test().exercise().equals("1.1")).hasSize(10)
                .anyMatch(o -> o.status() == TestStatus.PASSED)
                .anyMatch(o -> o.status() == TestStatus.NOT_RUN
                        && o.message().startsWith("not run: grading stopped after"));
    }

    private static final String CPU_JAR = "Error code - ORT_EP_FAIL - message: Failed to find CUDA shared provider";

    @Test
    void cudaThatCannotRunGradesNothingAndEveryReportSaysWhyInOneMessage() throws IOException {
        GradingRequest request = request(Map.of("org/paramlab/grading/fixture/PassesTest", "class PassesTest {\n"
                + graded("a", "") + "}\n"), Duration.ofSeconds(60))
                .withSettings(new RunSettings(1L, Provider.CUDA, ExerciseSelection.all(), List.of()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Result result = new Supervisor(request, new PrintStream(console, true, StandardCharsets.UTF_8), temp)
                .withCudaProbe(() -> CudaStatus.classify(false, CPU_JAR, false)).grade();

        assertThat(result.testJvms()).as("no test JVM starts").isEmpty();
        assertThat(result.run().outcomes()).as("nothing is graded, not even the rules").isEmpty();
        assertThat(result.book().testCount()).isZero();
        assertThat(result.run().plan().errors()).hasSize(1);
        String error = result.run().plan().errors().get(0);
        assertThat(error).startsWith("Not graded: CUDA was asked for (-Dparamlab.provider=cuda) but cannot run on"
                + " this machine, so no test ran.\nMissing: the GPU build of ONNX Runtime.");
        assertThat(result.run().plan().provider()).startsWith("cuda (unavailable: ");
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("ParamLab: no graded test ran, so there is no score.")
                .contains("ERROR: Not graded: CUDA was asked for").contains("onnxruntime_gpu")
                .contains("ONNX Runtime said: " + CPU_JAR).doesNotContain("passed").doesNotContain("TOTAL");
        Path report = temp.resolve("report");
        var results = ReportFiles.mapper().readTree(report.resolve(ReportFiles.RESULTS).toFile());
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("tests")).isEmpty();
        assertThat(results.get("extra_data").get("errors").get(0).asText()).isEqualTo(error);
        assertThat(results.get("extra_data").get("provider").asText()).startsWith("cuda (unavailable: ");
        assertThat(Files.readString(report.resolve(ReportFiles.SUMMARY))).contains("no graded test ran")
                .contains("Not graded: CUDA was asked for").contains("Provider: `cuda (unavailable: ");
        assertThat(Files.readString(report.resolve(ReportFiles.HTML))).contains("Not graded: CUDA was asked for");
        assertThat(Files.readString(report.resolve(ReportFiles.PLAN))).contains("\"provider\" : \"cuda (unavailable: ");
    }

    @Test
    void autoWithoutCudaGradesOnTheCpuAndEveryReportSaysSo() throws IOException {
        GradingRequest request = request(Map.of("org/paramlab/grading/fixture/PassesTest", "class PassesTest {\n"
                + graded("a", "") + "}\n"), Duration.ofSeconds(60))
                .withSettings(new RunSettings(1L, null, ExerciseSelection.all(), List.of(), ProviderRequest.AUTO));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Supervisor.Result result = new Supervisor(request, new PrintStream(console, true, StandardCharsets.UTF_8), temp)
                .withCudaProbe(() -> CudaStatus.classify(false, CPU_JAR, false)).grade();

        assertThat(byMethod(result).get("a").status()).isEqualTo(TestStatus.PASSED);
        String provider = "auto -> cpu (CUDA unavailable: the ONNX Runtime on the classpath is the CPU-only build;"
                + " -Pcuda swaps in onnxruntime_gpu)";
        assertThat(result.run().plan().provider()).isEqualTo(provider);
        assertThat(result.run().plan().tolerance()).isEqualTo(Provider.CPU.tolerance().describe());
        assertThat(result.run().plan().errors()).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("Inputs drawn with seed 1 on provider " + provider + " tolerance: "
                        + Provider.CPU.tolerance().describe() + " reproduce with: ./mvnw test -Dparamlab.seed=1");
        Path report = temp.resolve("report");
        var extra = ReportFiles.mapper().readTree(report.resolve(ReportFiles.RESULTS).toFile()).get("extra_data");
        assertThat(extra.get("provider").asText()).isEqualTo(provider);
        assertThat(extra.get("tolerance").asText()).isEqualTo(Provider.CPU.tolerance().describe());
        assertThat(Files.readString(report.resolve(ReportFiles.SUMMARY))).contains("on provider `" + provider + "`");
        assertThat(Files.readString(report.resolve(ReportFiles.HTML))).contains("<code id=\"provider\">auto -&gt; cpu");
        assertThat(Files.readString(report.resolve(ReportFiles.PLAN))).contains("\"provider\" : \"auto -> cpu");
    }

    @Test
    void cpuNeverProbes() throws IOException {
        GradingRequest request = request(Map.of("org/paramlab/grading/fixture/PassesTest", "class PassesTest {\n"
                + graded("a", "") + "}\n"), Duration.ofSeconds(60));
        Supervisor.Result result = new Supervisor(request, quiet(), temp).withCudaProbe(() -> {
            throw new AssertionError("cpu must not probe CUDA");
        }).grade();
        assertThat(byMethod(result).get("a").status()).isEqualTo(TestStatus.PASSED);
        assertThat(result.run().plan().provider()).isEqualTo("cpu");
    }

    @Test
    void anUnknownProviderNameGradesNothingWithOneMessage() throws IOException {
        RunSettings bad = RunSettings.requested(Map.of("paramlab.seed", "1", "paramlab.provider", "gpu")::get);
        GradingRequest request = request(Map.of("org/paramlab/grading/fixture/PassesTest", "class PassesTest {\n"
                + graded("a", "") + "}\n"), Duration.ofSeconds(60)).withSettings(bad);
        Supervisor.Result result = new Supervisor(request, quiet(), temp).withCudaProbe(() -> {
            throw new AssertionError("an invalid name must not probe CUDA");
        }).grade();
        assertThat(result.testJvms()).isEmpty();
        assertThat(result.run().outcomes()).as("no 0/0 table of the rules either").isEmpty();
        assertThat(result.run().plan().errors()).containsExactly("-Dparamlab.provider=gpu is not a provider the"
                + " grader knows; valid values are cpu (the default), cuda and auto (CUDA when it can run here, else"
                + " the CPU), case-insensitive");
    }
}

package org.paramlab.grader.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paramlab.grader.reference.CudaStatus;

/**
 * The real probe, in its own JVM with this build's (long) classpath: it answers, whatever this machine has.
 * Without a GPU (CI) it finds CUDA unusable and says why; on a GPU machine with {@code -Pcuda} it finds it usable.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class CudaProbeProcessTest {

    @TempDir
    Path temp;

    @Test
    void theProbeJvmAnswersWithWhatIsMissing() {
        List<Path> classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
        Path model = Path.of("").toAbsolutePath().getParent().resolve("reference-models/models/net.onnx");
        long start = System.nanoTime();
        CudaStatus status = CudaProbeProcess.probe(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(),
                classpath, SandboxEnvironment.of(System.getenv(), temp.toString()), model, temp, Duration.ofSeconds(60));
        System.out.printf("CUDA probe: %s in %.2f s%n", status, (System.nanoTime() - start) / 1e9);
        assertThat(status.detail()).as("the probe printed its answer (it did not crash)")
                .doesNotStartWith("the CUDA probe ended with status");
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThat(status.missing()).isEqualTo(CudaStatus.Missing.GPU_ARTIFACT);
        }
        assertThat(CudaProbeProcess.probe(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(),
                classpath, SandboxEnvironment.of(System.getenv(), temp.toString()), model, temp, Duration.ofSeconds(60)))
                .as("asked again in this JVM: the same answer").isEqualTo(status);
    }

    @Test
    void aProbeThatCannotStartIsAnAnswerToo() {
        CudaStatus status = CudaProbeProcess.probe(temp.resolve("no-java"), List.of(), List.of(), Map.of(),
                temp.resolve("none.onnx"), temp, Duration.ofSeconds(5));
        assertThat(status.missing()).isEqualTo(CudaStatus.Missing.OTHER);
        assertThat(status.detail()).startsWith("the CUDA probe could not be started");
    }
}

package org.paramlab.grader.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.ExerciseSelection;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.ProviderRequest;
import org.paramlab.grader.protocol.RunSettings;
import org.paramlab.grader.protocol.Tolerance;

/**
 * The choice of the run's provider and its messages, with the probe's answer injected: every case is seen
 * here, GPU or not. ONNX Runtime's error texts below are the ones its loader and CUDA provider give.
 */
class ProviderDecisionTest {

    /** ORT 1.2x's loader error for onnxruntime_gpu without the CUDA 12 libraries (the text of its dlopen message). */
    static final String NO_CUBLAS = "Error code - ORT_EP_FAIL - message: Error loading"
            + " \"/tmp/onnxruntime-java/libonnxruntime_providers_cuda.so\" which depends on \"libcublasLt.so.12\""
            + " which is missing. (Error 2: \"libcublasLt.so.12: cannot open shared object file: No such file or directory\")";
    static final String NO_CUDNN = "Error code - ORT_RUNTIME_EXCEPTION - message: libcudnn.so.9: cannot open shared"
            + " object file: No such file or directory";
    static final String NO_DEVICE = "Error code - ORT_RUNTIME_EXCEPTION - message: CUDA failure 100: no CUDA-capable"
            + " device is detected ; GPU=0 ; hostname=ci ; expr=cudaSetDevice(info_.device_id);";
    static final String OLD_DRIVER = "CUDA failure 35: CUDA driver version is insufficient for CUDA runtime version";
    static final String CPU_JAR = "Error code - ORT_EP_FAIL - message: Failed to find CUDA shared provider";

    private static Supplier<CudaStatus> never() {
        return () -> {
            throw new AssertionError("cpu must not probe CUDA");
        };
    }

    private static Supplier<CudaStatus> answer(CudaStatus status, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return status;
        };
    }

    @Test
    void cpuIsTheDefaultAndNeverProbes() {
        ProviderDecision d = ProviderDecision.decide(ProviderRequest.parse(null), never());
        assertThat(d.provider()).isEqualTo(Provider.CPU);
        assertThat(d.canGrade()).isTrue();
        assertThat(d.description()).isEqualTo("cpu");
        assertThat(d.tolerance()).isEqualTo("|actual - expected| <= 1e-05 + 1e-05 * |expected| (CPU float32)");
        assertThat(d.error()).isNull();
        assertThat(ProviderDecision.decide(ProviderRequest.parse(" CPU "), never()).provider()).isEqualTo(Provider.CPU);
    }

    @Test
    void cudaThatCanRunIsUsedWithItsTolerance_probedOnce() {
        AtomicInteger calls = new AtomicInteger();
        ProviderDecision d = ProviderDecision.decide(ProviderRequest.CUDA, answer(CudaStatus.USABLE, calls));
        assertThat(calls).hasValue(1);
        assertThat(d.provider()).isEqualTo(Provider.CUDA);
        assertThat(d.description()).isEqualTo("cuda");
        assertThat(d.tolerance()).isEqualTo(Provider.CUDA.tolerance().describe()).contains("TF32 off");
        assertThat(d.error()).isNull();
    }

    @Test
    void cudaWithTheCpuJarNamesTheGpuArtifactAndItsProfile() {
        ProviderDecision d = ProviderDecision.decide(ProviderRequest.CUDA,
                () -> CudaStatus.classify(false, CPU_JAR, false));
        assertThat(d.canGrade()).isFalse();
        assertThat(d.provider()).isNull();
        assertThat(d.tolerance()).isNull();
        assertThat(d.description()).startsWith("cuda (unavailable: ").contains("CPU-only build").contains("-Pcuda");
        assertThat(d.error())
                .startsWith("Not graded: CUDA was asked for (-Dparamlab.provider=cuda) but cannot run on this machine,"
                        + " so no test ran.\nMissing: the GPU build of ONNX Runtime.")
                .contains("com.microsoft.onnxruntime:onnxruntime, which runs on the CPU only")
                .contains("com.microsoft.onnxruntime:onnxruntime_gpu (the same version, from pom.xml)")
                .contains("./mvnw -Pcuda test -Dparamlab.provider=cuda")
                .contains("\nONNX Runtime said: " + CPU_JAR + "\n")
                .endsWith("-Dparamlab.provider=auto uses CUDA where it can run and the CPU otherwise, and without"
                        + " -Dparamlab.provider the grader runs on the CPU.");
    }

    @Test
    void cudaWithoutTheCuda12LibrariesNamesTheOneTheLoaderMissedAndAllItNeeds() {
        ProviderDecision d = ProviderDecision.decide(ProviderRequest.CUDA,
                () -> CudaStatus.classify(true, NO_CUBLAS, true));
        assertThat(d.cuda().missing()).isEqualTo(CudaStatus.Missing.CUDA_LIBRARIES);
        assertThat(d.error()).contains("Missing: the CUDA 12 and cuDNN 9 libraries that ONNX Runtime's GPU package"
                        + " (onnxruntime_gpu) loads, here libcublasLt.so.12.")
                .contains("libcudart.so.12").contains("libcublas.so.12").contains("libcudnn.so.9")
                .contains("LD_LIBRARY_PATH").contains("ONNX Runtime said: " + NO_CUBLAS);
        assertThat(d.description()).isEqualTo("cuda (unavailable: libcublasLt.so.12 cannot be loaded (onnxruntime_gpu"
                + " needs CUDA 12 and cuDNN 9))");

        // ORT 1.29.0's own words, seen with onnxruntime_gpu on a machine without CUDA (and without a GPU)
        String seen = "Error code - ORT_FAIL - message: /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988"
                + " onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed"
                + " to load library /cache/onnxruntime_gpu-1.29.0-642295340-linux-x64/libonnxruntime_providers_cuda.so"
                + " with error: libcublasLt.so.12: cannot open shared object file: No such file or directory";
        CudaStatus here = CudaStatus.classify(true, seen, false);
        assertThat(here.missing()).isEqualTo(CudaStatus.Missing.CUDA_LIBRARIES);
        assertThat(here.shortReason()).startsWith("libcublasLt.so.12 cannot be loaded");
        assertThat(here.missingText()).contains("here libcublasLt.so.12")
                .endsWith("No NVIDIA driver was found either (no /proc/driver/nvidia/version): CUDA also needs an"
                        + " NVIDIA GPU and its driver.");
        assertThat(d.error()).doesNotContain("No NVIDIA driver");

        CudaStatus cudnn = CudaStatus.classify(true, NO_CUDNN, true);
        assertThat(cudnn.missing()).isEqualTo(CudaStatus.Missing.CUDA_LIBRARIES);
        assertThat(cudnn.missingText()).contains("here libcudnn.so.9");
    }

    @Test
    void cudaWithoutAGpuOrDriverSaysSo() {
        for (String error : new String[] {NO_DEVICE, OLD_DRIVER,
                "Error loading \"libonnxruntime_providers_cuda.so\" which depends on \"libcuda.so.1\" which is missing."}) {
            CudaStatus status = CudaStatus.classify(true, error, false);
            assertThat(status.missing()).as(error).isEqualTo(CudaStatus.Missing.DEVICE);
            ProviderDecision d = ProviderDecision.decide(ProviderRequest.CUDA, () -> status);
            assertThat(d.error()).contains("Missing: an NVIDIA GPU and its driver.").contains(error);
        }
        assertThat(CudaStatus.classify(true, NO_DEVICE, false).shortReason()).isEqualTo("no NVIDIA GPU or driver found");
        assertThat(CudaStatus.classify(true, "which depends on \"libcuda.so.1\" which is missing", true).shortReason())
                .isEqualTo("no NVIDIA driver (libcuda.so.1 is missing)");
        // an error the classifier does not know: a missing driver is the likely cause, else ORT's words
        assertThat(CudaStatus.classify(true, "something odd", false).missing()).isEqualTo(CudaStatus.Missing.DEVICE);
        CudaStatus odd = CudaStatus.classify(true, "something odd", true);
        assertThat(odd.missing()).isEqualTo(CudaStatus.Missing.OTHER);
        assertThat(ProviderDecision.decide(ProviderRequest.CUDA, () -> odd).error())
                .contains("ONNX Runtime could not start its CUDA provider.\nONNX Runtime said: something odd");
    }

    @Test
    void autoUsesCudaWhereItCanRun_elseTheCpuAndSaysWhy() {
        AtomicInteger calls = new AtomicInteger();
        ProviderDecision gpu = ProviderDecision.decide(ProviderRequest.AUTO, answer(CudaStatus.USABLE, calls));
        assertThat(gpu.provider()).isEqualTo(Provider.CUDA);
        assertThat(gpu.description()).isEqualTo("auto -> cuda");
        assertThat(gpu.tolerance()).isEqualTo(Tolerance.CUDA_FLOAT32.describe());

        ProviderDecision cpu = ProviderDecision.decide(ProviderRequest.AUTO,
                answer(CudaStatus.classify(false, CPU_JAR, false), calls));
        assertThat(calls).hasValue(2);
        assertThat(cpu.canGrade()).isTrue();
        assertThat(cpu.error()).isNull();
        assertThat(cpu.provider()).isEqualTo(Provider.CPU);
        assertThat(cpu.tolerance()).isEqualTo(Tolerance.CPU_FLOAT32.describe());
        assertThat(cpu.description()).isEqualTo("auto -> cpu (CUDA unavailable: the ONNX Runtime on the classpath is"
                + " the CPU-only build; -Pcuda swaps in onnxruntime_gpu)");
        assertThat(ProviderDecision.decide(ProviderRequest.AUTO, () -> CudaStatus.classify(true, NO_CUBLAS, true))
                .description()).isEqualTo("auto -> cpu (CUDA unavailable: libcublasLt.so.12 cannot be loaded"
                        + " (onnxruntime_gpu needs CUDA 12 and cuDNN 9))");
    }

    @Test
    void anUnknownNameIsOneClearErrorListingTheValidOnes() {
        assertThatThrownBy(() -> ProviderRequest.parse("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dparamlab.provider=gpu is not a provider the grader knows; valid values are cpu (the"
                        + " default), cuda and auto (CUDA when it can run here, else the CPU), case-insensitive");
        RunSettings bad = RunSettings.requested(Map.of("paramlab.seed", "1", "paramlab.provider", "tpu")::get);
        assertThat(bad.errors()).containsExactly(
                "-Dparamlab.provider=tpu is not a provider the grader knows; valid values are cpu (the default), cuda"
                        + " and auto (CUDA when it can run here, else the CPU), case-insensitive");
        assertThat(bad.providerRequest()).isNull();
    }

    @Test
    void autoIsARequestTheSupervisorDecides() {
        RunSettings auto = RunSettings.requested(Map.of("paramlab.seed", "1", "paramlab.provider", " Auto ")::get);
        assertThat(auto.errors()).isEmpty();
        assertThat(auto.providerRequest()).isEqualTo(ProviderRequest.AUTO);
        assertThat(auto.provider()).isNull();
        assertThatThrownBy(auto::requireProvider).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decided by the grader's supervisor");
        assertThat(auto.withProvider(Provider.CPU).requireProvider()).isEqualTo(Provider.CPU);
        assertThat(new RunSettings(1L, Provider.CUDA, ExerciseSelection.all(), java.util.List.of()).providerRequest())
                .isEqualTo(ProviderRequest.CUDA);
    }

    @Test
    void theProbesLineCarriesItsAnswer() {
        CudaStatus status = CudaStatus.classify(true, NO_CUBLAS + "\nsecond line", true);
        String line = CudaProbe.line(status);
        assertThat(line).startsWith("paramlab-cuda-probe\tCUDA_LIBRARIES\tdriver\t").doesNotContain("\n");
        assertThat(CudaProbe.parse(CudaProbe.line(CudaStatus.classify(true, NO_CUBLAS, false))).driver()).isFalse();
        CudaStatus back = CudaProbe.parse("some JVM warning\n" + line + "\n");
        assertThat(back.missing()).isEqualTo(CudaStatus.Missing.CUDA_LIBRARIES);
        assertThat(back.detail()).isEqualTo(NO_CUBLAS + " second line");
        assertThat(CudaProbe.parse(CudaProbe.line(CudaStatus.USABLE)).usable()).isTrue();
        assertThat(CudaProbe.parse("Segmentation fault")).isNull();
        assertThat(CudaProbe.parse("paramlab-cuda-probe\tBOGUS\tdriver\tx")).isNull();
    }
}

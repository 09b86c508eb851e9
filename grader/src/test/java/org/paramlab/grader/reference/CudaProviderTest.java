package org.paramlab.grader.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

/**
 * The CUDA path: where CUDA cannot run (the CPU jar, or no GPU) asking for it must fail clearly;
 * where it can, the GPU must give PyTorch's answers. Whichever half cannot be seen on this machine
 * is reported as skipped, not passed.
 */
class CudaProviderTest {

    /** Why CUDA cannot run here, or empty if it can. */
    private static Optional<ProviderUnavailableException> cudaFailure() {
        try {
            References.load("net.onnx", Provider.CUDA);
            return Optional.empty();
        } catch (ProviderUnavailableException e) {
            return Optional.of(e);
        }
    }

    @Test
    void askingForCudaWhereItCannotRunFailsClearly_neverFallingBack() {
        Optional<ProviderUnavailableException> failure = cudaFailure();
        assumeTrue(failure.isPresent(), "CUDA runs on this machine, so its failure message cannot be seen here");
        assertThat(failure.get().getMessage())
                .startsWith("CUDA was asked for (-Dparamlab.provider=cuda) but cannot run here.\nWhy: ")
                .contains("Fix: build with -Pcuda to get the GPU build of ONNX Runtime")
                .contains("CUDA 12 and cuDNN 9")
                .endsWith("or drop -Dparamlab.provider=cuda to grade on the CPU.");
        assertThat(failure.get().getCause()).isNotNull();
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThat(failure.get().getMessage()).contains("the ONNX Runtime on the classpath is the CPU-only build");
        }
        // failing is not cached: asking again gives the same answer, not a broken model
        assertThatThrownBy(() -> References.load("net.onnx", Provider.CUDA))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void onARealGpuCudaGivesPyTorchsAnswers() {
        Optional<ProviderUnavailableException> failure = cudaFailure();
        assumeFalse(failure.isPresent(), () -> "no usable CUDA here: " + failure.get().getMessage().lines()
                .filter(l -> l.startsWith("Why: ")).findFirst().orElse(""));
        for (String file : new String[] {"net.onnx", "rgnet.onnx"}) {
            ReferenceModel gpu = References.load(file, Provider.CUDA);
            Tensor y = gpu.run(gpu.data("X"));
            Tolerance t = Provider.CUDA.tolerance();
            System.out.println(file + " on CUDA: largest |ORT - data.Y| = "
                    + ReferenceModelTest.maxAbsDiff(y, gpu.data("Y")));
            assertThat(y.allclose(gpu.data("Y"), t.rtol(), t.atol())).isTrue();
        }
    }
}

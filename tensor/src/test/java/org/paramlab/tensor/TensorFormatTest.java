package org.paramlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link TensorFormat} against {@code repr(t)} and {@code str(t.shape)} as PyTorch 1.13 printed
 * them ({@code repr.*} in {@code tensor_tests.onnx}), character for character.
 */
class TensorFormatTest {

    private static final PyTorchVectors VECTORS = PyTorchVectors.get();

    @TestFactory
    Stream<DynamicTest> reprMatchesPyTorch() {
        return VECTORS.names("repr.").stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String key = "repr." + name;
            String suffixText = VECTORS.meta(key + ".suffixes");
            List<String> suffixes = suffixText.isEmpty() ? List.of() : Arrays.asList(suffixText.split("\n"));
            String actual = TensorFormat.repr(VECTORS.floats(key), VECTORS.shape(key),
                    DType.valueOf(VECTORS.meta(key + ".dtype")), suffixes);
            assertThat(actual).as("repr of %s, shape %s", name, Arrays.toString(VECTORS.shape(key)))
                    .isEqualTo(VECTORS.meta(key));
        }));
    }

    @TestFactory
    Stream<DynamicTest> sizeMatchesPyTorch() {
        return VECTORS.names("repr.").stream().map(name -> DynamicTest.dynamicTest(name, () ->
                assertThat(TensorFormat.size(VECTORS.shape("repr." + name)))
                        .isEqualTo(VECTORS.meta("repr." + name + ".size"))));
    }

    @Test
    void coversTheCasesTheNotebookPrints() {
        assertThat(VECTORS.names("repr.")).contains("notebook_weight_8x4", "notebook_bias_8", "normal_001_8x4",
                "ones_8x4", "fortytwo_2", "scalar_zero", "scalar_small", "mask_2x3", "big_40x40", "negzero_pair",
                "nan_inf_fraction", "empty_1d", "grad_fn_wraps");
        assertThat(VECTORS.names("repr.").size()).isGreaterThan(90);
    }

    @Test
    void examplesFromTheNotebook() {
        assertThat(TensorFormat.repr(new float[] {42f, 42f}, new int[] {2}, DType.FLOAT32, List.of()))
                .isEqualTo("tensor([42., 42.])");
        assertThat(TensorFormat.repr(new float[] {0f}, new int[0], DType.FLOAT32, List.of()))
                .isEqualTo("tensor(0.)");
        assertThat(TensorFormat.repr(new float[] {-0.0063f}, new int[0], DType.FLOAT32, List.of()))
                .isEqualTo("tensor(-0.0063)");
        assertThat(TensorFormat.repr(new float[] {1f, 0f}, new int[] {2}, DType.BOOL, List.of()))
                .isEqualTo("tensor([ True, False])");
        assertThat(TensorFormat.size(new int[] {8, 4})).isEqualTo("torch.Size([8, 4])");
        assertThat(TensorFormat.size(new int[0])).isEqualTo("torch.Size([])");
    }

    @Test
    void severalSuffixesWrapOneByOne() {
        String repr = TensorFormat.repr(new float[] {0.5f, -0.25f}, new int[] {2}, DType.FLOAT32,
                List.of("requires_grad=True", "x".repeat(20), "y".repeat(70)));
        assertThat(repr).isEqualTo("tensor([ 0.5000, -0.2500], requires_grad=True, " + "x".repeat(20) + ",\n"
                + " ".repeat(7) + "y".repeat(70) + ")");
    }

    @Test
    void emptyTensorsPrintTheirShapeAndDtype() {
        assertThat(TensorFormat.repr(new float[0], new int[] {0}, DType.FLOAT32, List.of()))
                .isEqualTo("tensor([])");
        assertThat(TensorFormat.repr(new float[0], new int[] {2, 0}, DType.BOOL, List.of("requires_grad=True")))
                .isEqualTo("tensor([], size=(2, 0), dtype=torch.bool, requires_grad=True)");
    }

    @Test
    void rejectsValuesThatDoNotMatchTheShape() {
        assertThatThrownBy(() -> TensorFormat.repr(new float[31], new int[] {8, 4}, DType.FLOAT32, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 32 values for shape [8, 4]")
                .hasMessageContaining("but got 31");
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatThrownBy(() -> TensorFormat.size(new int[] {3, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected sizes >= 0")
                .hasMessageContaining("-1 at dimension 1");
    }

    @Test
    void rejectsBoolValuesOtherThanZeroAndOne() {
        assertThatThrownBy(() -> TensorFormat.repr(new float[] {1f, 0.5f}, new int[] {2}, DType.BOOL, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 (False) or 1 (True)")
                .hasMessageContaining("values[1] was 0.5");
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> TensorFormat.repr(new float[1], new int[0], DType.FLOAT32, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("suffixes");
        assertThatThrownBy(() -> TensorFormat.repr(new float[1], null, DType.FLOAT32, List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("shape");
    }
}

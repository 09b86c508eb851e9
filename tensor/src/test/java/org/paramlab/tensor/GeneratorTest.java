package org.paramlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Generator} against the streams PyTorch 1.13 drew for the same seeds
 * ({@code gen.case.*} in {@code tensor_tests.onnx}): uniforms bit for bit, normals within
 * {@link #NORMAL_ATOL} + {@link #NORMAL_RTOL} * |expected|.
 */
class GeneratorTest {

    /** PyTorch's {@code default_rng_seed_val}, the seed of a fresh {@code torch.Generator()}. */
    private static final long TORCH_DEFAULT_SEED = 67280421310721L;

    /**
     * Normals: this class matches PyTorch's AVX2 kernels bit for bit, but the small-tensor path
     * goes through the platform's double {@code log}/{@code sin}/{@code cos}, which may differ in
     * the last bit from glibc's; a rare flip of the float rounding stays far below this.
     */
    private static final double NORMAL_ATOL = 1e-6;
    private static final double NORMAL_RTOL = 1e-6;

    private static final PyTorchVectors VECTORS = PyTorchVectors.get();

    // ------------------------------------------------------------------------------------------
    // Against PyTorch
    // ------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> matchesPyTorchThroughManualSeed() {
        return VECTORS.names("gen.case.").stream()
                .filter(name -> !spec(name).startsWith("generator"))
                .map(name -> DynamicTest.dynamicTest(name + ": " + spec(name),
                        () -> checkCase(name, null)));
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorchWithOwnGenerator() {
        return VECTORS.names("gen.case.").stream()
                .filter(name -> !reseedsMidStream(spec(name)))
                .map(name -> DynamicTest.dynamicTest(name + ": " + spec(name), () -> {
                    String first = spec(name).split("; ")[0];
                    long seed = first.equals("generator default") ? TORCH_DEFAULT_SEED
                            : Long.parseLong(first.split(" ")[1]);
                    checkCase(name, new Generator(seed));
                }));
    }

    @Test
    void freshGeneratorStartsFromPyTorchsDefaultSeed() {
        assertThat(Long.toUnsignedString(new Generator(TORCH_DEFAULT_SEED).initialSeed()))
                .isEqualTo(VECTORS.meta("gen.default_seed"));
    }

    @Test
    void largestNormalDifferenceIsReported() {
        double largest = 0;
        int compared = 0;
        for (String name : VECTORS.names("gen.case.")) {
            if (spec(name).startsWith("manual_seed")) {
                List<float[]> actual = run(spec(name), null);
                List<String[]> calls = drawingCalls(spec(name));
                for (int k = 0; k < actual.size(); k++) {
                    if (isNormal(calls.get(k)[0])) {
                        float[] expected = VECTORS.floats("gen." + name + "." + k);
                        for (int i = 0; i < expected.length; i++) {
                            largest = Math.max(largest, Math.abs((double) expected[i] - actual.get(k)[i]));
                            compared++;
                        }
                    }
                }
            }
        }
        System.out.printf("GeneratorTest: largest |Java - PyTorch| over %d normal values: %.3g%n", compared, largest);
        assertThat(compared).isGreaterThan(10_000);
        assertThat(largest).isLessThanOrEqualTo(NORMAL_ATOL);
    }

    // ------------------------------------------------------------------------------------------
    // Behaviour that needs no PyTorch
    // ------------------------------------------------------------------------------------------

    @Test
    void defaultGeneratorIsOneSharedObject() {
        assertThat(Generator.getDefault()).isSameAs(Generator.getDefault());
    }

    @Test
    void manualSeedReseedsTheDefaultGenerator() {
        Generator.manualSeed(42);
        assertThat(Generator.getDefault().initialSeed()).isEqualTo(42L);
        float[] first = new float[10];
        Generator.getDefault().fillUniform(first, 0f, 1f);
        Generator.manualSeed(42);
        float[] again = new float[10];
        Generator.getDefault().fillUniform(again, 0f, 1f);
        assertThat(again).containsExactly(first);
    }

    @Test
    void initialSeedKeepsAll64Bits() {
        assertThat(new Generator(-3L).initialSeed()).isEqualTo(-3L);
        assertThat(Long.toUnsignedString(new Generator(-1L).initialSeed())).isEqualTo("18446744073709551615");
    }

    @Test
    void onlyTheLow32BitsOfTheSeedReachTheStream() {
        float[] low = new float[5];
        float[] high = new float[5];
        new Generator(7L).fillUniform(low, 0f, 1f);
        new Generator(7L | (123L << 32)).fillUniform(high, 0f, 1f);
        assertThat(high).containsExactly(low);
    }

    @Test
    void emptyFillsDrawNothing() {
        Generator used = new Generator(3);
        used.fillUniform(new float[0], 0f, 1f);
        used.fillNormal(new float[0], 0f, 1f);
        float[] a = new float[4];
        float[] b = new float[4];
        used.fillUniform(a, 0f, 1f);
        new Generator(3).fillUniform(b, 0f, 1f);
        assertThat(a).containsExactly(b);
    }

    @Test
    void smallNormalsShareTheCachedValueAcrossCalls() {
        Generator split = new Generator(5);
        float[] first = new float[3];
        float[] second = new float[3];
        split.fillNormal(first, 0f, 1f);
        split.fillNormal(second, 0f, 1f);
        float[] whole = new float[6];
        new Generator(5).fillNormal(whole, 0f, 1f);
        float[] joined = Arrays.copyOf(first, 6);
        System.arraycopy(second, 0, joined, 3, 3);
        assertThat(joined).containsExactly(whole);
    }

    @Test
    void uniformStaysInItsRange() {
        float[] values = new float[10_000];
        new Generator(9).fillUniform(values, -0.25f, 0.75f);
        for (float v : values) {
            assertThat(v).isBetween(-0.25f, 0.75f);
        }
    }

    @Test
    void rejectsAnInvertedUniformRange() {
        assertThatThrownBy(() -> new Generator(0).fillUniform(new float[2], 1f, -1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from <= to")
                .hasMessageContaining("from=1.0")
                .hasMessageContaining("to=-1.0");
    }

    @Test
    void rejectsNonFiniteUniformBounds() {
        assertThatThrownBy(() -> new Generator(0).fillUniform(new float[2], Float.NaN, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite")
                .hasMessageContaining("from=NaN");
        assertThatThrownBy(() -> new Generator(0).fillUniform(new float[2], 0f, Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to=Infinity");
    }

    @Test
    void rejectsAUniformRangeWiderThanFloat() {
        assertThatThrownBy(() -> new Generator(0).fillUniform(new float[2], -3e38f, 3e38f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to - from <= Float.MAX_VALUE");
    }

    @Test
    void rejectsANegativeOrNanStd() {
        assertThatThrownBy(() -> new Generator(0).fillNormal(new float[2], 0f, -0.01f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std >= 0.0")
                .hasMessageContaining("std=-0.01");
        assertThatThrownBy(() -> new Generator(0).fillNormal(new float[20], 0f, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std=NaN");
    }

    @Test
    void rejectsANullArray() {
        assertThatThrownBy(() -> new Generator(0).fillUniform(null, 0f, 1f))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("out");
        assertThatThrownBy(() -> new Generator(0).fillNormal(null, 0f, 1f))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("out");
    }

    @Test
    void aRejectedCallDrawsNothing() {
        Generator used = new Generator(4);
        assertThatThrownBy(() -> used.fillUniform(new float[3], 2f, 1f)).isInstanceOf(IllegalArgumentException.class);
        float[] a = new float[3];
        float[] b = new float[3];
        used.fillUniform(a, 0f, 1f);
        new Generator(4).fillUniform(b, 0f, 1f);
        assertThat(a).containsExactly(b);
    }

    // ------------------------------------------------------------------------------------------
    // Running a case
    // ------------------------------------------------------------------------------------------

    private static String spec(String name) {
        return VECTORS.meta("gen.case." + name);
    }

    private static boolean reseedsMidStream(String spec) {
        return spec.indexOf("; manual_seed") >= 0;
    }

    private static boolean isNormal(String op) {
        return op.equals("randn") || op.equals("normal");
    }

    private static List<String[]> drawingCalls(String spec) {
        List<String[]> calls = new ArrayList<>();
        String[] parts = spec.split("; ");
        for (int i = 1; i < parts.length; i++) {
            String[] call = parts[i].split(" ");
            if (!call[0].equals("manual_seed")) {
                calls.add(call);
            }
        }
        return calls;
    }

    /**
     * Runs a call sequence; {@code generator == null} means PyTorch's global path:
     * {@link Generator#manualSeed} and {@link Generator#getDefault()}.
     */
    private static List<float[]> run(String spec, Generator generator) {
        String[] parts = spec.split("; ");
        Generator g = generator;
        if (g == null) {
            String[] head = parts[0].split(" ");
            assertThat(head[0]).isEqualTo("manual_seed");
            Generator.manualSeed(Long.parseLong(head[1]));
            g = Generator.getDefault();
        }
        List<float[]> outputs = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] call = parts[i].split(" ");
            if (call[0].equals("manual_seed")) {
                Generator.manualSeed(Long.parseLong(call[1]));
                continue;
            }
            float[] out = new float[Integer.parseInt(call[1])];
            switch (call[0]) {
                case "rand" -> g.fillUniform(out, 0f, 1f);
                case "randn" -> g.fillNormal(out, 0f, 1f);
                case "uniform" -> g.fillUniform(out, Float.parseFloat(call[2]), Float.parseFloat(call[3]));
                case "normal" -> g.fillNormal(out, Float.parseFloat(call[2]), Float.parseFloat(call[3]));
                default -> throw new IllegalArgumentException("unknown call " + parts[i]);
            }
            outputs.add(out);
        }
        return outputs;
    }

    private static void checkCase(String name, Generator generator) {
        String spec = spec(name);
        List<float[]> actual = run(spec, generator);
        List<String[]> calls = drawingCalls(spec);
        for (int k = 0; k < calls.size(); k++) {
            String label = name + " call " + k + " (" + String.join(" ", calls.get(k)) + ")";
            float[] expected = VECTORS.floats("gen." + name + "." + k);
            assertThat(actual.get(k)).as(label + " length").hasSize(expected.length);
            if (isNormal(calls.get(k)[0])) {
                assertClose(label, expected, actual.get(k));
            } else {
                assertBitwise(label, expected, actual.get(k));
            }
        }
    }

    private static void assertBitwise(String label, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(label + ": first mismatch at index " + i + " of " + expected.length + ": expected "
                        + expected[i] + " (bits 0x" + Integer.toHexString(Float.floatToIntBits(expected[i]))
                        + ") but was " + actual[i] + " (bits 0x" + Integer.toHexString(Float.floatToIntBits(actual[i]))
                        + "); uniform values must match PyTorch bit for bit");
            }
        }
    }

    private static void assertClose(String label, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            if (!(diff <= NORMAL_ATOL + NORMAL_RTOL * Math.abs(expected[i]))) {
                fail(label + ": first mismatch at index " + i + " of " + expected.length + ": expected "
                        + expected[i] + " but was " + actual[i] + " (difference " + diff + ", tolerance "
                        + NORMAL_ATOL + " + " + NORMAL_RTOL + " * |expected|)");
            }
        }
    }
}

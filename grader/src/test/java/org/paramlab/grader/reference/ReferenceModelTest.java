package org.paramlab.grader.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.tensor.Tensor;

class ReferenceModelTest {

    private static final ReferenceModel NET = References.load("net.onnx", Provider.CPU);

    // ------------------------------------------------------------------ initializers

    @Test
    void readsNetsParametersByPyTorchNameInFileOrder() {
        Map<String, Tensor> p = NET.parameters();
        assertThat(p.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(p.get("0.weight").shape().toArray()).containsExactly(8, 4);
        assertThat(p.get("0.bias").shape().toArray()).containsExactly(8);
        assertThat(p.get("2.weight").shape().toArray()).containsExactly(1, 8);
        assertThat(p.get("2.bias").shape().toArray()).containsExactly(1);
        // the same names and order as PyTorch's own named_parameters(), stored by export.py
        assertThat(List.copyOf(p.keySet())).isEqualTo(NET.metadataList("named_parameters"));
        assertThat(NET.initializerNames()).endsWith("data.X", "data.Y");
    }

    @Test
    void initializerValuesAreTheWeightsPyTorchUsed() {
        // A plain Java forward pass with the weights read from the file gives PyTorch's data.Y.
        Tensor x = NET.data("data.X");
        assertThat(maxAbsDiff(javaNet(NET, x), NET.data("data.Y"))).isLessThanOrEqualTo(1e-6);
        // PyTorch's default init keeps |w| <= 1/sqrt(in_features): 0.5 for Linear(4, 8).
        for (float w : NET.initializer("0.weight").toArray()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo(0.5f);
        }
    }

    @Test
    void ortOnDataXGivesPyTorchsDataY() {
        Tensor y = NET.run(NET.data("X"));
        Tensor expected = NET.data("Y");
        assertThat(y.shape().toArray()).containsExactly(2, 1);
        double diff = maxAbsDiff(y, expected);
        System.out.println("net.onnx: largest |ORT - data.Y| = " + diff);
        assertThat(y.allclose(expected, Tolerance.CPU_FLOAT32.rtol(), Tolerance.CPU_FLOAT32.atol())).isTrue();
    }

    @Test
    void rgnetToo() {
        ReferenceModel rgnet = References.load("rgnet.onnx", Provider.CPU);
        assertThat(rgnet.parameters()).hasSize(18).containsKey("0.block0.2.bias");
        assertThat(rgnet.initializer("0.block0.2.bias").shape().toArray()).containsExactly(4);
        assertThat(List.copyOf(rgnet.parameters().keySet())).isEqualTo(rgnet.metadataList("named_parameters"));
        Tensor y = rgnet.run(rgnet.data("data.X"));
        double diff = maxAbsDiff(y, rgnet.data("data.Y"));
        System.out.println("rgnet.onnx: largest |ORT - data.Y| = " + diff);
        assertThat(y.allclose(rgnet.data("data.Y"), 1e-5, 1e-5)).isTrue();
    }

    @Test
    void aMissingInitializerListsTheAvailableOnes() {
        assertThatThrownBy(() -> NET.initializer("0.wieght"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net.onnx has no initializer '0.wieght'; it has: 0.weight, 0.bias, 2.weight, 2.bias,"
                        + " data.X, data.Y");
        assertThatThrownBy(() -> NET.data("Z"))
                .hasMessage("net.onnx has no data tensor 'data.Z'; it has: data.X, data.Y");
    }

    @Test
    void everyTensorIsAFreshCopy() {
        Tensor w = NET.initializer("0.weight");
        float before = w.get(0, 0);
        w.fill_(42f);
        assertThat(NET.initializer("0.weight").get(0, 0)).isEqualTo(before);
        assertThat(NET.parameters().get("0.weight").get(0, 0)).isEqualTo(before);
        assertThat(NET.data("X").toArray()).isEqualTo(NET.data("data.X").toArray());
    }

    // ------------------------------------------------------------------ running

    @Test
    void runsABatchOfAnotherSize() {
        Random random = new Random(7);
        float[] values = new float[5 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        Tensor x = Tensor.of(values, 5, 4);
        Tensor y = NET.run(x);
        assertThat(y.shape().toArray()).containsExactly(5, 1);
        assertThat(maxAbsDiff(y, javaNet(NET, x))).isLessThanOrEqualTo(1e-5);
        // a batch of one row gives that row's result
        Tensor row = Tensor.of(new float[] {values[4], values[5], values[6], values[7]}, 1, 4);
        assertThat(NET.run(row).item()).isCloseTo(y.get(1, 0), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void runWithNamedInputsGivesNamedOutputs() {
        Map<String, Tensor> out = NET.run(Map.of("X", NET.data("X")));
        assertThat(out.keySet()).containsExactly("Y");
        assertThat(NET.inputNames()).containsExactly("X");
        assertThat(NET.outputNames()).containsExactly("Y");
    }

    @Test
    void aWrongInputShapeIsAClearError() {
        assertThatThrownBy(() -> NET.run(Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net.onnx expects X of shape [batch, 4] but got [2, 3]");
        assertThatThrownBy(() -> NET.run(Tensor.zeros(4)))
                .hasMessage("net.onnx expects X of shape [batch, 4] but got [4]");
        assertThatThrownBy(() -> NET.run((Tensor) null))
                .hasMessage("net.onnx expects X of shape [batch, 4] but got null");
    }

    @Test
    void wrongInputNamesAreAClearError() {
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put("x", Tensor.zeros(2, 4));
        assertThatThrownBy(() -> NET.run(feeds))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net.onnx expects inputs [X] but got [x]; missing: X; unexpected: x");
    }

    @Test
    void resultsStayValidAfterTheSessionCloses() throws Exception {
        byte[] bytes = IntegrityTest.resource("net.onnx");
        ReferenceModel own = References.openUncached("net.onnx", bytes, Provider.CPU);
        Tensor y = own.run(own.data("X"));
        Tensor w = own.initializer("0.weight");
        own.close();
        System.gc();
        assertThat(y.allclose(NET.data("Y"), 1e-5, 1e-5)).isTrue();
        assertThat(w.toArray()).isEqualTo(NET.initializer("0.weight").toArray());
    }

    // ------------------------------------------------------------------ metadata

    @Test
    void readsMetadataStringsAndLists() {
        assertThat(NET.metadata("repr")).startsWith("Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)");
        assertThat(NET.metadataList("state_dict_keys")).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(NET.metadataKeys()).contains("repr", "named_parameters");
    }

    @Test
    void aMissingOrMistypedMetadataKeyIsAClearError() {
        assertThatThrownBy(() -> NET.metadata("reprs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("net.onnx has no metadata 'reprs'; it has: ")
                .hasMessageContaining("repr, ");
        assertThatThrownBy(() -> NET.metadataList("repr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata 'repr' of net.onnx is not a JSON list of strings: Sequential(");
    }

    // ------------------------------------------------------------------ caching

    @Test
    void oneModelPerFileAndProvider_evenFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReferenceModel>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String file = i % 2 == 0 ? "net.onnx" : "rgnet.onnx";
                futures.add(pool.submit(() -> References.load(file, Provider.CPU)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get())
                        .isSameAs(References.load(i % 2 == 0 ? "net.onnx" : "rgnet.onnx", Provider.CPU));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(References.load("net.onnx", Provider.CPU)).isSameAs(NET);
    }

    @Test
    void runsConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tensor>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> NET.run(NET.data("X"))));
            }
            for (Future<Tensor> f : futures) {
                assertThat(f.get().toArray()).isEqualTo(NET.run(NET.data("X")).toArray());
            }
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** relu(x W0^T + b0) W2^T + b2 in plain float loops, with the weights read from the file. */
    static Tensor javaNet(ReferenceModel net, Tensor x) {
        Tensor h = linear(x, net.initializer("0.weight"), net.initializer("0.bias"));
        float[] hv = h.toArray();
        for (int i = 0; i < hv.length; i++) {
            hv[i] = Math.max(0f, hv[i]);
        }
        return linear(Tensor.of(hv, h.shape().toArray()), net.initializer("2.weight"), net.initializer("2.bias"));
    }

    private static Tensor linear(Tensor x, Tensor w, Tensor b) {
        int n = x.shape().get(0);
        int in = x.shape().get(1);
        int out = w.shape().get(0);
        float[] xv = x.toArray();
        float[] wv = w.toArray();
        float[] bv = b.toArray();
        float[] y = new float[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                float s = 0f;
                for (int k = 0; k < in; k++) {
                    s += xv[r * in + k] * wv[o * in + k];
                }
                y[r * out + o] = s + bv[o];
            }
        }
        return Tensor.of(y, n, out);
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        float[] av = a.toArray();
        float[] bv = b.toArray();
        double max = 0;
        for (int i = 0; i < av.length; i++) {
            max = Math.max(max, Math.abs((double) av[i] - bv[i]));
        }
        return max;
    }
}

package org.paramlab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paramlab.grader.assertions.TensorAssert.assertThatTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.paramlab.grader.Graded;
import org.paramlab.grader.protocol.Exercise;
import org.paramlab.grader.protocol.Tolerance;
import org.paramlab.grader.reference.ReferenceModel;
import org.paramlab.grader.reference.References;
import org.paramlab.grading.support.BufferTree;
import org.paramlab.grading.support.Expect;
import org.paramlab.grading.support.Hints;
import org.paramlab.grading.support.Identity;
import org.paramlab.nn.Module;
import org.paramlab.nn.Parameter;
import org.paramlab.nn.StateDictMismatchException;
import org.paramlab.tensor.Tensor;

/**
 * Group 8, beyond the notebook: buffers, the state a module keeps and saves but does not learn (BatchNorm's running
 * statistics), graded in its own assignment ({@code buffers}). The models are PyTorch's {@code BufferNet} and its
 * {@code RunningMean} ({@code reference-models/export_buffers.py}), rebuilt by the grader ({@link BufferTree}) with the
 * student's {@code registerBuffer}; every expected name, order, value and message is PyTorch's.
 *
 * <p>The chapter's groups never build a module with buffers, so a student who leaves this group out keeps every
 * point of the chapter.
 */
@Order(8)
@DisplayName("8 Buffers")
class BuffersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReferenceModel ref() {
        return References.load("buffers.onnx");
    }

    private static BufferTree bufferNet(ReferenceModel ref, String values) {
        return BufferTree.of(ref, "tree", values);
    }

    private static List<String> keys(Map<String, ?> map) {
        return new ArrayList<>(map.keySet());
    }

    // --- 8.1 registerBuffer ----------------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E8_1, points = 1.5)
    @DisplayName("registerBuffer keeps the tensor itself, in registration order, persistent or not")
    void registerBufferKeepsTheTensorItself() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        String hint = "registerBuffer(name, tensor, persistent) puts the tensor itself (not a copy) into the module's "
                + "buffers, the map registeredBuffers() shows, in registration order (a buffer is not a parameter: keep "
                + "it in its own map); " + Hints.of(Exercise.E8_1);
        for (String path : List.of("", "norm", "block.1")) {
            String prefix = path.isEmpty() ? "" : path + ".";
            List<String> expected = ref.metadataList("named_buffers").stream()
                    .filter(n -> n.startsWith(prefix) && n.indexOf('.', prefix.length()) < 0)
                    .map(n -> n.substring(prefix.length())).toList();
            assertThat(keys(tree.module(path).registeredBuffers()))
                    .as("the names of the buffers registered in BufferNet's module '" + path + "'; " + hint)
                    .containsExactlyElementsOf(expected);
            for (String name : expected) {
                Identity.assertSame(tree.registeredBuffer(path, name), tree.buffers().get(prefix + name),
                        "buffer '" + name + "' of BufferNet's module '" + path + "'; " + hint);
            }
        }
        Module norm = tree.module("norm");
        Tensor persistent = Tensor.zeros(8);
        Tensor notSaved = Tensor.zeros(8);
        assertThat(norm.registerBuffer("running_var", persistent) == persistent)
                .as("registerBuffer(\"running_var\", tensor) must return tensor itself; " + hint).isTrue();
        assertThat(norm.registerBuffer("batch_var", notSaved, false) == notSaved)
                .as("registerBuffer(\"batch_var\", tensor, false) must return tensor itself; " + hint).isTrue();
    }

    @Test
    @Graded(exercise = Exercise.E8_1, points = 1)
    @DisplayName("buffers are not parameters: parameters() and namedParameters() leave them out")
    void buffersAreNotParameters() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        String hint = "a buffer is not a parameter: it is state the module keeps but does not learn, so an optimizer "
                + "walking parameters() must never see it; keep buffers in their own map, not among the parameters; "
                + Hints.of(Exercise.E8_1);
        assertThat(keys(tree.root().namedParameters()))
                .as("BufferNet.namedParameters() keys, compared with PyTorch's named_parameters(); " + hint)
                .containsExactlyElementsOf(ref.metadataList("named_parameters"));
        List<Parameter> parameters = tree.root().parameters();
        assertThat(parameters).as("BufferNet.parameters(): one per name of PyTorch's named_parameters(); " + hint)
                .hasSize(ref.metadataList("named_parameters").size());
        for (Map.Entry<String, Tensor> buffer : tree.buffers().entrySet()) {
            assertThat(parameters.stream().anyMatch(p -> p == buffer.getValue()))
                    .as("buffer " + buffer.getKey() + " found among BufferNet.parameters(); " + hint).isFalse();
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_1, points = 0.5)
    @DisplayName("the repr of a module with buffers is PyTorch's: buffers are not printed")
    void reprShowsNoBuffers() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        assertThat(tree.root().toString())
                .as("print(BufferNet()): PyTorch's repr shows the children and each extra_repr, never the buffers "
                        + "(BatchNorm1d(3, eps=1e-05, ...) shows its settings, not its running_mean); "
                        + Hints.of(Exercise.E8_1))
                .isEqualTo(ref.metadata("repr"));
    }

    @Test
    @Graded(exercise = Exercise.E8_1, points = 1)
    @DisplayName("registerBuffer refuses a dotted name, an empty name and a parameter's name, in PyTorch's words")
    void registerBufferRefusesBadNamesLikePyTorch() throws java.io.IOException {
        ReferenceModel ref = ref();
        for (JsonNode error : JSON.readTree(ref.metadata("register_buffer.errors"))) {
            Module runningMean = BufferTree.of(ref, "reregistered.tree", "none").root();
            String name = error.get("name").asText();
            Expect.message(IllegalArgumentException.class, () -> runningMean.registerBuffer(name, Tensor.zeros(2)),
                            "RunningMean.registerBuffer(\"" + name + "\", zeros(2)), " + error.get("about").asText())
                    .isEqualTo(error.get("message").asText(), "a buffer name follows PyTorch's rules: not empty, no "
                            + "dot, and not already the name of a parameter or a child; " + Hints.of(Exercise.E8_1));
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_1, points = 0.5)
    @DisplayName("registering a buffer again keeps its place, and the last persistent decides")
    void reregisteringABufferTakesTheNewPersistence() {
        ReferenceModel ref = ref();
        Module runningMean = BufferTree.of(ref, "reregistered.tree", "none").root();
        String hint = "register_buffer on a name that is already a buffer (not a parameter) replaces the tensor where it "
                + "is, itself, not a copy, and takes the new persistent (the last registration decides): running_mean "
                + "is now left out of the state dict, batch_mean saved; " + Hints.of(Exercise.E8_1);
        // As RunningMean registered them first, then as PyTorch's export registered them again.
        Tensor last = Expect.returnedBy(() -> {
            runningMean.registerBuffer("running_mean", Tensor.zeros(2), true);
            runningMean.registerBuffer("batch_mean", Tensor.zeros(2), false);
            Tensor t = runningMean.registerBuffer("running_mean", Tensor.zeros(2), false);
            runningMean.registerBuffer("batch_mean", Tensor.zeros(2), true);
            return t;
        }, "RunningMean registering running_mean and batch_mean again", hint);
        assertThat(keys(runningMean.namedBuffers())).as("namedBuffers() keys after registering again; " + hint)
                .containsExactlyElementsOf(ref.metadataList("reregistered.named_buffers"));
        assertThat(runningMean.registeredBuffers().get("running_mean") == last)
                .as("registeredBuffers().get(\"running_mean\") must be the tensor registered last; " + hint).isTrue();
        assertThat(keys(runningMean.stateDict())).as("stateDict() keys after registering again; " + hint)
                .containsExactlyElementsOf(ref.metadataList("reregistered.state_dict_keys"));
    }

    // --- 8.2 namedBuffers, buffers -------------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E8_2, points = 1.5)
    @DisplayName("namedBuffers() lists every buffer, non-persistent ones too, with PyTorch's dotted names")
    void namedBuffersOfBufferNet() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        Map<String, Tensor> named = tree.root().namedBuffers();
        assertThat(keys(named))
                .as("BufferNet.namedBuffers() keys, compared with PyTorch's named_buffers(): walk the modules as "
                        + "namedModules() does, each module's own buffers in registration order, the non-persistent "
                        + "ones too; "
                        + Hints.of(Exercise.E8_2))
                .containsExactlyElementsOf(ref.metadataList("named_buffers"));
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            Identity.assertSame(e.getValue(), tree.buffers().get(e.getKey()), "BufferNet.namedBuffers().get(\""
                    + e.getKey() + "\"): the buffer itself, not a copy; " + Hints.of(Exercise.E8_2));
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_2, points = 1)
    @DisplayName("a module registered twice: namedBuffers() lists its buffers once, under the first path")
    void namedBuffersListsASharedBufferOnce() {
        ReferenceModel ref = ref();
        BufferTree tree = BufferTree.of(ref, "shared.tree", "none");
        assertThat(keys(tree.root().namedBuffers()))
                .as("namedBuffers() of nn.Sequential(shared, nn.ReLU(), shared), compared with PyTorch's named_buffers(): "
                        + "a buffer reached twice is listed once, under its first name, as in namedParameters(), and "
                        + "the non-persistent ones too; "
                        + Hints.of(Exercise.E8_2))
                .containsExactlyElementsOf(ref.metadataList("shared.named_buffers"));
    }

    @Test
    @Graded(exercise = Exercise.E8_2, points = 0.5)
    @DisplayName("buffers() gives every buffer once, in namedBuffers order")
    void buffersInOrder() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        List<Tensor> buffers = tree.root().buffers();
        List<String> names = ref.metadataList("named_buffers");
        assertThat(buffers).as("BufferNet.buffers(): one per name of PyTorch's named_buffers(), the non-persistent "
                        + "ones too; " + Hints.of(Exercise.E8_2))
                .hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(buffers.get(i) == tree.buffers().get(names.get(i)))
                    .as("BufferNet.buffers()[" + i + "] must be the buffer " + names.get(i) + " itself, not a copy; "
                            + Hints.of(Exercise.E8_2))
                    .isTrue();
        }
    }

    // --- 8.3 buffers in the state dict -----------------------------------------------------------

    @Test
    @Graded(exercise = Exercise.E8_3, points = 1)
    @DisplayName("stateDict() holds each module's parameters, then its persistent buffers, then its children")
    void stateDictSavesPersistentBuffersAfterParameters() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        Map<String, Tensor> state = tree.root().stateDict();
        assertThat(keys(state))
                .as("BufferNet.stateDict() keys, compared with PyTorch's state_dict(): for each module its own "
                        + "parameters, then its persistent buffers (saveBuffersToStateDict), then its children, whatever "
                        + "the order of registration (BufferNet registers steps after its children); "
                        + Hints.of(Exercise.E8_3))
                .containsExactlyElementsOf(ref.metadataList("state_dict_keys"));
        for (String key : state.keySet()) {
            assertThatTensor(state.get(key)).named("BufferNet().state_dict()['" + key + "']")
                    .withHint(Hints.of(Exercise.E8_3)).isCloseTo(ref.data("init." + key), Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 0.5)
    @DisplayName("a buffer registered with persistent = false is left out of the state dict")
    void stateDictLeavesOutNonPersistentBuffers() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        Map<String, Tensor> state = tree.root().stateDict();
        for (String name : ref.metadataList("non_persistent")) {
            assertThat(state.containsKey(name))
                    .as("BufferNet.stateDict() has the key " + name + ", a buffer registered with persistent = false: "
                            + "non-persistent buffers are in namedBuffers() but never saved or loaded; "
                            + Hints.of(Exercise.E8_3))
                    .isFalse();
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 0.5)
    @DisplayName("a buffer's state dict entry shares its storage and does not require grad")
    void stateDictBufferEntriesShareTheBuffers() {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        Tensor entry = tree.root().stateDict().get("norm.running_mean");
        assertThat(entry).as("BufferNet.stateDict().get(\"norm.running_mean\"): the state dict holds the persistent "
                + "buffers; " + Hints.of(Exercise.E8_3)).isNotNull();
        assertThat(entry.requiresGrad()).as("state dict values of persistent buffers do not require grad; "
                + Hints.of(Exercise.E8_3)).isFalse();
        entry.set(42f, 0);
        assertThat(tree.buffers().get("norm.running_mean").get(0))
                .as("after stateDict().get(\"norm.running_mean\")[0] = 42 the buffer must see 42: the entry shares the "
                        + "persistent buffer's storage (detach()), it is not a copy; " + Hints.of(Exercise.E8_3))
                .isEqualTo(42f);
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 0.5)
    @DisplayName("a module registered twice: its buffers are in the state dict under both paths")
    void stateDictHasASharedModulesBuffersUnderEveryPath() {
        ReferenceModel ref = ref();
        BufferTree tree = BufferTree.of(ref, "shared.tree", "none");
        assertThat(keys(tree.root().stateDict()))
                .as("stateDict() of nn.Sequential(shared, nn.ReLU(), shared), compared with PyTorch's state_dict(): as "
                        + "for parameters, every path of a shared module is saved, with its persistent buffers; "
                        + Hints.of(Exercise.E8_3))
                .containsExactlyElementsOf(ref.metadataList("shared.state_dict_keys"));
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 1)
    @DisplayName("loadStateDict loads the persistent buffers into the same tensors, and leaves the others")
    void loadStateDictLoadsBuffers() {
        ReferenceModel ref = ref();
        BufferTree fresh = bufferNet(ref, "fresh");
        Map<String, Tensor> buffersBefore = new LinkedHashMap<>(fresh.buffers());
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : ref.metadataList("state_dict_keys")) {
            state.put(key, ref.data("trained." + key));
        }
        String hint = "load_state_dict copies the saved values of the parameters and the persistent buffers into the "
                + "module's own tensors, and leaves a non-persistent buffer as it was; " + Hints.of(Exercise.E8_3);
        Expect.returnedBy(() -> {
            fresh.root().loadStateDict(state);
            return null;
        }, "BufferNet().loadStateDict(trained.stateDict())", hint);
        for (Map.Entry<String, Tensor> e : buffersBefore.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            String path = dot < 0 ? "" : e.getKey().substring(0, dot);
            Identity.assertSame(fresh.registeredBuffer(path, e.getKey().substring(dot + 1)), e.getValue(),
                    "BufferNet's buffer " + e.getKey() + " after loadStateDict(state): loading copies into the buffer, it "
                            + "does not replace it; " + hint);
            assertThatTensor(e.getValue()).named("buffer " + e.getKey() + " after load_state_dict(trained.state_dict())")
                    .withHint(hint).isCloseTo(ref.data("loaded." + e.getKey()), Tolerance.EXACT);
        }
        for (Map.Entry<String, Parameter> e : fresh.parameters().entrySet()) {
            assertThatTensor(e.getValue().data()).named("parameter " + e.getKey() + " after load_state_dict(...)")
                    .withHint(hint).isCloseTo(ref.data("loaded." + e.getKey()), Tolerance.EXACT);
        }
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 0.5)
    @DisplayName("loadStateDict names a missing buffer and a non-persistent one given, in PyTorch's words")
    void loadStateDictNamesMissingAndUnexpectedBuffers() {
        assertLoadFailsLikePyTorch("load_state_dict.missing_unexpected");
    }

    @Test
    @Graded(exercise = Exercise.E8_3, points = 0.5)
    @DisplayName("loadStateDict names a buffer of the wrong shape, in PyTorch's words")
    void loadStateDictNamesABufferOfTheWrongShape() {
        assertLoadFailsLikePyTorch("load_state_dict.size_mismatch");
    }

    /** Alters BufferNet's state dict as export_buffers.py did, loads it, and compares the error with PyTorch's. */
    private static void assertLoadFailsLikePyTorch(String caseKey) {
        ReferenceModel ref = ref();
        BufferTree tree = bufferNet(ref, "init");
        JsonNode pytorch;
        try {
            pytorch = JSON.readTree(ref.metadata(caseKey));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("buffers.onnx: metadata " + caseKey + " is not JSON", e);
        }
        JsonNode change = pytorch.get("change");
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : ref.metadataList("state_dict_keys")) {
            state.put(key, ref.data("init." + key).add(1f)); // other values, so that a copy before refusing shows
        }
        change.path("remove").forEach(k -> state.remove(k.asText()));
        change.path("add").fields().forEachRemaining(e -> state.put(e.getKey(), Tensor.zeros(shape(e.getValue()))));
        change.path("replace").fields().forEachRemaining(e -> state.put(e.getKey(), Tensor.zeros(shape(e.getValue()))));
        Expect.message(StateDictMismatchException.class, () -> tree.root().loadStateDict(state),
                        "BufferNet.loadStateDict(state) with a state dict changed by " + change)
                .isEqualTo(pytorch.get("message").asText(), "strict loading checks the persistent buffers' keys and "
                        + "shapes as the parameters': a missing buffer, a non-persistent buffer given and a buffer of "
                        + "the wrong shape are named, in PyTorch's words; " + Hints.of(Exercise.E8_3));
        for (Map.Entry<String, Tensor> b : tree.buffers().entrySet()) {
            assertThatTensor(b.getValue()).named("buffer " + b.getKey() + " after the refused loadStateDict(state)")
                    .withHint("a refused load_state_dict copies nothing; " + Hints.of(Exercise.E8_3))
                    .isCloseTo(ref.data("init." + b.getKey()), Tolerance.EXACT);
        }
    }

    private static int[] shape(JsonNode dims) {
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asInt();
        }
        return shape;
    }
}

package org.paramlab.grader.reference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.paramlab.grader.protocol.Provider;
import org.paramlab.tensor.Tensor;

/**
 * One reference file exported by PyTorch: its weights by PyTorch name, the extra tensors and
 * metadata {@code export.py} stored beside them, and its graph, run by ONNX Runtime.
 *
 * <p>Get one with {@link References#load(String)}; it is shared by every test in the JVM and safe to
 * use from several threads. Every {@link Tensor} it returns is a fresh copy: changing it changes
 * nothing here, and it stays valid after the session is gone.
 */
public final class ReferenceModel {

    /** Extra initializers that carry data, not parameters, start with this prefix. */
    public static final String DATA_PREFIX = "data.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fileName;
    private final Provider provider;
    private final OrtSession session;
    private final Map<String, OnnxFile.Initializer> initializers;
    private final Map<String, String> metadata;
    private final Map<String, Input> inputs;
    private final List<String> outputNames;

    /** A graph input: ORT's shape ({@code -1} where free) and how to print it ({@code [batch, 4]}). */
    private record Input(String name, long[] shape, String display, boolean isFloat) {
    }

    private ReferenceModel(String fileName, Provider provider, OrtSession session, OnnxFile file,
                           Map<String, Input> inputs, List<String> outputNames) {
        this.fileName = fileName;
        this.provider = provider;
        this.session = session;
        this.initializers = file.initializers;
        this.metadata = file.metadata;
        this.inputs = inputs;
        this.outputNames = outputNames;
    }

    /**
     * Opens already verified bytes: parses the initializers and metadata, then creates the session.
     * {@code manifest} only supplies the names of free dimensions for messages; it may be null.
     */
    static ReferenceModel open(String fileName, byte[] bytes, Provider provider, ReferenceManifest manifest) {
        OnnxFile file = OnnxFile.parse(fileName, bytes);
        OrtSession session = OrtSessions.create(fileName, bytes, provider);
        try {
            Map<String, Input> inputs = new LinkedHashMap<>();
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                inputs.put(e.getKey(), input(fileName, e.getKey(), e.getValue().getInfo(), manifest));
            }
            List<String> outputs = List.copyOf(session.getOutputInfo().keySet());
            return new ReferenceModel(fileName, provider, session, file, Collections.unmodifiableMap(inputs), outputs);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof RuntimeException r ? r
                    : new IllegalStateException("ONNX Runtime could not describe the inputs of " + fileName, e);
        }
    }

    private static Input input(String fileName, String name, ValueInfo info, ReferenceManifest manifest) {
        if (!(info instanceof TensorInfo t)) {
            return new Input(name, null, info.toString(), false);
        }
        long[] shape = t.getShape();
        String[] dimNames = t.getDimensionNames();
        List<String> manifestDims = manifest == null ? List.of() : manifest.inputDims(fileName, name);
        StringJoiner display = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0) {
                display.add(Long.toString(shape[i]));
            } else if (dimNames != null && i < dimNames.length && !dimNames[i].isEmpty()) {
                display.add(dimNames[i]);
            } else if (i < manifestDims.size()) {
                display.add(manifestDims.get(i));
            } else {
                display.add("?");
            }
        }
        return new Input(name, shape, display.toString(), t.type == OnnxJavaType.FLOAT);
    }

    /** The file's name, e.g. {@code net.onnx}. */
    public String fileName() {
        return fileName;
    }

    /** The provider whose session runs this model. */
    public Provider provider() {
        return provider;
    }

    // ------------------------------------------------------------------------------------------
    // Initializers
    // ------------------------------------------------------------------------------------------

    /** Every initializer's name in file order: the parameters, then the {@code data.*} tensors. */
    public List<String> initializerNames() {
        return List.copyOf(initializers.keySet());
    }

    /**
     * The initializer PyTorch named {@code pytorchName} ({@code 0.weight}, {@code 0.block0.2.bias},
     * or a {@code data.*} tensor), as a new tensor.
     *
     * @throws IllegalArgumentException if there is none, listing the available names
     */
    public Tensor initializer(String pytorchName) {
        Objects.requireNonNull(pytorchName, "pytorchName");
        OnnxFile.Initializer init = initializers.get(pytorchName);
        if (init == null) {
            throw new IllegalArgumentException(fileName + " has no initializer '" + pytorchName + "'; it has: "
                    + String.join(", ", initializers.keySet()));
        }
        return toTensor(init);
    }

    /**
     * The model's parameters in file order (PyTorch's {@code named_parameters} order, a tied
     * parameter once), without the extra {@code data.*} tensors. A new map of new tensors each call.
     */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (OnnxFile.Initializer init : initializers.values()) {
            if (!init.name().startsWith(DATA_PREFIX)) {
                out.put(init.name(), toTensor(init));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * An extra data tensor stored by {@code export.py}: {@code data("data.X")}, or just
     * {@code data("X")}.
     *
     * @throws IllegalArgumentException if there is none, listing the available data names
     */
    public Tensor data(String name) {
        Objects.requireNonNull(name, "name");
        String full = name.startsWith(DATA_PREFIX) ? name : DATA_PREFIX + name;
        OnnxFile.Initializer init = initializers.get(full);
        if (init == null) {
            List<String> available = new ArrayList<>();
            for (String n : initializers.keySet()) {
                if (n.startsWith(DATA_PREFIX)) {
                    available.add(n);
                }
            }
            throw new IllegalArgumentException(fileName + " has no data tensor '" + full + "'; it has: "
                    + (available.isEmpty() ? "none" : String.join(", ", available)));
        }
        return toTensor(init);
    }

    private Tensor toTensor(OnnxFile.Initializer init) {
        if (init.values() == null) {
            throw new IllegalStateException("initializer '" + init.name() + "' of " + fileName + " is "
                    + init.unsupportedType() + "; the grader reads float32 initializers only");
        }
        return Tensor.of(init.values(), init.shape()); // Tensor.of copies
    }

    // ------------------------------------------------------------------------------------------
    // Metadata
    // ------------------------------------------------------------------------------------------

    /** The keys of the model's {@code metadata_props}, in file order. */
    public List<String> metadataKeys() {
        return List.copyOf(metadata.keySet());
    }

    /**
     * A {@code metadata_props} value as stored, e.g. {@code metadata("repr")} is PyTorch's
     * {@code repr(net)}.
     *
     * @throws IllegalArgumentException if the key is missing, listing the available keys
     */
    public String metadata(String key) {
        Objects.requireNonNull(key, "key");
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException(fileName + " has no metadata '" + key + "'; it has: "
                    + String.join(", ", metadata.keySet()));
        }
        return value;
    }

    /**
     * A {@code metadata_props} value that holds a JSON list of strings, e.g.
     * {@code metadataList("state_dict_keys")} is {@code [0.weight, 0.bias, 2.weight, 2.bias]}.
     *
     * @throws IllegalArgumentException if the key is missing or its value is not such a list
     */
    public List<String> metadataList(String key) {
        String value = metadata(key);
        try {
            List<String> list = JSON.readValue(value, new TypeReference<List<String>>() { });
            if (list == null || list.contains(null)) {
                throw new IOException("null entries");
            }
            return List.copyOf(list);
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata '" + key + "' of " + fileName
                    + " is not a JSON list of strings: " + abbreviate(value), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    // ------------------------------------------------------------------------------------------
    // Running the graph
    // ------------------------------------------------------------------------------------------

    /** The graph's input names, e.g. {@code [X]}. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** The graph's output names, e.g. {@code [Y]}. */
    public List<String> outputNames() {
        return outputNames;
    }

    /**
     * Runs a graph with one input and one output, e.g. {@code net.onnx}'s {@code Y = net(X)}.
     *
     * @throws IllegalArgumentException if {@code x}'s shape does not fit the input
     * @throws IllegalStateException    if the graph does not have exactly one input and one output
     */
    public Tensor run(Tensor x) {
        if (inputs.size() != 1 || outputNames.size() != 1) {
            throw new IllegalStateException(fileName + " has inputs " + inputs.keySet() + " and outputs "
                    + outputNames + "; run(Tensor) needs exactly one of each, use run(Map) instead");
        }
        String in = inputs.keySet().iterator().next();
        return run(Collections.singletonMap(in, x)).get(outputNames.get(0));
    }

    /**
     * Runs the graph on named inputs and returns every output by name, in graph order.
     *
     * @throws IllegalArgumentException if an input is missing, unexpected, or of the wrong shape
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Objects.requireNonNull(feeds, "inputs");
        check(feeds);
        OrtEnvironment env = OrtSessions.environment();
        Map<String, OnnxTensor> onnxInputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                Tensor t = e.getValue();
                onnxInputs.put(e.getKey(),
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toArray()), toLong(t.shape().toArray())));
            }
            try (OrtSession.Result result = session.run(onnxInputs)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), toTensor(e.getKey(), e.getValue()));
                }
                return Collections.unmodifiableMap(out);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run " + fileName + " (" + provider + ") on "
                    + describe(feeds) + ": " + e.getMessage(), e);
        } finally {
            onnxInputs.values().forEach(OnnxTensor::close);
        }
    }

    private void check(Map<String, Tensor> feeds) {
        List<String> missing = new ArrayList<>();
        for (String name : inputs.keySet()) {
            if (!feeds.containsKey(name)) {
                missing.add(name);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : feeds.keySet()) {
            if (!inputs.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(fileName + " expects inputs " + inputs.keySet() + " but got "
                    + feeds.keySet() + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unexpected.isEmpty() ? "" : "; unexpected: " + String.join(", ", unexpected)));
        }
        for (Input in : inputs.values()) {
            Tensor t = feeds.get(in.name());
            if (t == null) {
                throw new IllegalArgumentException(fileName + " expects " + in.name() + " of shape " + in.display()
                        + " but got null");
            }
            if (!in.isFloat()) {
                throw new IllegalStateException(fileName + " input " + in.name() + " is " + in.display()
                        + "; the grader feeds float32 tensors only");
            }
            int[] shape = t.shape().toArray();
            if (!fits(in.shape(), shape)) {
                throw new IllegalArgumentException(fileName + " expects " + in.name() + " of shape " + in.display()
                        + " but got " + Arrays.toString(shape));
            }
        }
    }

    private static boolean fits(long[] expected, int[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected[i] >= 0 ? expected[i] != actual[i] : actual[i] < 1) {
                return false;
            }
        }
        return true;
    }

    private Tensor toTensor(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
            throw new IllegalStateException("output " + name + " of " + fileName + " is " + value.getInfo()
                    + "; the grader reads float32 tensor outputs only");
        }
        long[] shape = t.getInfo().getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        FloatBuffer buffer = t.getFloatBuffer(); // a copy, independent of the session
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return Tensor.of(values, dims);
    }

    private static long[] toLong(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static String describe(Map<String, Tensor> feeds) {
        StringJoiner j = new StringJoiner(", ");
        feeds.forEach((k, v) -> j.add(k + " " + Arrays.toString(v.shape().toArray())));
        return j.toString();
    }

    /** Ends the session; only for models that are not shared through {@link References}. */
    void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing useful to do: the process is done with this session
        }
    }

    @Override
    public String toString() {
        return "ReferenceModel[" + fileName + " on " + provider + ", inputs " + inputs.keySet() + ", outputs "
                + outputNames + "]";
    }
}

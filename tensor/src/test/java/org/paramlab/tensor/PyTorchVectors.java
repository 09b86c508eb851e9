package org.paramlab.tensor;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors PyTorch computed for this module's tests: {@code tensor_tests.onnx}, written by
 * {@code reference-models/tensor_tests.py} (its docstring documents the names), read from the
 * classpath as {@code paramlab/reference-models/tensor_tests.onnx}.
 */
final class PyTorchVectors {

    static final String RESOURCE = "paramlab/reference-models/tensor_tests.onnx";

    private static PyTorchVectors instance;

    private final Map<String, OnnxMl.TensorProto> initializers = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private PyTorchVectors(OnnxMl.ModelProto model) {
        for (OnnxMl.TensorProto tensor : model.getGraph().getInitializerList()) {
            initializers.put(tensor.getName(), tensor);
        }
        for (OnnxMl.StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
    }

    /** The vectors, parsed once per JVM. */
    static synchronized PyTorchVectors get() {
        if (instance == null) {
            try (InputStream in = PyTorchVectors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the test classpath: run "
                            + "/usr/bin/python3 reference-models/export.py and build reference-models/");
                }
                instance = new PyTorchVectors(OnnxMl.ModelProto.parseFrom(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return instance;
    }

    /** A float32 initializer's values, row-major. */
    float[] floats(String name) {
        OnnxMl.TensorProto tensor = tensor(name);
        if (tensor.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalArgumentException(name + ": expected a FLOAT initializer but its data type is "
                    + tensor.getDataType());
        }
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(values);
            return values;
        }
        float[] values = new float[tensor.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }

    /** An initializer's dims (empty for a 0-d tensor). */
    int[] shape(String name) {
        return tensor(name).getDimsList().stream().mapToInt(Long::intValue).toArray();
    }

    /** A metadata value. */
    String meta(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no metadata entry " + key + " in " + RESOURCE);
        }
        return value;
    }

    /** The names after {@code prefix} of the metadata keys that start with it and have no further dot, in file order. */
    List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        for (String key : metadata.keySet()) {
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0) {
                names.add(key.substring(prefix.length()));
            }
        }
        return names;
    }

    private OnnxMl.TensorProto tensor(String name) {
        OnnxMl.TensorProto tensor = initializers.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no initializer " + name + " in " + RESOURCE);
        }
        return tensor;
    }
}

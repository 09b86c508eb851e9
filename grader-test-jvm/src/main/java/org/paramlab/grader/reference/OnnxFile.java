package org.paramlab.grader.reference;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the grader reads from an ONNX file without ONNX Runtime: its initializers (in file order)
 * and its {@code metadata_props}, parsed with tribuo-util-onnx's generated {@code OnnxMl} classes.
 */
final class OnnxFile {

    /**
     * One initializer: float32 values with their shape, or the name of an element type the grader
     * does not read (reported only if someone asks for that initializer).
     */
    record Initializer(String name, int[] shape, float[] values, String unsupportedType) {
    }

    final Map<String, Initializer> initializers;
    final Map<String, String> metadata;

    private OnnxFile(Map<String, Initializer> initializers, Map<String, String> metadata) {
        this.initializers = Collections.unmodifiableMap(initializers);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    static OnnxFile parse(String fileName, byte[] bytes) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(fileName + " is not a readable ONNX model: " + e.getMessage(), e);
        }
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            initializers.put(t.getName(), read(fileName, t));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto p : model.getMetadataPropsList()) {
            metadata.put(p.getKey(), p.getValue());
        }
        return new OnnxFile(initializers, metadata);
    }

    private static Initializer read(String fileName, OnnxMl.TensorProto t) {
        int[] shape = new int[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalStateException("initializer '" + t.getName() + "' of " + fileName
                        + " has an invalid dimension " + d);
            }
            shape[i] = (int) d;
            n *= d;
        }
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            OnnxMl.TensorProto.DataType type = OnnxMl.TensorProto.DataType.forNumber(t.getDataType());
            return new Initializer(t.getName(), shape, null, type == null ? "type " + t.getDataType() : type.name());
        }
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            return new Initializer(t.getName(), shape, null, "FLOAT stored as external data");
        }
        float[] values = new float[(int) n];
        if (t.getFloatDataCount() > 0) {
            check(fileName, t, t.getFloatDataCount(), n);
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        } else {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() != n * Float.BYTES) {
                throw new IllegalStateException("initializer '" + t.getName() + "' of " + fileName + " holds "
                        + raw.remaining() + " bytes of raw data but its shape " + t.getDimsList() + " needs "
                        + n * Float.BYTES);
            }
            raw.asFloatBuffer().get(values);
        }
        return new Initializer(t.getName(), shape, values, null);
    }

    private static void check(String fileName, OnnxMl.TensorProto t, long count, long expected) {
        if (count != expected) {
            throw new IllegalStateException("initializer '" + t.getName() + "' of " + fileName + " holds " + count
                    + " floats but its shape " + t.getDimsList() + " needs " + expected);
        }
    }
}

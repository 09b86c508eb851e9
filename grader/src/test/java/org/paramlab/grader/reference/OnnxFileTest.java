package org.paramlab.grader.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Initializers stored either way ONNX allows: float_data, or raw_data in little-endian order. */
class OnnxFileTest {

    private static OnnxMl.TensorProto.Builder tensor(String name, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private static byte[] model(OnnxMl.TensorProto... initializers) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("g");
        for (OnnxMl.TensorProto t : initializers) {
            g.addInitializer(t);
        }
        return OnnxMl.ModelProto.newBuilder().setGraph(g)
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey("k").setValue("[\"a\"]"))
                .build().toByteArray();
    }

    @Test
    void readsFloatDataAndRawDataInFileOrder() {
        ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        raw.putFloat(1.5f).putFloat(-2f).putFloat(Float.MIN_VALUE);
        byte[] bytes = model(
                tensor("b", 2).addFloatData(0.25f).addFloatData(-0.5f).build(),
                tensor("a", 1, 3).setRawData(ByteString.copyFrom(raw.array())).build(),
                tensor("s").addFloatData(7f).build(),
                tensor("i", 2).setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addInt64Data(1).addInt64Data(2)
                        .build());
        OnnxFile file = OnnxFile.parse("t.onnx", bytes);
        assertThat(List.copyOf(file.initializers.keySet())).containsExactly("b", "a", "s", "i");
        assertThat(file.initializers.get("b").values()).containsExactly(0.25f, -0.5f);
        assertThat(file.initializers.get("a").shape()).containsExactly(1, 3);
        assertThat(file.initializers.get("a").values()).containsExactly(1.5f, -2f, Float.MIN_VALUE);
        assertThat(file.initializers.get("s").shape()).isEmpty();
        assertThat(file.initializers.get("i").unsupportedType()).isEqualTo("INT64");
        assertThat(file.metadata).containsEntry("k", "[\"a\"]");
    }

    @Test
    void aWrongElementCountIsAClearError() {
        byte[] bytes = model(tensor("w", 2, 2).addFloatData(1f).build());
        assertThatThrownBy(() -> OnnxFile.parse("t.onnx", bytes))
                .hasMessage("initializer 'w' of t.onnx holds 1 floats but its shape [2, 2] needs 4");
        byte[] raw = model(tensor("w", 2).setRawData(ByteString.copyFrom(new byte[5])).build());
        assertThatThrownBy(() -> OnnxFile.parse("t.onnx", raw))
                .hasMessage("initializer 'w' of t.onnx holds 5 bytes of raw data but its shape [2] needs 8");
    }

    @Test
    void notAModelIsAClearError() {
        assertThatThrownBy(() -> OnnxFile.parse("t.onnx", new byte[] {(byte) 0xff, 1, 2}))
                .hasMessageStartingWith("t.onnx is not a readable ONNX model");
    }
}

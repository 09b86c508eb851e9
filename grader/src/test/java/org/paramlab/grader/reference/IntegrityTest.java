package org.paramlab.grader.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import org.paramlab.grader.protocol.Provider;

class IntegrityTest {

    static byte[] resource(String fileName) throws IOException {
        try (InputStream in = IntegrityTest.class.getClassLoader()
                .getResourceAsStream(ReferenceManifest.RESOURCE_DIR + fileName)) {
            assertThat(in).as(fileName + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void sha256OfKnownBytes() {
        assertThat(Integrity.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theCommittedFilesMatchTheManifest() throws IOException {
        ReferenceManifest manifest = References.manifest();
        for (String file : new String[] {"net.onnx", "rgnet.onnx"}) {
            byte[] bytes = resource(file);
            assertThatCode(() -> manifest.verify(file, bytes)).doesNotThrowAnyException();
            assertThat(Integrity.sha256Hex(bytes)).isEqualTo(manifest.sha256(file).orElseThrow());
        }
    }

    @Test
    void theHashIsCompared_ignoringCase() throws IOException {
        byte[] bytes = resource("net.onnx");
        String upper = References.manifest().sha256("net.onnx").orElseThrow().toUpperCase();
        assertThatCode(() -> Integrity.verify("net.onnx", bytes, upper)).doesNotThrowAnyException();
    }

    @Test
    void aTamperedCopyIsRefused_namingTheFileBothHashesAndTheFix() throws IOException {
        byte[] tampered = resource("net.onnx");
        tampered[tampered.length / 2] ^= 1; // one bit, somewhere in the weights
        String expected = References.manifest().sha256("net.onnx").orElseThrow();
        String actual = Integrity.sha256Hex(tampered);

        assertThatThrownBy(() -> References.manifest().verify("net.onnx", tampered))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessage("net.onnx is not the file PyTorch exported: its SHA-256 is " + actual
                        + " but manifest.json expects " + expected + ".\n"
                        + "Fix: restore it with git checkout reference-models/models/net.onnx,"
                        + " or regenerate all references with /usr/bin/python3 reference-models/export.py");
        // The same check guards the models themselves: a tampered file never gets a session.
        assertThatThrownBy(() -> References.openUncached("net.onnx", tampered, Provider.CPU))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessageContaining(actual).hasMessageContaining(expected);
    }

    @Test
    void aFileMissingFromTheManifestIsRefused() throws IOException {
        byte[] bytes = resource("net.onnx");
        assertThatThrownBy(() -> References.manifest().verify("mlp.onnx", bytes))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessageStartingWith("mlp.onnx is not listed in reference-models/models/manifest.json,"
                        + " so its SHA-256 " + Integrity.sha256Hex(bytes) + " cannot be checked")
                .hasMessageContaining("lists " + String.join(", ", References.manifest().files()))
                .hasMessageContaining("regenerate all references with /usr/bin/python3 reference-models/export.py");
    }

    @Test
    void aFileMissingFromTheClasspathIsRefused() {
        assertThatThrownBy(() -> References.load("nett.onnx"))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessageStartingWith("nett.onnx is not on the classpath (looked for paramlab/reference-models/nett.onnx;")
                .hasMessageContaining("lists " + String.join(", ", References.manifest().files()));
    }

    @Test
    void theManifestDescribesTheFiles() {
        ReferenceManifest manifest = References.manifest();
        assertThat(manifest.files()).contains("net.onnx", "rgnet.onnx");
        assertThat(manifest.inputDims("net.onnx", "X")).containsExactly("batch", "4");
        assertThat(manifest.initializerDims("net.onnx", "0.weight")).containsExactly("8", "4");
        assertThat(manifest.opset()).isPositive();
        assertThat(manifest.torchVersion()).isNotBlank();
        assertThat(manifest.sha256("nope.onnx")).isEmpty();
    }

    @Test
    void aBrokenManifestIsAClearError() {
        assertThatThrownBy(() -> ReferenceManifest.parse("{\"files\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessageStartingWith("manifest.json is not valid JSON");
        assertThatThrownBy(() -> ReferenceManifest.parse("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReferenceIntegrityException.class)
                .hasMessageContaining("no \"files\" object");
    }
}

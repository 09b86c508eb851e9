package org.paramlab.grader.reference;

import java.util.List;
import java.util.Objects;

/**
 * A reference file read for its data alone: its {@code metadata_props}, checked against the manifest like
 * every reference, parsed without ONNX Runtime. For files whose graph is a placeholder and whose content is
 * PyTorch's answers, such as the corpus of generated networks: creating an ONNX Runtime session for a few
 * MB of metadata would cost a test JVM a second for nothing.
 */
public final class ReferenceData {

    private final String fileName;
    private final OnnxFile file;

    ReferenceData(String fileName, OnnxFile file) {
        this.fileName = fileName;
        this.file = file;
    }

    /** The file's name, e.g. {@code corpus.onnx}. */
    public String fileName() {
        return fileName;
    }

    /** The keys of the file's {@code metadata_props}, in file order. */
    public List<String> metadataKeys() {
        return List.copyOf(file.metadata.keySet());
    }

    /**
     * A {@code metadata_props} value as stored.
     *
     * @throws IllegalArgumentException if the key is missing
     */
    public String metadata(String key) {
        Objects.requireNonNull(key, "key");
        String value = file.metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException(fileName + " has no metadata '" + key + "'");
        }
        return value;
    }
}

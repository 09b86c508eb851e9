package org.paramlab.grader.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.paramlab.grader.protocol.MavenCommand;

/**
 * {@code reference-models/models/manifest.json}, written by {@code export.py}: for every reference
 * file its SHA-256, seed, description and the shapes of its inputs, outputs and initializers, plus
 * the torch, onnx and opset versions that made them.
 *
 * <p>The reference-models module puts the files and the manifest on the classpath under
 * {@value #RESOURCE_DIR}. {@link #readVerified(String)} reads a file from there and refuses it
 * unless its hash matches.
 */
public final class ReferenceManifest {

    /** Where the reference files and the manifest are on the classpath. */
    public static final String RESOURCE_DIR = "paramlab/reference-models/";

    /** The manifest's name in {@link #RESOURCE_DIR}. */
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final Map<String, JsonNode> files;

    private ReferenceManifest(JsonNode root) {
        this.root = root;
        JsonNode filesNode = root.path("files");
        if (!filesNode.isObject()) {
            throw new ReferenceIntegrityException(MANIFEST + " has no \"files\" object; regenerate all references with "
                    + Integrity.REGENERATE);
        }
        Map<String, JsonNode> map = new LinkedHashMap<>();
        filesNode.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        this.files = Collections.unmodifiableMap(map);
    }

    /** Reads the manifest from the classpath ({@value #RESOURCE_DIR}{@value #MANIFEST}). */
    public static ReferenceManifest fromClasspath() {
        byte[] bytes = readResource(RESOURCE_DIR + MANIFEST);
        if (bytes == null) {
            throw new ReferenceIntegrityException(MANIFEST + " is not on the classpath (looked for " + RESOURCE_DIR
                    + MANIFEST + ").\nFix: build the grader with -am (" + MavenCommand.MVN + " -pl grader -am test) so that the"
                    + " reference-models module is built, or restore it with git checkout "
                    + Integrity.MODELS_DIR + MANIFEST);
        }
        return parse(bytes);
    }

    /** Parses a manifest's JSON text. */
    public static ReferenceManifest parse(byte[] json) {
        try {
            return new ReferenceManifest(JSON.readTree(json));
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ReferenceIntegrityException(MANIFEST + " is not valid JSON (" + why
                    + "); restore it with git checkout " + Integrity.MODELS_DIR + MANIFEST
                    + ", or regenerate all references with " + Integrity.REGENERATE);
        }
    }

    /** The listed file names, in the manifest's order. */
    public Set<String> files() {
        return files.keySet();
    }

    /** Whether the manifest lists {@code fileName}. */
    public boolean lists(String fileName) {
        return files.containsKey(fileName);
    }

    /** The SHA-256 the manifest records for {@code fileName}, if it lists the file. */
    public Optional<String> sha256(String fileName) {
        JsonNode entry = files.get(fileName);
        return entry == null || !entry.path("sha256").isTextual()
                ? Optional.empty() : Optional.of(entry.path("sha256").asText());
    }

    /** The file's description written by {@code export.py}, or {@code ""}. */
    public String description(String fileName) {
        JsonNode entry = files.get(fileName);
        return entry == null ? "" : entry.path("description").asText("");
    }

    /**
     * The dimensions the manifest records for a graph input, as text: {@code ["batch", "4"]} for
     * {@code X} of {@code net.onnx}; empty if not recorded.
     */
    public List<String> inputDims(String fileName, String inputName) {
        return dims(fileName, "inputs", inputName);
    }

    /** The dimensions recorded for an initializer, e.g. {@code ["8", "4"]}; empty if not recorded. */
    public List<String> initializerDims(String fileName, String initializerName) {
        return dims(fileName, "initializers", initializerName);
    }

    private List<String> dims(String fileName, String section, String name) {
        JsonNode entry = files.get(fileName);
        JsonNode node = entry == null ? null : entry.path(section).get(name);
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        node.forEach(d -> out.add(d.asText()));
        return List.copyOf(out);
    }

    /** The PyTorch version that exported the files, e.g. {@code 1.13.0a0}. */
    public String torchVersion() {
        return root.path("torch").asText("");
    }

    /** The ONNX opset the files use. */
    public int opset() {
        return root.path("opset").asInt();
    }

    /**
     * Checks {@code bytes} against the manifest's hash for {@code fileName}.
     *
     * @throws ReferenceIntegrityException if the file is not listed or its hash differs
     */
    public void verify(String fileName, byte[] bytes) {
        Optional<String> expected = sha256(fileName);
        if (expected.isEmpty()) {
            throw Integrity.notInManifest(fileName, bytes, files());
        }
        Integrity.verify(fileName, bytes, expected.get());
    }

    /**
     * Reads {@code fileName} from {@value #RESOURCE_DIR} on the classpath and checks its hash.
     *
     * @throws ReferenceIntegrityException if it is not on the classpath, not listed, or altered
     */
    public byte[] readVerified(String fileName) {
        String resource = RESOURCE_DIR + fileName;
        byte[] bytes = readResource(resource);
        if (bytes == null) {
            throw Integrity.notOnClasspath(fileName, resource, files());
        }
        verify(fileName, bytes);
        return bytes;
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = ReferenceManifest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from the classpath", e);
        }
    }
}
